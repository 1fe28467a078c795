"""Rules for the `coherence` framework."""
