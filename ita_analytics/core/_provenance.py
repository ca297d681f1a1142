"""Provenance: what every output records about how it was made (one helper for every result)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._version import __version__
from ._framework import Framework
from ._settings import Settings
from ._types import ReadResult

__all__ = ["input_hashes", "provenance"]


def provenance(*, framework: Framework | None = None, settings: Settings | None = None,
               inputs: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    """The provenance block of a result: package version, framework year and hash, settings, inputs, time.

    ``inputs`` maps each input (``"IIT"``, ``"roster"`` …) to its file's SHA-256; ``extra`` adds
    fields of the caller's own (e.g. a comparison's ``sources``). ``created`` is the time, in UTC.
    """
    doc: dict[str, Any] = {"package_version": __version__}
    if framework is not None:
        doc.update(framework_year=framework.fiscal_year, frame_year=framework.frame_year,
                   carried_forward=framework.carried_forward, framework_status=framework.status,
                   framework_sha256=framework.sha256)
    if settings is not None:
        doc["settings"] = {k: getattr(settings, k) for k in settings.__dataclass_fields__}
    if inputs is not None:
        doc["inputs"] = dict(inputs)
    doc.update(extra)
    doc["created"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return doc


def input_hashes(**results: Any) -> dict[str, str]:
    """SHA-256 of each input that came from a file (readers' results; tables given directly have none)."""
    return {key: r.source.sha256 for key, r in results.items() if isinstance(r, ReadResult)}
