"""Generators the tests and make targets use: corpora PDFs, degraded variants, bad inputs, bench."""
