"""The load runner of ``make bench`` (not installed; run from the repository root)."""
