"""Evolve steps of the notices: 23."""
