"""Splitting at separators that stand outside brackets: the one helper for unit lists
(``县（市、区）、市直各部门``), 主送/抄送 lists and clauses, so ``、`` inside a bracket never
splits a name."""
from __future__ import annotations

OPENERS = "（(〈<＜【[〔《［"
CLOSERS = "）)〉>＞】]〕》］"


def pieces_outside_brackets(s: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``s[start:end]`` split at ``separators`` that stand
    outside brackets.

    >>> s = "县（市、区）、市直各部门"
    >>> [s[a:b] for a, b in pieces_outside_brackets(s, 0, len(s), "、")]
    ['县（市、区）', '市直各部门']
    """
    out, depth, piece_start = [], 0, start
    for i in range(start, end):
        ch = s[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            out.append((piece_start, i))
            piece_start = i + 1
    out.append((piece_start, end))
    return out


def split_outside_brackets(s: str, separators: str, strip: str = " \u3000。.") -> list[str]:
    """The non-empty pieces of ``s`` split at ``separators`` outside brackets, stripped.

    >>> split_outside_brackets("各县（市、区）人民政府，市直各部门：", "，,：")
    ['各县（市、区）人民政府', '市直各部门']
    """
    pieces = (s[a:b].strip(strip) for a, b in pieces_outside_brackets(s, 0, len(s), separators))
    return [piece for piece in pieces if piece]
