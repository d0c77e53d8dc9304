"""One page of each kind, in the state a visitor brings it to: the pages that the strict
Content-Security-Policy, console-error and two-colour-scheme axe tests visit in every language.

A new kind of page (a portfolio, slides, a group summary ...) joins those tests with one line in
PAGE_TYPES: its source page (as in tests/pages.py) and, if it needs one, what a visitor does there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

SEARCH_WORD = {"nl": "ouders", "en": "parents", "fr": "parents"}


def answer_the_module(page, lang: str) -> None:
    page.locator('input[name="rating-separate-facts"][value="2"]').check()
    page.locator('input[name="rating-adjust-plan"][value="5"]').check()
    page.locator("#reflection-reflect-first-idea").fill("…")
    page.locator('input[data-id="check-one-test"]').check()
    page.locator("[data-summary] table.vw-chart").wait_for()


def open_a_tooltip(page, lang: str) -> None:
    page.locator(".vw-term__link").first.focus()
    page.locator(".vw-term__tip").first.wait_for(state="visible")


def search(page, lang: str) -> None:
    page.keyboard.press("/")
    page.keyboard.type(SEARCH_WORD[lang], delay=60)
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)


@dataclass(frozen=True)
class PageType:
    name: str
    source: str                                   # as in tests/pages.py: 'vision/relationship'
    action: Optional[Callable] = None             # what a visitor does before the checks


def fill_the_portfolio(page, lang: str) -> None:
    """Answers in two rounds and one for a question the module no longer has, then the portfolio."""
    record = {"format": "verbindend-werken/answers", "version": 2, "module": "methodical-work",
              "updated": "2026-11-02T10:00:00.000Z",
              "rounds": [{"started": "2026-10-01T10:00:00.000Z", "ratings": {"separate-facts": "2"}},
                         {"started": "2026-11-02T10:00:00.000Z", "ratings": {"separate-facts": "4"}}],
              "reflections": {"reflect-first-idea": "<b>text</b>", "removed-question": "kept"},
              "checklist": {"check-one-test": True}}
    page.evaluate("record => localStorage.setItem('verbindend-werken:answers:methodical-work', JSON.stringify(record))",
                  record)
    page.reload()
    page.locator("#portfolio-methodical-work table.vw-chart").wait_for()


PAGE_TYPES = [
    PageType("home", "index"),
    PageType("content page", "vision/relationship"),
    PageType("content page with a tooltip open", "vision/relationship", open_a_tooltip),
    PageType("training overview", "training/index"),
    PageType("module with answers", "training/methodical-work", answer_the_module),
    PageType("portfolio with answers", "portfolio/index", fill_the_portfolio),
    PageType("glossary", "glossary/index"),
    PageType("handouts", "handouts/index"),
    PageType("collaboration tips", "collaboration/index"),
    PageType("for authors", "authors/index"),
    PageType("search in use", "principles/index", search),
]
