"""The whole job on the sample district: what ``make demo`` and ``ita demo`` run."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from ..core._errors import ITAInputError
from ..core._files import atomic_write, ensure_folder
from ..core._framework import Framework, load_framework
from ..core._json import dumps
from ..core._types import ReadResult
from ..io._ingest import read_oit_checklist, read_published, read_responses, read_roster
from ..output._charts import (
    plot_coverage,
    plot_dumbbell,
    plot_indicators,
    plot_ingest_summary,
    plot_progress,
    plot_trend,
    save_chart,
)
from ..output._export import write_csv, write_results
from ..output._i18n import chosen_language, say
from ..stats._compare import compare
from ..stats._quota import check_quotas
from ..stats._scoring import ScoreResult, score
from ._pipeline import committee_pack, plan_documents, stderr_is_terminal
from ._synth import SAMPLE_AGENCY, write_multi_agency_sample, write_sample_data

__all__ = ["run_demo"]


def _sample_files(data: Path) -> dict[str, Path]:
    files = {
        "roster": data / "roster_2566.xlsx",
        "iit_2566": data / "iit_2566.csv", "eit_2566": data / "eit_2566.csv", "oit_2566": data / "oit_2566.csv",
        "iit_2567": data / "iit_2567.xlsx", "eit_2567": data / "eit_2567.csv", "oit_2567": data / "oit_2567.csv",
        "published_2565": data / "published_2565_ladkrabang.csv", "published_bma": data / "published_2566_bma.csv",
    }
    if all(p.is_file() for p in files.values()):
        return files
    own = [p.name for p in data.iterdir() if not p.name.startswith(".")] if data.is_dir() else []
    if own:  # never write sample files over a folder of the user's own
        raise ITAInputError("data_folder_own_files", folder=str(data), files=sorted(own)[:3] + (["…"] if len(own) > 3 else []))
    write_sample_data(data)
    return files


def run_demo(data: Path, processed: Path, figures: Path, *, quiet: bool = False) -> dict[str, Any]:
    """Read every sample file, write tidy Parquet and rejects to ``processed``, charts to ``figures``.

    Returns a JSON-ready summary of what was done.
    """
    files = _sample_files(Path(data))
    ensure_folder(processed)
    frameworks = {y: load_framework(y) for y in (2566, 2567)}
    results = _read_samples(files, frameworks, quiet=quiet)
    written = _write_tidy(results, processed, figures)
    # The fieldwork view as the working group saw it mid-window (FY2566), with the who-to-chase list.
    quota = check_quotas(read_responses(files["iit_2566"], "IIT", framework=frameworks[2566]), results["eit_2566"],
                         results["roster"], framework=frameworks[2566], as_of="2023-06-10", deadline="2023-06-30")
    written += [str(p) for p in write_results(quota, processed / "quota_2566")]
    for plot, name in ((lambda: plot_coverage(quota, frameworks[2566]), "quota_coverage_2566"),
                       (lambda: plot_progress(quota), "quota_progress_2566")):
        fig, table = plot()
        written += [str(p) for p in save_chart(fig, table, figures / name)]
    scores = _scores_and_changes(files, results, frameworks, processed, figures, written)
    # The committee packs: the sample district (FY2566 against the memo's FY2565), and the BMA centre's view.
    pack = committee_pack(figures, frameworks[2566], iit=results["iit_2566"], eit=results["eit_2566"],
                          oit=results["oit_2566"], roster=results["roster"], previous=[files["published_2565"]],
                          results_dir=processed / "results_2566", quiet=quiet)
    written += [str(p) for p in pack.values()]
    multi = write_multi_agency_sample(processed / "multi_agency")
    m_iit = read_responses(multi[0], "IIT", framework=frameworks[2566])
    m_eit = read_responses(multi[1], "EIT", framework=frameworks[2566])
    bma = committee_pack(figures / "bma", frameworks[2566], iit=m_iit, eit=m_eit,
                         results_dir=processed / "multi_agency" / "results", quiet=quiet)
    written += [str(p) for p in bma.values()]
    # The working group's analysis of FY2566 and the measures it follows up through FY2567.
    path, docs = plan_documents(figures / "plan", scores[2566], frameworks[2566], previous=[files["published_2565"]],
                                agency=SAMPLE_AGENCY)
    written += [str(p) for p in docs.values()]
    written.append(str(atomic_write(processed / "plan_2566.json",
                                    lambda tmp: tmp.write_text(dumps(path.to_dict(), indent=2), encoding="utf-8"))))
    summary = {key: {k: v for k, v in r.summary().items() if k != "rejections"} for key, r in results.items()}
    table = pd.DataFrame.from_dict(summary, orient="index")
    atomic_write(processed / "ingest_summary.csv", lambda tmp: table.to_csv(tmp))
    if not quiet:
        lang = chosen_language()
        _print_summary(results, scores, say("cli.demo_pack", lang, pack=pack["html"], bma=bma["html"]),
                       say("cli.demo_plan", lang, current=path.current, after=path.after, n=len(path.actions),
                           docx=docs["docx"]),
                       say("cli.demo_written", lang, n=len(written), processed=processed, figures=figures))
    return {"inputs": summary, "overall": {y: r.overall for y, r in scores.items()}, "plan_2566": path.to_dict(),
            "quota_2566_mid_window": {"ok": quota.ok, "iit": quota.iit,
                                                                             "eit": quota.eit}, "written": written}


def _read_samples(files: dict[str, Path], frameworks: dict[int, Framework], *, quiet: bool) -> dict[str, ReadResult]:
    """Every sample file, read with its year's framework (IIT rows checked against the roster)."""
    from rich.progress import Progress

    results: dict[str, ReadResult] = {}
    with Progress(disable=quiet or not stderr_is_terminal(), transient=True) as progress:
        task = progress.add_task(say("step.sample", chosen_language()), total=len(files))
        results["roster"] = read_roster(files["roster"], framework=frameworks[2566])
        progress.advance(task)
        for key in list(files)[1:]:
            kind, year = key.split("_")
            if kind in ("iit", "eit"):
                results[key] = read_responses(files[key], "IIT" if kind == "iit" else "EIT", framework=frameworks[int(year)],
                                              roster=results["roster"] if kind == "iit" else None)
            elif kind == "oit":
                results[key] = read_oit_checklist(files[key], framework=frameworks[int(year)])
            else:
                results[key] = read_published(files[key], framework=frameworks[2566])
            progress.advance(task)
    return results


def _write_tidy(results: dict[str, ReadResult], processed: Path, figures: Path) -> list[str]:
    """Each file's accepted rows as Parquet and its rejects as CSV; the reading summarised in a chart."""
    written: list[str] = []
    for key, result in results.items():
        data_path = processed / f"{key}.parquet"
        atomic_write(data_path, partial(_parquet, result.data))
        written.append(str(data_path))
        if result.rejected:
            written.append(str(write_csv(result.rejects, processed / f"{key}_rejects.csv")))
    fig, table = plot_ingest_summary(list(results.values()))
    return written + [str(p) for p in save_chart(fig, table, figures / "ingest_summary")]


def _scores_and_changes(files: dict[str, Path], results: dict[str, ReadResult], frameworks: dict[int, Framework],
                        processed: Path, figures: Path, written: list[str]) -> dict[int, ScoreResult]:
    """FY2566 and FY2567 scored from the responses, compared with each other and the memo's FY2565."""
    scores = {}
    for fiscal_year in (2566, 2567):
        fw = frameworks[fiscal_year]
        scored = score(results[f"iit_{fiscal_year}"], results[f"eit_{fiscal_year}"], results[f"oit_{fiscal_year}"],
                       results["roster"], framework=fw)
        written += [str(p) for p in write_results(scored, processed / f"results_{fiscal_year}")]
        fig, table = plot_indicators(scored, fw)
        written += [str(p) for p in save_chart(fig, table, figures / f"indicators_{fiscal_year}")]
        scores[fiscal_year] = scored
    comparison = compare(processed / "results_2566", processed / "results_2567", files["published_2565"])
    written += [str(p) for p in write_results(comparison, processed / "compare")]
    for before, after in ((2565, 2566), (2566, 2567)):
        fig, table = plot_dumbbell(comparison, frameworks[after], before_year=before)
        written += [str(p) for p in save_chart(fig, table, figures / f"compare_{before}_{after}")]
    fig, table = plot_trend(comparison, framework=frameworks[2567])
    written += [str(p) for p in save_chart(fig, table, figures / "compare_trend")]
    return scores


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _print_summary(results: dict[str, ReadResult], scores: dict[int, ScoreResult], *lines: str) -> None:
    from rich.console import Console

    lang = chosen_language()
    console = Console()
    for key, r in results.items():
        console.print(say("cli.demo_file", lang, name=key, read=r.rows_read, accepted=r.accepted, rejected=r.rejected))
    for fiscal_year, scored in scores.items():
        o = scored.overall
        if o is not None:
            console.print(say("cli.demo_score", lang, year=fiscal_year, score=o["score"], low=o["ci_low"], high=o["ci_high"],
                              grade=o["grade"], p=o["probability_pass"]))
    for line in lines:
        console.print(line)
