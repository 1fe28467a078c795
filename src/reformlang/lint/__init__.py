"""Fitting `reformlang check` for CI: configuration, suppressions, baseline, and the report they shape.

The rules themselves live in `reformlang.checks`; this package decides which
rules run on which file, at what severity, which findings are waived (by a
comment or a baseline) and whether the run fails.
"""
