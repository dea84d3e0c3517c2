"""The server asks glibc for fewer malloc arenas (portal.malloc_arena_max), and to map
large blocks on their own."""

import ctypes
import platform

import pytest

from ningxia_portal.settings import load_settings
from ningxia_portal.web import malloc


def test_two_arenas_by_default():
    assert load_settings({"portal.secret": "t"})["portal.malloc_arena_max"] == 2


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_accepts_the_limit_and_the_threshold():
    assert malloc.limit_arenas(2) is True
    assert malloc.mmap_large_blocks() is True


def test_zero_leaves_malloc_alone(monkeypatch):
    def no_libc(*args):
        raise AssertionError("the C library must not be touched")

    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    assert malloc.limit_arenas(0) is False


def test_another_c_library_is_left_as_it_is(monkeypatch):
    def missing(*args):
        raise OSError("no such library")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert malloc.limit_arenas(2) is False
    assert malloc.mmap_large_blocks() is False


def test_the_app_sets_it_when_built(monkeypatch):
    from ningxia_portal import main

    asked = []
    monkeypatch.setattr("ningxia_portal.limit_arenas", asked.append)
    monkeypatch.setattr("ningxia_portal.mmap_large_blocks", lambda: asked.append("mmap"))
    main({}, **{"portal.secret": "t", "zodbconn.uri": "memory://", "portal.malloc_arena_max": "3"})
    assert asked == [3, "mmap"]
