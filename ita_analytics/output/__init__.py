"""What people read: tables, charts and the committee pack. Reads results; computes no statistic.

=================  ==========================================================================
``_export``        CSV (UTF-8 with BOM, formula-safe), .xlsx and :func:`write_results`
``_charts``        the Thai charts (matplotlib, Sarabun); each returns its figure and its data
``_report``        the committee pack: self-contained HTML (``templates/``), PDF and .xlsx
``_pdf``           the pack as an A4 PDF: Thai shaped (fpdf2, HarfBuzz), a text layer as written
``_plan_docs``     the committee's analysis (.docx, .pdf), its measures workbook, the progress report
``_i18n``          every word shown to people, Thai and English, in one catalogue
``_fonts``         the Sarabun font, registered with matplotlib
=================  ==========================================================================
"""
