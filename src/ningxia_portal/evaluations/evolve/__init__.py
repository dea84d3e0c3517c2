"""Evolve steps of the evaluations (step 26)."""
