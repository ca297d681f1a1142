"""Files written whole or not at all, never over an input, into folders that say why they cannot be used.

Every output of the package goes through :func:`atomic_write`: the file is written under a
temporary name in its own folder and then renamed over the target (atomic on one file system), so a
reader (or a second run writing the same file at the same moment) sees one run's whole file or the
other's, never a mix. While :func:`protect` is active (the ``ita`` command protects every file it
was given), a target that is one of those inputs (the same path, or the same file under another
name: same device and inode) is refused with one sentence.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._errors import ITAInputError

__all__ = ["atomic_write", "ensure_folder", "protect", "refuse_input"]

_lock = threading.Lock()
_protected: dict[tuple[int, int], str] = {}  # (device, inode) of each protected input → the path as given
_protected_paths: dict[str, str] = {}  # resolved path → the path as given (a file not yet … or one replaced)


@contextlib.contextmanager
def protect(paths: Iterable[str | os.PathLike[str] | None]) -> Iterator[None]:
    """While the block runs, refuse to write over any of ``paths`` (missing ones and None are skipped)."""
    added: list[tuple[tuple[int, int] | None, str]] = []
    with _lock:
        for p in paths:
            if p is None:
                continue
            resolved = os.path.realpath(p)
            try:
                st = os.stat(p)
                key: tuple[int, int] | None = (st.st_dev, st.st_ino)
            except OSError:
                key = None
            if key is not None and key not in _protected:
                _protected[key] = str(p)
            if resolved not in _protected_paths:
                _protected_paths[resolved] = str(p)
            added.append((key, resolved))
    try:
        yield
    finally:
        with _lock:
            for key, resolved in added:
                if key is not None:
                    _protected.pop(key, None)
                _protected_paths.pop(resolved, None)


def refuse_input(path: str | os.PathLike[str]) -> None:
    """Raise :class:`ITAInputError` when ``path`` is (or is another name of) a protected input."""
    if not _protected and not _protected_paths:
        return
    given = _protected_paths.get(os.path.realpath(path))
    if given is None:
        try:
            st = os.stat(path)
            given = _protected.get((st.st_dev, st.st_ino))
        except OSError:
            given = None
    if given is not None:
        raise ITAInputError("would_replace_input", target=str(path), given=str(given))


def ensure_folder(folder: str | os.PathLike[str]) -> Path:
    """The folder, made if missing; an unusable one is :class:`ITAInputError` with one sentence."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ITAInputError("output_is_file", folder=str(folder)) from None
    except PermissionError:
        raise ITAInputError("no_permission", folder=str(folder)) from None
    except OSError as exc:
        raise ITAInputError("cannot_make_folder", folder=str(folder), why=str(exc.strerror)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ITAInputError("no_permission", folder=str(folder))
    return folder


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], object]) -> Path:
    """Write a file whole or not at all: ``write(temporary)`` then rename it over ``path``.

    The temporary file sits in the target's folder with the target's suffix (writers that read the
    format from the name, such as matplotlib's, keep working). Anything that fails leaves the target
    as it was and no temporary behind; a folder or file that cannot be written is
    :class:`ITAInputError`.
    """
    path = Path(path)
    refuse_input(path)
    folder = ensure_folder(path.parent)
    if path.is_dir():
        raise ITAInputError("output_is_folder", target=str(path))
    temporary = folder / f".{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part{path.suffix}"
    try:
        write(temporary)
        os.replace(temporary, path)
    except PermissionError:
        temporary.unlink(missing_ok=True)
        raise ITAInputError("cannot_write", target=str(path)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
