"""Rules for the `collaborative_professionalism` framework."""
