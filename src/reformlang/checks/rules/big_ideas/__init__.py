"""Rules for the `big_ideas` framework."""
