"""The statistics' pages: ``/stats/`` and one page per statistic, each with its filter, a bar
and a pie chart, the same figures as a table and as CSV; ``/stats/public`` for everyone."""
