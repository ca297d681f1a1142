"""The application: the ``ita`` command and the whole jobs it runs.

=================  ==========================================================================
``cli``            the ``ita`` command's options and entry point (exit codes)
``_commands``      each subcommand: read, call the library, write, print
``_inputs``        what a subcommand reads: files side by side, the answers' year, settings, progress
``_terminal``      what a subcommand prints: its JSON, or a readable summary (rich tables)
``_framework_cli`` ``ita framework show|check|new|diff``
``_runtime``       process set-up: BLAS threads, handing freed memory back (performance devices)
``_pipeline``      the whole job for one agency or many (score with integrity, committee pack, plan documents)
``_demo``          ``ita demo``: the whole job on the sample data
``_synth``         seeded synthetic sample data (one district, 50 districts, national scale)
=================  ==========================================================================
"""
