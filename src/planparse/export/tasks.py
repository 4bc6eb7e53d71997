"""The task table (任务分工表): one row per item that carries a task.

A task is a deepest item (no children), or any item that names units, targets or
dates. Rows are plain dicts keyed by :data:`COLUMNS`; the CSV and XLSX writers only
lay them out, so both files always hold the same content.
"""
from __future__ import annotations

from ..contract import Document, Item

JOIN = "；"  # unit names are split at ；, so it never occurs inside one

# (key, header as shown to the analyst)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "编号"),
    ("part", "部分"),
    ("path", "序号"),
    ("chapter", "章"),
    ("section", "节"),
    ("title", "标题"),
    ("text", "内容"),
    ("lead_units", "牵头单位"),
    ("support_units", "配合单位"),
    ("low_units", "存疑单位"),
    ("targets", "指标"),
    ("dates", "时间"),
    ("dates_iso", "时间（ISO）"),
    ("page", "页码"),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
HEADERS = tuple(label for _, label in COLUMNS)


def parent_ids(doc: Document) -> set[str]:
    """Ids of items that have at least one child."""
    return {item.parent for item in doc.items if item.parent}


def carries_task(item: Item, has_children: bool) -> bool:
    return not has_children or bool(item.units or item.targets or item.dates)


def task_items(doc: Document) -> list[Item]:
    """Items that become rows of the task table, in reading order."""
    parents = parent_ids(doc)
    return [item for item in doc.items if carries_task(item, item.id in parents)]


def ancestors(item: Item, by_id: dict[str, Item]) -> list[Item]:
    """Enclosing items from the nearest up; stops on a missing or cyclic parent."""
    chain: list[Item] = []
    seen = {item.id}
    parent = by_id.get(item.parent) if item.parent else None
    while parent is not None and parent.id not in seen:
        chain.append(parent)
        seen.add(parent.id)
        parent = by_id.get(parent.parent) if parent.parent else None
    return chain


def ancestor_title(chain: list[Item], level: int) -> str:
    return next((a.title for a in chain if a.level == level), "")


def printed_path(item: Item) -> str:
    """The markers as printed, joined: ``二、（一）3.``."""
    return "".join(item.markers)


def task_row(item: Item, by_id: dict[str, Item]) -> dict:
    chain = ancestors(item, by_id)
    return {
        "id": item.id,
        "part": item.part,
        "path": printed_path(item),
        "chapter": ancestor_title(chain, 1),
        "section": ancestor_title(chain, 2),
        "title": item.title,
        "text": item.text,
        "lead_units": JOIN.join(u.name for u in item.units if u.role == "lead"),
        "support_units": JOIN.join(u.name for u in item.units if u.role == "support"),
        "low_units": JOIN.join(u.name for u in item.units if u.confidence == "low"),
        "targets": JOIN.join(t.text for t in item.targets),
        "dates": JOIN.join(d.text for d in item.dates),
        "dates_iso": JOIN.join(d.value or "" for d in item.dates),
        "page": item.page,
    }


def task_rows(doc: Document) -> list[dict]:
    """One dict per task (keys :data:`COLUMN_KEYS`); chapter/section are the level-1/2 ancestors."""
    by_id = {item.id: item for item in doc.items}
    return [task_row(item, by_id) for item in task_items(doc)]
