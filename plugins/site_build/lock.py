"""One build of a tree at a time: an exclusive lock on a file beside the output.

``invoke serve`` rebuilding on a change and a build started by hand must not
render into and switch the same output at once. The lock is flock(2) on
``.output.lock``: the kernel releases it when its holder exits, however it
exits, so a killed build never leaves a stale lock behind. The file itself is
never deleted (deleting a lock file lets two builds hold two different locks).
"""

import contextlib
import fcntl
import os
import sys
import time

from site_data import tr

from .publish import lock_path

# How often a waiting build tries the lock again, in seconds.
POLL_INTERVAL = 0.1


class BuildLocked(Exception):
    """Another build of the same tree held the lock for longer than we could wait; ``reason`` says so."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


@contextlib.contextmanager
def build_lock(output_path, timeout=None, stream=None, lang=None):
    """Hold the build lock of ``output_path``; wait for it with a message (in ``lang``), at most ``timeout`` seconds."""
    path = lock_path(output_path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or tr("another process")
            folder = os.path.basename(output_path)
            waiting = tr(
                "Another build of {folder}/ is running ({holder}); waiting for it to finish…",
                folder=folder,
                holder=holder,
            )
            print(waiting.in_language(lang), file=stream or sys.stderr, flush=True)
            deadline = None if timeout is None else time.monotonic() + timeout
            while not _try_lock(handle):
                if deadline is not None and time.monotonic() >= deadline:
                    raise BuildLocked(
                        tr(
                            "another build of {folder}/ ({holder}) has been running for over {seconds} s; "
                            "wait for it to finish (or stop it), then build again",
                            folder=folder,
                            holder=holder,
                            seconds=f"{timeout:g}",
                        )
                    )
                time.sleep(POLL_INTERVAL)
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try_lock(handle):
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
