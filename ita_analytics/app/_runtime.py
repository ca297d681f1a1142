"""Process set-up and the performance devices, kept at the edge of the package.

The statistics below know nothing of threads or memory; the ``ita`` command sets up its process
here, and the pipeline wraps its long steps in :func:`one_blas_thread_while`.

Measured on the national data set (8,317 agencies, 1.35 million responses, 2 cores): BLAS's own
threads, idle beside the block products of the linearization (a block of rows × a few dozen
contrasts), spun and doubled the CPU time for the same wall time; handing freed memory back to
the system between steps keeps the peak at the data's size, not at a step's high-water mark
(``benchmarks/README.md``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

__all__ = ["one_blas_thread", "one_blas_thread_while", "release_memory"]


def one_blas_thread() -> None:
    """Keep BLAS to one thread, before numpy loads it.

    The command shares the cores among its own threads (reading two files side by side, flags beside
    the scores); the BLAS pool's threads would only spin beside them, from the moment numpy is
    imported. Set only when nobody chose otherwise, and only in a process that has not loaded numpy.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@contextlib.contextmanager
def one_blas_thread_while() -> Iterator[None]:
    """Hold BLAS to one thread while the block runs (restored after), in a process that loaded numpy.

    The linearization's products are small: BLAS's threads would only spin beside them, and beside
    our own threads (flags computed while the scores are), taking the cores from them.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        yield


def release_memory() -> None:
    """Hand the memory a step freed back to the system (Arrow's pool, the C library's ``malloc``)."""
    from ..io._fastcsv import release_memory as release

    release()
