"""Column arrays shared by every layer: Arrow-backed text without copies, and row blocks.

The vectorised passes (reading, scoring, integrity) take a block of rows at a time so that their
temporaries stay in the processor's cache; texts are gathered by Arrow, never one Python string
per row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

__all__ = ["row_blocks", "take_texts", "text_array"]


def text_array(values: object) -> pd.api.extensions.ExtensionArray:
    """An Arrow string array as pandas' default text dtype (``str``), without copying."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pd.StringDtype("pyarrow", na_value=np.nan).__from_arrow__(values)


#: Rows handled at once by the vectorised passes: their temporaries (a few megabytes for 40 questions)
#: stay in the processor's cache, which on a machine short of memory bandwidth is what counts.
_BLOCK_ROWS = 1 << 14


def row_blocks(n: int) -> Iterator[slice]:
    """Slices of at most ``_BLOCK_ROWS`` rows covering rows 0 … n − 1, in order."""
    for start in range(0, n, _BLOCK_ROWS):
        yield slice(start, min(start + _BLOCK_ROWS, n))


def take_texts(names: Sequence[str | None], codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``names[codes]`` as pandas text (None: a missing cell), gathered by Arrow, no Python string per row."""
    import pyarrow as pa

    return text_array(pa.array(list(names), type=pa.string()).take(pa.array(codes)))

