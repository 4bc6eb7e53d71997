"""planparse: Chinese government plan notices → structured JSON (see CONTRACT in README)."""
from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__", "nlp", "parse"]


def parse(path, **options):
    """Parse one file into a :class:`planparse.contract.Document`."""
    from .pipeline import parse as _parse

    return _parse(path, **options)


def nlp():
    """The spaCy pipeline (blank ``zh`` + jieba + planparse extractors)."""
    from .extract.nlp import build_nlp

    return build_nlp()
