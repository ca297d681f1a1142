"""National-scale benchmark: one command, ratios measured in one run, written into benchmarks/README.md.

    make bench                     # 8,317 agencies, 1.35 million responses (a few minutes)
    python benchmarks/run.py --agencies 500 --responses 100000   # a quick look

Measures, all in the same run on the same machine:
  (a) end-to-end `ita score --iit --eit --by agency` against merely parsing the same CSV files
      with pyarrow (target: at most 2×);
  (b) the library's scoring by agency against a straightforward pandas groupby-apply over
      agencies, on the same in-memory responses of a subset of agencies (target: at least 20×);
  (c) the library against R's survey package `svyby` on that subset, when R is installed;
  (d) peak memory of the end-to-end run against the in-memory size of the answers (target: at most 4×).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import ita_analytics as ia  # noqa: E402
from ita_analytics._synth import write_national_sample  # noqa: E402

START, END = "<!-- results:start -->", "<!-- results:end -->"


def _timed(func, *args, **kwargs):
    t = time.perf_counter()
    out = func(*args, **kwargs)
    return time.perf_counter() - t, out


def naive_groupby_apply(frame: pd.DataFrame, questions: list[str], by: str = "agency") -> pd.DataFrame:
    """The straightforward way: for each agency, for each question, a ratio mean and its SE."""

    def one(g: pd.DataFrame) -> pd.Series:
        out = {}
        n = len(g)
        for q in questions:
            y = g[q]
            answered = y.notna()
            r = y[answered].mean()
            z = (y.fillna(r) - r) * answered / (answered.mean() or np.nan)
            out[q] = r
            out[q + "_se"] = np.sqrt(z.var(ddof=1) / n) if n > 1 else np.nan
        return pd.Series(out)

    return frame.groupby(by).apply(one)


def r_svyby(frame: pd.DataFrame, questions: list[str], workdir: Path) -> float | None:
    """Seconds R's survey package takes for svyby totals of every question (and its answered count) by agency."""
    if not shutil.which("Rscript") or subprocess.run(["Rscript", "-e", "library(survey)"], capture_output=True).returncode:
        return None
    data = frame[["agency", *questions]].copy()
    data.to_csv(workdir / "r_subset.csv", index=False)
    script = workdir / "bench.R"
    script.write_text(f"""
suppressMessages(library(survey))
d <- read.csv("{workdir / 'r_subset.csv'}")
qs <- c({", ".join(f'"{q}"' for q in questions)})
for (q in qs) {{ d[[paste0("a_", q)]] <- as.numeric(!is.na(d[[q]])); d[[q]][is.na(d[[q]])] <- 0 }}
des <- svydesign(ids = ~1, data = d)
t <- system.time(r <- svyby(make.formula(c(qs, paste0("a_", qs))), ~agency, des, svytotal))
cat(t[["elapsed"]])
""")
    run = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, timeout=3600)
    return float(run.stdout.strip().splitlines()[-1]) if run.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agencies", type=int, default=8317)
    parser.add_argument("--responses", type=int, default=1_350_000)
    parser.add_argument("--subset", type=int, default=400, help="agencies in the groupby-apply and R comparison")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a); the medians are reported")
    parser.add_argument("--no-readme", action="store_true", help="print the table, do not write the README")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data_dir = args.out / f"national_{args.agencies}_{args.responses}"
    iit_path = data_dir / "national_iit_2566.csv"
    eit_path = data_dir / "national_eit_2566.csv"
    if not (iit_path.exists() and eit_path.exists()):
        t_gen, _ = _timed(write_national_sample, data_dir, agencies=args.agencies, responses=args.responses)
        print(f"generated the data in {t_gen:.1f} s")
    size_mb = (iit_path.stat().st_size + eit_path.stat().st_size) / 1e6

    # (a) end-to-end against parsing alone
    import pyarrow.csv as pv

    ita = [sys.executable, "-m", "ita_analytics", "score", "--iit", str(iit_path), "--eit", str(eit_path),
           "--by", "agency", "--json"]
    ends = []
    for _ in range(args.repeat):  # this machine's timings vary by a third from run to run: medians
        t = time.perf_counter()
        run = subprocess.run(ita, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ends.append(time.perf_counter() - t)
        if run.returncode != 0:
            raise SystemExit(f"ita score failed: {run.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux; the largest run
    # The parse comes after the ita runs: a child's peak memory (ru_maxrss) starts from the high-water
    # mark of this process when it is spawned, so this process must not have parsed anything big yet.
    parses = [_timed(lambda: (pv.read_csv(iit_path), pv.read_csv(eit_path)))[0] for _ in range(args.repeat)]
    t_end, t_parse = float(np.median(ends)), float(np.median(parses))

    # (b), (c) on a subset of agencies, responses in memory
    iit = ia.read_iit(iit_path)
    eit = ia.read_eit(eit_path)
    n_iit, n_eit = iit.accepted, eit.accepted
    answers_mb = (n_iit * 25 + n_eit * 15) * 8 / 1e6
    agencies = sorted(iit.data["agency"].unique())[: args.subset]
    sub = iit.data[iit.data["agency"].isin(agencies)].reset_index(drop=True)
    questions = [f"i{k}" for k in range(1, 26)]
    t_ours, _ = _timed(ia.score, sub, by="agency")
    t_naive, _ = _timed(naive_groupby_apply, sub, questions)
    t_r = r_svyby(sub, questions, args.out)

    rows = [
        (f"(a) end-to-end `ita score --by agency` ÷ pyarrow CSV parse (medians of {args.repeat} runs each; "
         f"ranges {min(ends):.1f}–{max(ends):.1f} s and {min(parses):.1f}–{max(parses):.1f} s)",
         f"{t_end:.1f} s ÷ {t_parse:.1f} s", t_end / t_parse, "≤ 2×"),
        (f"(b) pandas groupby-apply ÷ ita_analytics ({len(agencies)} agencies, {len(sub):,} IIT responses)",
         f"{t_naive:.2f} s ÷ {t_ours:.2f} s", t_naive / t_ours, "≥ 20×"),
        ("(c) R survey `svyby` ÷ ita_analytics (same subset)",
         "R not installed" if t_r is None else f"{t_r:.2f} s ÷ {t_ours:.2f} s",
         None if t_r is None else t_r / t_ours, "report"),
        ("(d) peak memory of the end-to-end run (the largest of the runs) ÷ answers in memory (float64)",
         f"{peak_mb:,.0f} MB ÷ {answers_mb:,.0f} MB", peak_mb / answers_mb, "≤ 4×"),
    ]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"Run {stamp} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}: "
        f"{args.agencies:,} agencies, {n_iit + n_eit:,} responses ({n_iit:,} IIT, {n_eit:,} EIT), {size_mb:,.0f} MB of CSV.",
        "",
        "| measure | times | ratio | target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {times} | {'' if ratio is None else f'{ratio:.1f}×'} | {target} |"
              for name, times, ratio, target in rows]
    table = "\n".join(lines)
    print(table)
    if not args.no_readme:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        readme.write_text(f"{before}{START}\n{table}\n{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
