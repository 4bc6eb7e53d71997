"""Edits and the one helper that applies them while keeping the offset map.

A fixer never touches offsets: it returns a list of :data:`Edit` ``(start, end,
replacement)`` over the text it was given, and :func:`apply_edits` rewrites the
text and the map ``to_source`` (normalised offset → offset in the raw source
string) in one pass. Because edits keep their order, the map stays
non-decreasing, so later offsets can be found again with a bisection.

The map holds one offset per character, so it is an ``array`` of machine integers
(8 bytes an entry) rather than a list of int objects (36 bytes): on a 50 MB text that
is the difference between fitting in memory and not.
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence

import regex

Edit = tuple[int, int, str]
Replacement = str | Callable[["regex.Match[str]"], str]
OffsetMap = Sequence[int]  # an ``array("q")`` in the engine; any int sequence in tests


def identity_map(length: int) -> array:
    """The offset map of an unedited text of ``length`` characters (end sentinel included).

    >>> list(identity_map(3))
    [0, 1, 2, 3]
    """
    return array("q", range(length + 1))


def apply_edits(text: str, to_source: OffsetMap, edits: Iterable[Edit]) -> tuple[str, array]:
    """Apply sorted, non-overlapping ``edits``; return the new text and its offset map.

    A replacement of the same length as what it replaces maps character by
    character; any other replacement maps all its characters to the start of
    the replaced range (deletions map nothing).

    >>> text, new_map = apply_edits("ab??cd", identity_map(6), [(2, 4, "")])
    >>> text, list(new_map)
    ('abcd', [0, 1, 4, 5, 6])
    >>> text, new_map = apply_edits("關於", list(range(3)), [(0, 1, "关"), (1, 2, "于")])
    >>> text, list(new_map)
    ('关于', [0, 1, 2])
    """
    if not isinstance(to_source, array):
        to_source = array("q", to_source)
    parts: list[str] = []
    new_map = array("q")
    pos = 0
    for start, end, replacement in edits:
        if start < pos or end < start:
            raise ValueError(f"edits overlap or are unsorted at {start}:{end}")
        parts.append(text[pos:start])
        new_map.extend(to_source[pos:start])
        parts.append(replacement)
        if len(replacement) == end - start:
            new_map.extend(to_source[start:end])
        else:
            new_map.extend(array("q", (to_source[start],)) * len(replacement))
        pos = end
    parts.append(text[pos:])
    new_map.extend(to_source[pos:])  # includes the end sentinel
    return "".join(parts), new_map


def sub_edits(pattern: regex.Pattern[str], text: str, replacement: Replacement) -> list[Edit]:
    """Edits for every match of ``pattern`` whose replacement differs from the match.

    ``replacement`` is a template string (``\\1`` …) or a function of the match.

    >>> sub_edits(regex.compile(r"[?]+"), "a??b?c", "")
    [(1, 3, ''), (4, 5, '')]
    """
    edits: list[Edit] = []
    for match in pattern.finditer(text):
        new = replacement(match) if callable(replacement) else match.expand(replacement)
        if new != match.group():
            edits.append((match.start(), match.end(), new))
    return edits


def char_edits(old: str, new: str, offset: int = 0) -> list[Edit]:
    """Per-character edits turning ``old`` into ``new`` (same length), one per changed char.

    >>> char_edits("關於本", "关于本", 10)
    [(10, 11, '关'), (11, 12, '于')]
    """
    if len(old) != len(new):
        return [(offset, offset + len(old), new)] if old != new else []
    return [(offset + i, offset + i + 1, b) for i, (a, b) in enumerate(zip(old, new)) if a != b]
