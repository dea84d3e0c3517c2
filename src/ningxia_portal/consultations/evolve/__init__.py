"""Evolve steps of this package (registered with ``config.add_evolve_steps``)."""
