"""The message box's evolve step: 25 (the /messages/ container of an existing database)."""
