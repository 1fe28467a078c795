"""Stage 2: syntax tree -> resolved, typed, immutable model."""
