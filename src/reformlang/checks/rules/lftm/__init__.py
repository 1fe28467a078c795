"""Rules for the `lftm` framework."""
