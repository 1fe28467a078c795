"""Rendering diagnostics for people and machines (text, JSON, ...): separate from finding them."""
