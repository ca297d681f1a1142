"""SHA-256 of input files (their provenance), computed in background threads.

The ``ita`` command starts hashing the files it was given before it loads numpy and pandas (half
a second in which one core would be idle); the readers then take that digest instead of hashing
the file again beside the parse. A file is hashed once per process while it is unchanged (the
Parquet cache's key and the reader's provenance share one digest). Standard library only, so that
it can run before those imports.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Hashing", "file_sha256", "hash_early", "hashing"]


class Hashing:
    """A file's SHA-256, computed in a background thread (hashlib lets go of the interpreter)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)  # the file
        self.stamp = _stamp(self.path)  # its size, modification time and inode when hashing began
        self._digest = ""
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._digest = _sha256(self.path)
        except OSError as exc:  # the reader meets the same problem and says so
            self._error = exc

    def result(self) -> str:
        """The hex digest (waits for the thread); OSError if the file could not be read."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest


#: Every file hashed (or being hashed) in this process, by absolute path.
_jobs: dict[str, Hashing] = {}
_lock = threading.Lock()


def hash_early(paths: Iterable[str | Path | None]) -> None:
    """Start hashing files that are about to be read (missing files and folders are skipped)."""
    for path in paths:
        if path is not None and Path(path).is_file():
            hashing(path)


def hashing(path: str | Path) -> Hashing:
    """The file's hashing: the one begun before, while the file is unchanged since; else a new one."""
    key, stamp = _key(path), _stamp(Path(path))
    with _lock:
        job = _jobs.get(key)
        if job is None or job.stamp != stamp:
            job = _jobs[key] = Hashing(path)
    return job


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file (hex), read in blocks: a large export is never held whole."""
    return hashing(path).result()


def _key(path: str | Path) -> str:
    return os.path.abspath(path)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    block = bytearray(1 << 20)  # one buffer, refilled: no fresh memory per block
    view = memoryview(block)
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(block):
            digest.update(view[:size])
    return digest.hexdigest()
