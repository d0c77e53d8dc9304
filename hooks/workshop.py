"""Facilitator helpers that are not a page or a PDF of their own: the onboarding route's order of the
modules, and what the group summary page needs to know about each module (ids and texts only)."""

from __future__ import annotations

import re
from pathlib import Path

from hooks.content_model import Module

ROUTE_SECTION = re.compile(r"^##[^\n]*\{\s*#onboarding-path\s*\}\s*$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
ROUTE_LINK = re.compile(r"\]\(([a-z0-9-]+)\.md\)")


def in_route_order(bases: list[str], overview: Path) -> list[str]:
    """'training/<id>' bases in the order of the onboarding route on the training overview; modules
    the route does not list follow, alphabetically."""
    text = overview.read_text(encoding="utf-8") if overview.exists() else ""
    section = ROUTE_SECTION.search(text)
    route = [f"training/{name}" for name in ROUTE_LINK.findall(section.group(1))] if section else []
    position = {base: i for i, base in enumerate(dict.fromkeys(route))}
    return sorted(bases, key=lambda base: (position.get(base, len(position)), base))


def summary_modules(modules: list[Module]) -> list[dict]:
    """Per module: the ids an answer file may hold (as the module page's import checks them) and the
    texts the summary shows. Reflections and checklist are only validated, never shown."""
    return [{"id": m.id, "title": m.title,
             "scale": list(m.self_assessment.scale), "not_applicable": m.self_assessment.not_applicable,
             "themes": [{"id": t.id, "title": t.title, "statements": [{"id": s.id, "text": s.text} for s in t.statements]}
                        for t in m.self_assessment.themes],
             "reflections": [r.id for r in m.reflection], "checklist": [c.id for c in m.checklist]}
            for m in modules]
