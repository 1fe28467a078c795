"""reformlang: a declarative language and compiler for designing school-system reforms."""

__version__ = "0.1.0"
