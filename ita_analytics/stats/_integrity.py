"""Response integrity flags: duplicates, bursts, straight-lining and too-fast answers.

A flag never deletes a response. It marks it, counts it, and the scores are shown with and
without the flagged responses side by side, so the committee can see whether they matter.
Everything is vectorised: grouped hashes and sorted searches, linear in the number of responses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..core._arrays import row_blocks
from ..core._framework import Framework, Question, load_framework
from ..core._settings import Settings
from ..core._types import ReadResult, as_answer_codes, expect, responses_of

__all__ = ["IntegrityResult", "IntegritySettings", "check_integrity", "flag_responses"]

FLAGS = ("duplicate", "near_duplicate", "burst", "straight_lining", "too_fast")


@dataclass(frozen=True, slots=True)
class IntegritySettings:
    """Thresholds of the integrity flags (each a judgement, so each a setting)."""

    duplicate_window_minutes: float = 60.0  # identical answers from the same group within this time
    burst_minutes: float = 5.0  # a burst: this many minutes …
    burst_size: int = 15  # … holding at least this many submissions from one group
    straight_line_share: float = 0.9  # share of the 4-level questions that must be answered to judge
    min_seconds_per_question: float = 2.0  # faster than this per question is implausible


@dataclass(frozen=True, kw_only=True)
class IntegrityResult:
    """Flags per response, counts per flag, and scores with and without the flagged responses.

    Attributes
    ----------
    flags : dict of str → DataFrame
        Per tool: ``response_id`` and one bool column per flag, plus ``any``.
    counts : DataFrame
        ``tool, flag, responses, share``.
    sensitivity : DataFrame
        ``level, id, score_all, score_unflagged, difference, n_all, n_unflagged``.
    """

    flags: dict[str, pd.DataFrame]
    counts: pd.DataFrame
    sensitivity: pd.DataFrame
    settings: IntegritySettings

    def to_dict(self) -> dict[str, Any]:
        from ..core._json import records

        return {"counts": records(self.counts), "sensitivity": records(self.sensitivity),
                "settings": {k: getattr(self.settings, k) for k in self.settings.__slots__}}


def _group_codes(frame: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """One integer per combination of the given columns (those present) of each response.

    Each column's codes (a Categorical's own, or factorized; blank = 0) are combined as digits of
    a mixed-radix number, renumbered densely whenever the next digit could overflow 64 bits.
    """
    key = np.zeros(len(frame), dtype=np.int64)
    size = 1  # key < size
    for column in (frame[c] for c in columns if c in frame):
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, levels = column.cat.codes.to_numpy(), len(column.cat.categories)
        else:
            codes, uniques = pd.factorize(column)
            levels = len(uniques)
        if size * (levels + 1) >= 1 << 62:
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key = key * (levels + 1) + (codes.astype(np.int64) + 1)
        size *= levels + 1
    return key


def _answer_terms(codes: np.ndarray) -> np.ndarray:
    """The terms (n × Q) of a 64-bit hash of each answer vector: their sum is the vector's hash.

    Answer codes (−1 = blank, its own code) are hashed as a polynomial in a large odd base with
    wrap-around arithmetic, so the hash of any part of a vector (one answer masked, half of the
    questions) is a sum of some of its terms.
    """
    terms = codes.astype(np.int64).astype(np.uint64) + np.uint64(2)  # blank (−1) → 1, code k → k + 2
    base = np.uint64(0x9E3779B97F4A7C15)
    powers = np.ones(codes.shape[1], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(1, codes.shape[1]):
            powers[k] = powers[k - 1] * base  # wraps modulo 2**64, on purpose
        return terms * powers


def _time_ranks(times: np.ndarray) -> np.ndarray:
    """Each row's place in time order, ties in row order (rows without a date first; they are never used)."""
    rank = np.empty(len(times), dtype=np.int64)
    rank[np.argsort(times.astype(np.int64), kind="stable")] = np.arange(len(times))
    return rank


def _by_key_then_time(times: np.ndarray, keys: np.ndarray,
                      rank: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dated rows sorted by key, then time, ties in row order: (row positions, key codes, times in ns).

    The keys are numbered 0 … K−1 and each row's rank in time is put below its key's number, so
    one sort of distinct integers does what a two-key sort would (at half the cost). The key
    codes come out ascending. ``rank``: the rows' :func:`_time_ranks`, when the caller has them
    (ranks among more rows keep their order, so one ranking serves every subset of the rows).
    """
    valid = ~np.isnat(times)
    idx = np.flatnonzero(valid)
    t = times[valid].astype(np.int64)
    code = pd.factorize(keys[valid])[0].astype(np.int64)
    r = (_time_ranks(times) if rank is None else rank)[valid]
    order = np.argsort(code * (int(r.max()) + 1 if len(r) else 1) + r)
    return idx[order], code[order], t[order]


def _within_window(times: np.ndarray, keys: np.ndarray, window: np.int64, rank: np.ndarray | None = None) -> np.ndarray:
    """True for a row whose previous row with the same key lies at most ``window`` ns before it."""
    shared = pd.Series(keys).duplicated(keep=False).to_numpy()  # only keys seen twice can match: sort those
    hit = np.zeros(len(times), dtype=bool)
    if not shared.any():
        return hit
    rows = np.flatnonzero(shared)
    hit[rows] = _within_window_sorted(times[rows], keys[rows], window, None if rank is None else rank[rows])
    return hit


def _within_window_sorted(times: np.ndarray, keys: np.ndarray, window: np.int64,
                          rank: np.ndarray | None = None) -> np.ndarray:
    idx, k, t = _by_key_then_time(times, keys, rank)
    hit_sorted = np.zeros(len(idx), dtype=bool)
    hit_sorted[1:] = (k[1:] == k[:-1]) & (t[1:] - t[:-1] <= window)
    hit = np.zeros(len(times), dtype=bool)
    hit[idx[hit_sorted]] = True
    return hit


def _has_neighbour(times: np.ndarray, keys: np.ndarray, window: np.int64, rank: np.ndarray | None = None) -> np.ndarray:
    """True for a dated row with another row of the same key at most ``window`` ns before or after it."""
    idx, k, t = _by_key_then_time(times, keys, rank)
    close = (k[1:] == k[:-1]) & (t[1:] - t[:-1] <= window)  # neighbours in (key, time) order
    hit = np.zeros(len(times), dtype=bool)
    hit[idx[1:][close]] = True
    hit[idx[:-1][close]] = True
    return hit


def _straight_lining(codes: np.ndarray, min_answered: float) -> np.ndarray:
    """True for a response giving one answer code to every answered question (``codes``: n × Q, −1 = blank).

    Codes are the answers as written ("most" is "most" on a reverse-worded question too), so one
    code throughout contradicts itself where the questions point both ways. At least
    ``min_answered`` questions must be answered to judge.
    """
    out = np.zeros(len(codes), dtype=bool)
    for rows in row_blocks(len(codes)):
        block = codes[rows]
        answered = block >= 0
        low = np.where(answered, block, np.int8(127)).min(axis=1)
        out[rows] = (low == block.max(axis=1)) & (answered.sum(axis=1) >= min_answered)
    return out


def _code_matrix(frame: pd.DataFrame, questions: Sequence[Question]) -> np.ndarray:
    """The answer codes of ``questions`` as an int8 matrix (n × Q; −1 = no answer)."""
    codes = np.empty((len(frame), len(questions)), dtype=np.int8, order="F")
    for k, q in enumerate(questions):
        codes[:, k] = as_answer_codes(frame[q.id], q.scale, name=f"column {q.id}").codes
    return codes


def _window_starts(t: np.ndarray, start: np.ndarray, span: np.int64) -> np.ndarray:
    """For each row, the first row of its group at or after t − span.

    Rows are sorted by group, then time ``t``; ``start`` is where each row's group begins.

    A binary search over every row at once, in exact integer time: about log₂(largest group)
    vectorised steps.
    """
    lo, hi = start.copy(), np.arange(len(t))  # the answer lies in [lo, hi]: the row itself qualifies
    border = t - span
    while (open_ := lo < hi).any():
        mid = (lo + hi) // 2
        before = t[mid] < border
        lo = np.where(open_ & before, mid + 1, lo)
        hi = np.where(open_ & ~before, mid, hi)
    return lo


def _bursts(times: np.ndarray, groups: np.ndarray, span: np.int64, size: int,
            rank: np.ndarray | None = None) -> np.ndarray:
    """True for every response inside a window of ``span`` ns holding ≥ ``size`` submissions of its group."""
    idx, g, t = _by_key_then_time(times, groups, rank)
    lo = _window_starts(t, np.searchsorted(g, g, side="left"), span)
    dense = (np.arange(len(t)) - lo + 1) >= size
    cover = np.zeros(len(t) + 1, dtype=np.int64)  # mark [lo, e] of every dense window at once
    np.add.at(cover, lo[dense], 1)
    np.add.at(cover, np.flatnonzero(dense) + 1, -1)
    inside = np.cumsum(cover[:-1]) > 0
    hit = np.zeros(len(times), dtype=bool)
    hit[idx[inside]] = True
    return hit


def flag_responses(frame: pd.DataFrame, tool: str, framework: Framework, *,
                   settings: IntegritySettings | None = None) -> pd.DataFrame:
    """Flag one tool's responses. Returns ``response_id`` and one bool column per flag, plus ``any``.

    - ``duplicate``: the same answers (blanks included) as an earlier response of the same
      agency, department and staff type (IIT) or respondent group (EIT) within the window. The
      first is not flagged.
    - ``near_duplicate``: the same but for exactly one answer.
    - ``burst``: one of at least ``burst_size`` submissions of one agency and department within
      ``burst_minutes``.
    - ``straight_lining``: every answered 4-level question has the same answer, reverse-worded ones
      included (a respondent reading the questions would not), with most of them answered. Only
      for a tool with both positively and negatively worded 4-level questions (the FY2566 IIT);
      where all point one way, the same answer throughout is no sign of inattention.
    - ``too_fast``: answered faster than ``min_seconds_per_question`` per question (needs a
      ``started_at`` column).
    """
    st = settings or IntegritySettings()
    frame = frame.reset_index(drop=True)
    questions = framework.questions_of(tool)
    qids = [q.id for q in questions]
    codes = _code_matrix(frame, questions)
    groups = _group_codes(frame, ("agency", "department", "staff_type", "respondent_group"))  # who is alike
    places = _group_codes(frame, ("agency", "department"))  # where a burst happens
    times = (frame["submitted_at"] if "submitted_at" in frame else pd.Series(pd.NaT, index=frame.index))
    times = times.to_numpy(dtype="datetime64[ns]")
    out = pd.DataFrame({"response_id": frame["response_id"]})
    window = np.int64(pd.Timedelta(minutes=st.duplicate_window_minutes).value)
    duplicate = np.zeros(len(frame), dtype=bool)
    near = np.zeros(len(frame), dtype=bool)
    # Only a response with another of its group within the window can be a (near-)duplicate: both
    # of a matching pair are such "candidates", and so is every response between them. Hashing
    # the candidates alone gives the same flags as hashing everything, at a fraction of the cost.
    rank = _time_ranks(times)  # one time order for every search below
    candidates = np.flatnonzero(_has_neighbour(times, groups, window, rank))
    mix = np.uint64(0xD6E8FEB86659FD93)
    with np.errstate(over="ignore"):
        terms = _answer_terms(codes[candidates])
        salt = groups[candidates].astype(np.uint64) * mix
        full = terms.sum(axis=1, dtype=np.uint64)
        # Two answer vectors differing in at most one answer agree on all of the first half of the
        # questions or on all of the second half: only candidates with such a neighbour stay.
        first = terms[:, : len(qids) // 2].sum(axis=1, dtype=np.uint64)
        agree = (_has_neighbour(times[candidates], first ^ salt, window, rank[candidates])
                 | _has_neighbour(times[candidates], (full - first) ^ salt, window, rank[candidates]))
        candidates, terms, salt, full = candidates[agree], terms[agree], salt[agree], full[agree]
        duplicate[candidates] = _within_window(times[candidates], full ^ salt, window, rank[candidates])
        # every one-answer-masked hash at once (c × Q keys, question k salted with k + 1)
        masked = (full[:, None] - terms) ^ salt[:, None] ^ np.arange(1, len(qids) + 1, dtype=np.uint64)[None, :]
        hits = _within_window(np.repeat(times[candidates], len(qids)), masked.ravel(), window,
                              np.repeat(rank[candidates], len(qids)))
    near[candidates] = hits.reshape(len(candidates), len(qids)).any(axis=1)
    out["duplicate"] = duplicate
    out["near_duplicate"] = near & ~duplicate
    out["burst"] = _bursts(times, places, np.int64(pd.Timedelta(minutes=st.burst_minutes).value), st.burst_size,
                           rank)
    four = [q for q in questions if q.scale == "4L"]
    if four and {q.reverse for q in four} == {True, False}:  # only then is one answer to all contradictory
        out["straight_lining"] = _straight_lining(codes[:, [qids.index(q.id) for q in four]],
                                                  st.straight_line_share * len(four))
    else:
        out["straight_lining"] = False
    if "started_at" in frame and frame["started_at"].notna().any():
        seconds = (frame["submitted_at"] - frame["started_at"]).dt.total_seconds()
        out["too_fast"] = (seconds < st.min_seconds_per_question * len(qids)).fillna(False).to_numpy()
    else:
        out["too_fast"] = False
    out["any"] = out[list(FLAGS)].any(axis=1)
    return out


def check_integrity(
    iit: ReadResult | pd.DataFrame | None,
    eit: ReadResult | pd.DataFrame | None,
    oit: ReadResult | pd.DataFrame | None = None,
    roster: ReadResult | pd.DataFrame | None = None,
    *,
    framework: Framework | None = None,
    settings: Settings | None = None,
    integrity: IntegritySettings | None = None,
    scored: Any = None,
    flags: Mapping[str, pd.DataFrame] | None = None,
) -> IntegrityResult:
    """Flag responses and score with and without the flagged ones (never deleting any).

    ``scored`` is the score of all responses and ``flags`` a tool's flags (as
    :func:`flag_responses` gives them, with the same settings) when the caller has them already:
    they are not computed twice.
    """
    from ._estimates import subset_scores
    from ._scoring import overall_score, score

    expect(framework, "framework", Framework, "a Framework (load_framework(2566))")
    expect(integrity, "integrity", IntegritySettings, "an IntegritySettings")
    fw = framework or load_framework()
    st = integrity or IntegritySettings()
    frames = {t: f for t, r in (("IIT", iit), ("EIT", eit))
              if (f := responses_of(r, t, [q.id for q in fw.questions_of(t)])) is not None}
    given = dict(flags or {})
    flags = {t: given[t] if t in given else flag_responses(f, t, fw, settings=st) for t, f in frames.items()}
    counts = pd.DataFrame([{"tool": t, "flag": name, "responses": int(fl[name].sum()),
                            "share": float(fl[name].mean()) if len(fl) else 0.0}
                           for t, fl in flags.items() for name in (*FLAGS, "any")])
    everything = scored if scored is not None else score(frames.get("IIT"), frames.get("EIT"), oit, roster,
                                                          framework=fw, settings=settings)
    kept = {t: ~flags[t]["any"].to_numpy() for t in frames}

    def levels(result: Any) -> pd.DataFrame:
        rows = [{"level": "overall", "id": "ITA", "score": result.overall["score"], "n": np.nan}] if result.overall else []
        rows += [{"level": "tool", "id": r.tool, "score": r.score, "n": r.n} for r in result.tools.itertuples()]
        rows += [{"level": "indicator", "id": r.indicator, "score": r.score, "n": r.n} for r in result.indicators.itertuples()]
        return pd.DataFrame(rows)

    a = levels(everything).rename(columns={"score": "score_all", "n": "n_all"})
    if all(k.any() for k in kept.values()):
        # the unflagged responses, scored as a subset in place (no copy of the tables)
        parts = [subset_scores(f, t, kept[t], framework=fw) for t, f in frames.items()]  # positional: no copy needed
        b = pd.concat([p[p["level"] != "question"][["level", "id", "score", "n"]] for p in parts], ignore_index=True)
        oit_rows = a[(a["level"] == "tool") & (a["id"] == "OIT") | (a["level"] == "indicator") & ~a["id"].isin(b["id"])]
        b = pd.concat([b, oit_rows.rename(columns={"score_all": "score", "n_all": "n"})], ignore_index=True)
        if everything.overall is not None:  # OIT has no responses to flag: its score stays
            t = b[b["level"] == "tool"].set_index("id")["score"]
            ita = overall_score(iit=float(t["IIT"]), eit=float(t["EIT"]), oit=float(t["OIT"]), framework=fw)["score"]
            b = pd.concat([pd.DataFrame([{"level": "overall", "id": "ITA", "score": ita, "n": np.nan}]), b],
                          ignore_index=True)
        b = b.rename(columns={"score": "score_unflagged", "n": "n_unflagged"})
        sens = a.merge(b, on=["level", "id"], how="left")
    else:
        sens = a.assign(score_unflagged=np.nan, n_unflagged=0)
    sens["difference"] = sens["score_unflagged"] - sens["score_all"]
    sens = sens[["level", "id", "score_all", "score_unflagged", "difference", "n_all", "n_unflagged"]]
    return IntegrityResult(flags=flags, counts=counts, sensitivity=sens, settings=st)
