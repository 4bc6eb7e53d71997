"""Extraction: units with roles, quantitative targets, dates — spans over the Text."""
from __future__ import annotations

from ..model import Outline, Text


def extract(outline: Outline, text: Text) -> None:
    """Fill ``units``, ``targets`` and ``dates`` of every item in ``outline``."""
    return None
