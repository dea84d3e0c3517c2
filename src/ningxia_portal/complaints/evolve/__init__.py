"""Evolve steps of the complaints (step 22)."""
