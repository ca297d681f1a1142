"""The whole score-with-integrity run (app layer): one place, and its performance devices at the edge."""

from __future__ import annotations

import numpy as np

import ita_analytics as ia


def test_the_scoring_run_keeps_blas_to_one_thread_and_gives_it_back(monkeypatch, raw_dir, fw, roster):
    """The linearization's block products are small: BLAS's own threads would only spin beside them
    (twice the CPU for the same wall time), so the pipeline holds them to one during the run and
    restores them after; the statistics themselves know nothing of threads."""
    import threadpoolctl

    import ita_analytics.stats._inference as inference
    from ita_analytics.app._pipeline import scoring_run

    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"}

    seen: list[set[int]] = []
    original = inference._answers
    monkeypatch.setattr(inference, "_answers", lambda block: seen.append(blas_threads()) or original(block))
    iit = ia.read_iit(raw_dir / "iit_2566.csv", roster=roster)
    eit = ia.read_eit(raw_dir / "eit_2566.csv")
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        before = blas_threads()  # {2}, or {1} on a one-core machine
        with scoring_run(iit, eit, None, roster, framework=fw, settings=ia.Settings()) as run:
            result = run.result
            integrity = run.integrity()
        after = blas_threads()
    assert seen and all(threads == {1} for threads in seen)  # every pass of the engine on one thread
    assert after == before
    # the run is the library's own steps: the same scores as score(), the same checks as check_integrity()
    alone = ia.score(iit, eit, None, roster, framework=fw)
    assert np.array_equal(result.questions["score"], alone.questions["score"])
    checks = ia.check_integrity(iit, eit, None, roster, framework=fw)
    assert integrity.counts.equals(checks.counts) and integrity.sensitivity.equals(checks.sensitivity)
