"""Evolve steps of the working-day calendar."""
