"""Stage 1: source text -> syntax tree with spans."""
