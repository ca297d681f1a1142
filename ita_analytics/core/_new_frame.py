"""A new year's frame from the NACC's questionnaire, and a proposed crosswalk from last year's ids.

:func:`framework_from_questionnaire` turns the questionnaire's rows (read by
:func:`ita_analytics.io._questionnaire.read_questionnaire`) into the TOML of a frame that extends
the base year: tools, indicators, questions and OIT items from the questionnaire; weights,
categories, quotas, coverage rules and fieldwork from the base. :func:`propose_crosswalk` matches
the base's ids to the new ones by the similarity of their Thai texts; :func:`crosswalk_toml`
writes the proposal for the analyst to confirm.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._catalogue import words
from ._framework import Framework
from ._framework_tools import framework_template

__all__ = ["CrosswalkProposal", "crosswalk_toml", "framework_from_questionnaire", "propose_crosswalk", "text_similarity"]

#: Two texts this similar (0–1) or more may be the same question reworded; below it they are different questions.
MATCH_THRESHOLD = 0.5


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def framework_from_questionnaire(base: Framework, year: int, table: pd.DataFrame) -> str:
    """The TOML text of FY``year``'s frame: the questionnaire's tools, indicators, questions and items over ``base``.

    A tool the questionnaire leaves out keeps ``base``'s questions (or items). OIT items keep the
    departments responsible of the ``base`` item with the most similar title (else every department).
    """
    surveys = table[table["tool"] != "OIT"]
    oit = table[table["tool"] == "OIT"]
    indicators = _indicators(base, table)
    lines = ["", "# From the NACC's questionnaire (ita framework new --questions): tools, indicators, questions and items.",
             "questions = ["]
    for tool in ("IIT", "EIT"):
        rows = surveys[surveys["tool"] == tool]
        if rows.empty:
            lines += [_question_line(q.id, q.indicator, q.scale, q.reverse, q.text_th or q.theme_th, q.theme_en)
                      for q in base.questions_of(tool)]
        for r in rows.itertuples(index=False):
            lines.append(_question_line(r.id, r.indicator, r.scale, bool(r.reverse), r.text_th, ""))
    lines.append("]")
    lines += _oit_lines(base, oit)
    body = "\n".join(lines) + "\n"
    tail = _indicator_tables(indicators, base, oit)
    return framework_template(base, year, lists=body) + tail


def _question_line(qid: str, indicator: str, scale: str, reverse: bool, text: str, theme_en: str) -> str:
    return (f"  {{ id = {_q(qid)}, indicator = {_q(indicator)}, scale = {_q(scale)}, reverse = {str(reverse).lower()}, "
            f"text_th = {_q(text)}, theme_en = {_q(theme_en)} }},")


def _indicators(base: Framework, table: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(id, tool, Thai name, English name) of every indicator, in the questionnaire's order (base's where left out)."""
    out: dict[str, tuple[str, str, str, str]] = {}
    given_tools = set(table["tool"])
    for tool in ("IIT", "EIT", "OIT"):
        if tool not in given_tools:
            for i in base.indicators_of(tool):
                out[i.id] = (i.id, tool, i.name_th, i.name_en)
            continue
        for r in table[table["tool"] == tool].itertuples(index=False):
            ind = str(r.indicator).split(".")[0]
            old = next((i for i in base.indicators if i.id == ind and i.tool == tool), None)
            placeholder = words("frame.indicator_name", "th", id=ind)  # a name to be written in
            name = r.indicator_th or (out[ind][2] if ind in out else (old.name_th if old else placeholder))
            english = old.name_en if old and old.name_th == name else words("frame.indicator_name", "en", id=ind)
            if ind not in out or (r.indicator_th and out[ind][2] == placeholder):
                out[ind] = (ind, tool, name, english)
    return list(out.values())


def _oit_lines(base: Framework, oit: pd.DataFrame) -> list[str]:
    if oit.empty:
        return []
    titles = {o.id: o.title_th for o in base.oit_items}
    lines = ["", f"# OIT items: `responsible` is taken from the FY{base.frame_year} item with the most similar title "
             "(TO CHECK).", "oit_items = ["]
    for r in oit.itertuples(index=False):
        sub = str(r.indicator)  # a sub-indicator (9.1), or the indicator itself standing as its only one
        best = max(titles, key=lambda k: text_similarity(titles[k], r.text_th), default=None)
        owners = next(o.responsible for o in base.oit_items if o.id == best) if best and \
            text_similarity(titles[best], r.text_th) >= MATCH_THRESHOLD else (base.coordinator,)
        lines.append(f"  {{ id = {_q(r.id)}, subindicator = {_q(sub)}, title_th = {_q(r.text_th)}, "
                     f"title_en = {_q(r.id)}, responsible = [{', '.join(_q(x) for x in owners)}] }},")
    return lines + ["]"]


def _indicator_tables(indicators: list[tuple[str, str, str, str]], base: Framework, oit: pd.DataFrame) -> str:
    """``[[indicators]]`` (and ``[[subindicators]]`` when the questionnaire gives OIT items), after the tables above."""
    lines = ["", "# Indicators, as the questionnaire numbers them (English names: TO CHECK)."]
    for ind, tool, name_th, name_en in indicators:
        lines += ["[[indicators]]", f"id = {_q(ind)}", f"tool = {_q(tool)}", f"name_th = {_q(name_th)}",
                  f"name_en = {_q(name_en)}"]
    if oit.empty:
        subs = [(s.id, s.indicator, s.name_th, s.name_en) for s in base.subindicators]
    else:
        known = {s.id: s for s in base.subindicators}
        subs = []
        for value in dict.fromkeys(str(v) for v in oit["indicator"]):
            parent = value.split(".")[0]
            old = known.get(value)
            subs.append((value, parent, old.name_th if old else words("frame.subindicator_name", "th", id=value),
                         old.name_en if old else value))
    for sid, parent, name_th, name_en in subs:
        lines += ["[[subindicators]]", f"id = {_q(sid)}", f"indicator = {_q(parent)}", f"name_th = {_q(name_th)}",
                  f"name_en = {_q(name_en)}"]
    return "\n".join(lines) + "\n"


# -- text similarity -------------------------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    """Thai words (PyThaiNLP's dictionary segmenter) and Latin words, lower case, punctuation left out."""
    from pythainlp.tokenize import word_tokenize

    return [t.lower() for t in word_tokenize(text or "", engine="newmm", keep_whitespace=False)
            if any(ch.isalnum() for ch in t)]


def text_similarity(a: str, b: str, weights: dict[str, float] | None = None) -> float:
    """How alike two Thai texts are, 0–1: the words they share, weighted (``weights``: rarer words weigh more).

    Notes
    -----
    With word sets A and B and weights w, the similarity is the geometric mean of the overlap
    coefficient w(A∩B)/min(w(A), w(B)) (a short theme inside a long question scores high) and
    the Dice coefficient 2·w(A∩B)/(w(A)+w(B)) (a few shared words in long texts score low).
    """
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    w = weights or {}
    def mass(s: set[str]) -> float:
        return sum(w.get(t, 1.0) for t in s)
    shared, ma, mb = mass(ta & tb), mass(ta), mass(tb)
    return math.sqrt(shared / min(ma, mb) * 2 * shared / (ma + mb))


def _idf(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of each word over ``texts``: words in every text (framing) weigh least."""
    df = Counter(t for text in texts for t in set(_tokens(text)))
    n = len(texts)
    return {t: math.log((n + 1) / (k + 1)) + 0.1 for t, k in df.items()}


@dataclass(frozen=True)
class CrosswalkProposal:
    """A proposed crosswalk: matched pairs with their similarity, best first, and what could not be matched."""

    from_year: int  # the base frame's year
    to_year: int  # the new frame's year
    pairs: pd.DataFrame  # level, from_id, to_id, similarity, from_text, to_text (questions and items: by text)
    unmatched_from: dict[str, list[str]]  # level → ids of the base with no match (dropped or rewritten past recognition)
    unmatched_to: dict[str, list[str]]  # level → new ids with no match (new questions)


def _texts_of(fw: Framework, level: str) -> dict[str, tuple[str, str]]:
    """Id → (group, text): questions by tool, OIT items in one group."""
    if level == "question":
        tool_of = {i.id: i.tool for i in fw.indicators}
        return {q.id: (tool_of[q.indicator], q.text_th or q.theme_th or q.theme_en) for q in fw.questions}
    return {o.id: ("OIT", o.title_th) for o in fw.oit_items}


def _match(old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]) -> list[tuple[str, str, float]]:
    """The one-to-one matching of most total similarity within each group, pairs at or above the threshold."""
    from scipy.optimize import linear_sum_assignment

    out = []
    for group in sorted({g for g, _ in old.values()} | {g for g, _ in new.values()}):
        a = [k for k, (g, _) in old.items() if g == group]
        b = [k for k, (g, _) in new.items() if g == group]
        if not a or not b:
            continue
        weights = _idf([old[k][1] for k in a] + [new[k][1] for k in b])
        sim = np.array([[text_similarity(old[x][1], new[y][1], weights) for y in b] for x in a])
        rows, cols = linear_sum_assignment(-sim)
        out += [(a[i], b[j], float(sim[i, j])) for i, j in zip(rows, cols) if sim[i, j] >= MATCH_THRESHOLD]
    return out


def propose_crosswalk(base: Framework, new: Framework) -> CrosswalkProposal:
    """Match ``base``'s questions and OIT items to ``new``'s by their Thai texts; tools by id; indicators by their questions.

    Each question (and item) is matched to at most one, within its tool, maximising the total
    similarity (the Hungarian method); a pair below :data:`MATCH_THRESHOLD` is no match, so a new
    question stays unmatched rather than paired with the least unlike old one. An indicator maps
    to the new indicator that most of its matched questions went to.
    """
    rows: list[dict[str, Any]] = []
    unmatched_from: dict[str, list[str]] = {}
    unmatched_to: dict[str, list[str]] = {}
    for level in ("question", "oit_item"):
        old, fresh = _texts_of(base, level), _texts_of(new, level)
        pairs = _match(old, fresh)
        rows += [{"level": level, "from_id": x, "to_id": y, "similarity": s, "from_text": old[x][1],
                  "to_text": fresh[y][1]} for x, y, s in pairs]
        unmatched_from[level] = [k for k in old if k not in {x for x, _, _ in pairs}]
        unmatched_to[level] = [k for k in fresh if k not in {y for _, y, _ in pairs}]
    q_ind = {q.id: q.indicator for q in base.questions}
    new_ind = {q.id: q.indicator for q in new.questions}
    votes: dict[str, Counter[str]] = {}
    for r in rows:
        if r["level"] == "question":
            votes.setdefault(q_ind[r["from_id"]], Counter())[new_ind[r["to_id"]]] += 1
    for i in base.indicators:
        if i.tool == "OIT" and any(j.id == i.id and j.tool == "OIT" for j in new.indicators):
            votes.setdefault(i.id, Counter())[i.id] += 1
    for ind, count in votes.items():
        rows.append({"level": "indicator", "from_id": ind, "to_id": count.most_common(1)[0][0],
                     "similarity": count.most_common(1)[0][1] / sum(count.values()), "from_text": "", "to_text": ""})
    pairs = pd.DataFrame(rows, columns=["level", "from_id", "to_id", "similarity", "from_text", "to_text"])
    pairs = pairs.sort_values(["level", "similarity"], ascending=[True, False], kind="stable").reset_index(drop=True)
    return CrosswalkProposal(base.frame_year, new.frame_year, pairs, unmatched_from, unmatched_to)


def crosswalk_toml(p: CrosswalkProposal) -> str:
    """The proposal as a crosswalk file (``compare --crosswalk``), each pair with its similarity, best first."""
    lines = [f"# PROPOSED crosswalk FY{p.from_year} → FY{p.to_year}, matched by the similarity of the Thai texts",
             "# (1 = the same words). CONFIRM EVERY PAIR before relying on a comparison: delete a wrong pair, add a",
             "# missed one, then set status = \"confirmed\". Ids listed as unmatched are compared with nothing.", "",
             f"from_year = {p.from_year}", f"to_year = {p.to_year}", 'status = "proposed"',
             f"notes = [{_q('PROPOSED: matched by text similarity (ita framework new); confirm before relying on it.')}]"]
    for level, key in (("question", "questions"), ("oit_item", "oit_items")):
        lines.append(f"unmatched_from_{key} = [{', '.join(_q(x) for x in p.unmatched_from.get(level, []))}]  "
                     f"# FY{p.from_year} ids with no match")
        lines.append(f"unmatched_to_{key} = [{', '.join(_q(x) for x in p.unmatched_to.get(level, []))}]  "
                     f"# FY{p.to_year} ids with no match (new)")
    lines += ["", "[tools]", 'IIT = "IIT"', 'EIT = "EIT"', 'OIT = "OIT"', "", "[overall]", 'ITA = "ITA"']
    for level, section in (("indicator", "indicators"), ("question", "questions"), ("oit_item", "oit_items")):
        lines += ["", f"[{section}]"]
        for r in p.pairs[p.pairs["level"] == level].itertuples(index=False):
            text = f"  # {r.similarity:.2f}" + (f"  {r.from_text[:40]} → {r.to_text[:40]}" if r.from_text else "")
            lines.append(f"{_q(r.from_id)} = {_q(r.to_id)}{text}")
    return "\n".join(lines) + "\n"
