"""SIGTERM becomes a clean exit of the main thread, and only where nobody else chose."""

import signal
import threading

import pytest

from ningxia_portal.web import stopping


@pytest.fixture
def sigterm():
    before = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    yield
    signal.signal(signal.SIGTERM, before)


def test_the_default_handler_becomes_a_clean_exit(sigterm):
    assert stopping.stop_gracefully_on_sigterm() is True
    with pytest.raises(SystemExit) as stopped:
        signal.raise_signal(signal.SIGTERM)
    assert stopped.value.code == 0


def test_a_handler_someone_set_is_kept(sigterm):
    def theirs(signum, frame):
        pass

    signal.signal(signal.SIGTERM, theirs)
    assert stopping.stop_gracefully_on_sigterm() is False
    assert signal.getsignal(signal.SIGTERM) is theirs


def test_an_app_built_off_the_main_thread_sets_nothing(sigterm):
    result = []
    worker = threading.Thread(target=lambda: result.append(stopping.stop_gracefully_on_sigterm()))
    worker.start()
    worker.join()
    assert result == [False] and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
