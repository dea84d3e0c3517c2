"""At most ``portal.malloc_arena_max`` glibc malloc arenas in the server process.

glibc gives each thread that allocates under contention an arena of its own, up to 8 per
core, and an arena keeps what it freed for reuse by that thread. The listing pages allocate
tens of MB per request (docid sets, sorted ids, loaded buckets), on each of waitress's 8
threads in turn, and every thread's arena kept its own high-water mark: at 120,000 filings
the bench server's peak RSS was 334 MB, 289 MB with 2 arenas (measured twice each, same
pages). Python allocates under the GIL, so threads rarely contend for an arena and fewer
cost nothing measurable; argon2 (which releases the GIL) runs on its own small pool.

The limit is set with ``mallopt(M_ARENA_MAX)`` when the application is built, before
waitress starts its threads, so production gets it without an environment variable (glibc's
``MALLOC_ARENA_MAX`` does the same from outside). 0 leaves glibc's default; on a C library
other than glibc nothing happens.

Blocks of ``MMAP_THRESHOLD`` (16 MiB) and more are always mapped on their own, so freeing
one gives it back to the system (``mmap_large_blocks``). glibc's default threshold moves:
once a mapped block is freed, blocks up to its size come from the arenas from then on. Each
password check allocates argon2's 19 MiB, so after the first login those came from the
arenas and stayed there: the bench server's RSS grew about 50 MB over its login page and
never fell back. With the fixed threshold its peak over the same six pages (login, a case,
a submission …) was 211–213 MB against 250–256 MB, two alternating runs each; the pages'
speed stayed within the run-to-run noise. Smaller blocks always come from the arenas, as
they did anyway once glibc's moving threshold had risen past them (the first large free).
"""

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 16 * 1024 * 1024


def _mallopt():
    """glibc's ``mallopt``, or None in another C library."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: nothing to set
        log.info("malloc: no mallopt in this C library, left as it is")
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt


def limit_arenas(limit):
    """Ask glibc for at most ``limit`` arenas; True when it accepted."""
    if limit <= 0:
        return False
    mallopt = _mallopt()
    return mallopt is not None and mallopt(M_ARENA_MAX, limit) == 1


def mmap_large_blocks(threshold=MMAP_THRESHOLD):
    """Map blocks of ``threshold`` bytes and more on their own, always; True when glibc
    accepted."""
    mallopt = _mallopt()
    return mallopt is not None and mallopt(M_MMAP_THRESHOLD, threshold) == 1
