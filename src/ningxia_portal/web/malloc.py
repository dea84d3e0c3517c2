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
"""

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

M_ARENA_MAX = -8  # glibc's malloc.h


def limit_arenas(limit):
    """Ask glibc for at most ``limit`` arenas; True when it accepted."""
    if limit <= 0:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc: nothing to set
        log.info("malloc arenas: no mallopt in this C library, left as they are")
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, limit) == 1
