"""Damaged exports never raise anything but the library's exception, and the ledger balances."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ita_analytics as ia

_SOURCE: list[str] = []


def _lines(raw_dir) -> list[str]:
    if not _SOURCE:
        _SOURCE.extend((raw_dir / "eit_2566.csv").read_bytes().decode("utf-8-sig").splitlines()[:60])
    return _SOURCE


@st.composite
def damage(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    ops = draw(st.lists(st.sampled_from(["cut", "shuffle_columns", "noise", "blank_lines", "drop_cells",
                                         "dup_lines", "bom", "quote"]), min_size=1, max_size=4))
    return seed, ops


def _apply(lines: list[str], seed: int, ops: list[str]) -> bytes:  # noqa: C901  # one branch per kind of damage
    rnd = random.Random(seed)
    rows = [line.split(",") for line in lines]
    for op in ops:
        if op == "cut" and rows:
            keep = rnd.randrange(1, len(rows) + 1)
            rows = rows[:keep]
            if rows and rows[-1]:
                rows[-1] = rows[-1][: rnd.randrange(0, len(rows[-1]) + 1)]
        elif op == "shuffle_columns" and rows:
            order = list(range(len(rows[0])))
            rnd.shuffle(order)
            rows = [[r[k] for k in order if k < len(r)] for r in rows]
        elif op == "noise":
            for _ in range(rnd.randrange(1, 20)):
                r = rnd.randrange(len(rows))
                if rows[r]:
                    c = rnd.randrange(len(rows[r]))
                    rows[r][c] = "".join(chr(rnd.choice([rnd.randrange(32, 127), rnd.randrange(0x0E01, 0x0E5B),
                                                         rnd.randrange(0, 0x2FFF)])) for _ in range(rnd.randrange(0, 6)))
        elif op == "blank_lines":
            for _ in range(rnd.randrange(1, 5)):
                rows.insert(rnd.randrange(len(rows) + 1), [])
        elif op == "drop_cells":
            for _ in range(rnd.randrange(1, 5)):
                r = rnd.randrange(len(rows))
                if rows[r]:
                    rows[r].pop(rnd.randrange(len(rows[r])))
        elif op == "dup_lines" and rows:
            rows.append(list(rnd.choice(rows)))
        elif op == "quote" and rows:
            r = rnd.randrange(len(rows))
            rows[r] = ['"' + c for c in rows[r]]
    text = "\n".join(",".join(r) for r in rows)
    data = text.encode("utf-8", errors="surrogatepass")
    if "bom" in ops:
        data = b"\xef\xbb\xbf" + data
    return data


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=damage())
def test_damaged_exports(case, raw_dir, tmp_path):
    seed, ops = case
    path = tmp_path / "damaged.csv"
    path.write_bytes(_apply(_lines(raw_dir), seed, ops))
    try:
        result = ia.read_eit(path)
    except ia.ITAInputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{path}: ")
        return
    assert result.accepted + result.rejected == result.rows_read
    assert result.rejects["reason"].map(bool).all()
    assert result.rejects["row"].between(1, result.rows_read + result.blank_rows + 5).all()
