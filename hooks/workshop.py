"""Facilitator helpers that are not a page or a PDF of their own: what the group summary page needs to
know about each module (ids and texts only)."""

from __future__ import annotations

from hooks.catalogue import module_shape
from hooks.content_model import Module


def summary_modules(modules: list[Module]) -> list[dict]:
    """Per module: the ids an answer file may hold (as the module page's import checks them) and the
    texts the summary shows: the module's shape for the browser, with reflections and checklist as ids
    only (they are validated, never shown)."""
    summaries = []
    for module in modules:
        shape = {name: value for name, value in module_shape(module, "").items() if name != "url"}
        shape["reflections"] = [r["id"] for r in shape["reflections"]]
        shape["checklist"] = [c["id"] for c in shape["checklist"]]
        summaries.append(shape)
    return summaries
