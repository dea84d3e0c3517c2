"""The statistics' evolve step: 28 (``/stats/`` and its counters, counted from the data)."""
