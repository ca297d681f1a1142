"""The statistics: answer codes and group keys in, tidy tables out; no file is opened here.

=================  ==========================================================================
``_inference``     the variance engine: linearization of ratio means (as R's ``survey``),
                   stratified, bootstrap; vectorised over respondents and groups
``_estimates``     one tool's estimates: codes → points (with the framework given), contrasts
``_intervals``     intervals that stay inside 0–100 (logit, exact bounds, clipped Wald)
``_scoring``       :func:`score`: questions → indicators → tools → overall, grades,
                   :class:`ScoreResult`
``_breakdown``     scores per agency or department, small-cell suppression, funnel table
``_compare``       year-over-year changes and their verdicts (:class:`Comparison`)
``_quota``         fieldwork: quotas, coverage, progress, forecast (:class:`QuotaResult`)
``_plan``          the path to a target score: OIT items, then the weakest indicators (:class:`Plan`)
``_integrity``     response flags (duplicates, bursts, straight-lining, too fast)
``_distributions`` the few quantiles and tails needed, from ``scipy.special``
=================  ==========================================================================
"""
