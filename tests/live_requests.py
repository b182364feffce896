"""Requests the live server is still handling, so a browser test can wait for them to end
before the database is flushed.

A page being closed still sends what it sends on `pagehide` (the reading position, with
`keepalive`). Handled while pytest-django flushes the tables between transactional tests, on
SQLite's in-memory database whose connection the live server shares, such a request left the
previous test's user behind (a UNIQUE failure on `make_user("lea")` in the next test).
"""

import threading
import time

from django.core.signals import request_finished, request_started

_lock = threading.Condition()
# The threads of the live server handling a request now. The test client's requests run in
# the main thread and are left out: one that raises never sends request_finished.
_in_flight: set[threading.Thread] = set()


def _started(**kwargs):
    thread = threading.current_thread()
    if thread is not threading.main_thread():
        with _lock:
            _in_flight.add(thread)


def _finished(**kwargs):
    # Connected after Django's own close_old_connections, so it runs once the request is
    # done with the database.
    with _lock:
        _in_flight.discard(threading.current_thread())
        _lock.notify_all()


request_started.connect(_started, dispatch_uid="tests.live_requests.started")
request_finished.connect(_finished, dispatch_uid="tests.live_requests.finished")


def _busy() -> bool:
    _in_flight.difference_update([t for t in _in_flight if not t.is_alive()])
    return bool(_in_flight)


def wait_until_quiet(quiet: float = 0.3, timeout: float = 10.0) -> bool:
    """Wait until the live server has had no request in hand for `quiet` seconds; False if
    it is still busy after `timeout`."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    with _lock:
        while time.monotonic() < deadline:
            if _busy():
                quiet_since = None
            else:
                now = time.monotonic()
                quiet_since = quiet_since or now
                if now - quiet_since >= quiet:
                    return True
            _lock.wait(timeout=0.05)
    return False
