"""The core: what every other layer may use, and nothing that reads a file the user gives.

=================  ==========================================================================
``_errors``        :class:`ITAInputError` (unusable input: one message, exit 2),
                   :class:`ITAValueError` and :class:`FrameworkError`
``_catalogue``     :class:`Message` (a code and its values) and the words and messages in Thai
                   and English, as data files (``catalogue/th.toml``, ``en.toml``, ``codes.toml``)
``_settings``      :class:`Settings`: confidence, minimum cell size, threshold, language, seed
``_framework``     :class:`Framework` and :func:`load_framework`: one fiscal year's facts
                   (questions, answer codes and their points, weights, grades, quotas, OIT
                   items and who owns them), from ``frameworks/<year>.toml``
``_framework_tools`` a new year's framework started from an old one, and what differs between two
``_new_frame``     a new year's frame from the NACC's questionnaire, and a proposed crosswalk
                   matched by the similarity of the Thai texts
``_years``         the fiscal year of the answers (:func:`data_year`, :func:`choose_year`) and
                   what a run must be told about it (:class:`YearNotice`)
``_crosswalk``     :func:`load_crosswalk`: which ids of one frame mean the same in another
                   (``crosswalks/<a>-<b>.toml`` and the user's own, chained)
``_types``         :class:`ReadResult` (responses carry answer CODES, never points),
                   :class:`SourceInfo`, :func:`as_answer_codes`
``_arrays``        row blocks and Arrow-backed text columns shared by the vectorised passes
``_json``          strict JSON (null for NaN and infinities), streamed column-wise for long lists
``_provenance``    :func:`provenance`: what every output records of how it was made
``_files``         files written whole or not at all, never over an input (:func:`atomic_write`)
=================  ==========================================================================

Layers, from the bottom: ``core`` → ``io`` → ``stats`` → ``output`` → ``app``; each imports only
the layers below it (checked by import-linter in ``make test``).
"""
