"""Evolve steps of appointments."""
