"""The rules, one module each, grouped by the framework whose principle they check."""
