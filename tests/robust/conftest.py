"""Fixtures of the robustness tests."""
from __future__ import annotations

import pytest

from ..helpers import load_bad_inputs


@pytest.fixture(scope="session")
def bad_inputs():
    """The ``tests/tools/bad_inputs.py`` module."""
    return load_bad_inputs()
