"""Reading: export files in, tidy responses (answer codes) and rejects out; nothing is lost.

=================  ==========================================================================
``_tables``        the exact reader (CSV in any encoding Thai offices use, .xlsx) and
                   :func:`read_table`, which picks it or the fast path
``_fastcsv``       the fast path for large CSV files (pyarrow, columns dictionary-encoded);
                   its plain twin is ``_tables``, and tests hold them equal
``_raw``           what both readers share: :class:`RawTable`, encoding and delimiter sniffing
``_xlsx``          what a workbook holds beside its cells: unpacked size, encryption, formulas never
                   computed, merged cells
``_text``          Thai digits, Buddhist-era dates, Unicode clean-up, done once per distinct text
``_mapping``       :class:`ColumnMapping`: which headers and labels mean which column and answer
                   code (``mappings/default.toml``)
``_ingest``        the readers (:func:`read_iit`, :func:`read_eit`, roster, OIT checklist,
                   published results): every row accepted or rejected with a reason
``_cache``         the Parquet cache behind the readers' ``cache=DIR``
``_digest``        the inputs' SHA-256 (provenance), in background threads
``_results``       earlier results read back for ``compare`` (:class:`ResultSet`)
``_measures``      the committee's measures workbook read back (:func:`read_measures`), rows rejected with reasons
``_questionnaire`` the NACC's questionnaire of a year (:func:`read_questionnaire`), each problem named by its row
=================  ==========================================================================

Nothing below this layer sees a raw header, a Thai digit or an answer label.
"""
