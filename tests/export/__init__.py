"""Tests of the analyst outputs (planparse.export)."""
