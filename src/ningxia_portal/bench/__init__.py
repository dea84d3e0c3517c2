"""Benchmark support that must live in the installed package.

- ``ningxia-portal-gen`` (``script.py``): writes a realistic, large database for ``make bench``;
  one generator per domain (``domains.py``), batched commits (``writer.py``), the catalog hook
  (``indexing.py``).
- ``ceiling.py``: the bench-only ``@@ceiling`` view, included only by ``bench/bench.ini``.

The load runner itself is not installed: it lives in the repository's ``bench/`` folder.
"""
