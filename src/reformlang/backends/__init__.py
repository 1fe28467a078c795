"""Backends: what planners look at (diagrams, plans, a built folder), generated from the resolved model only."""
