"""Evolve steps of the audit log."""
