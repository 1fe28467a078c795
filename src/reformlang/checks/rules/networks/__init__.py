"""Rules for the `networks` framework."""
