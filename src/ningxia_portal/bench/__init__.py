"""Benchmark support that must live in the installed package.

- ``ningxia-portal-gen`` (``script.py``): writes a realistic, large database for ``make bench``;
  one generator per domain (``domains.py``), batched commits (``writer.py``), docids from a
  range of its own (``indexing.py``); it runs on the app's own configuration, so the
  catalog's subscribers index what it adds.
- ``ceiling.py``: the bench-only ``@@ceiling`` view, included only by ``bench/bench.ini``.

The load runner itself is not installed: it lives in the repository's ``bench/`` folder.
"""
