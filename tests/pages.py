"""The site's pages, derived from docs/ and the site's catalogue (hooks/catalogue.py) without building:
used to parametrize tests per page and language."""

from __future__ import annotations

from pathlib import Path

from hooks.catalogue import Catalogue

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CATALOGUE = Catalogue.of_project(ROOT)
LANGUAGES = CATALOGUE.languages
DEFAULT_LANGUAGE = CATALOGUE.default


def source_pages() -> list[str]:
    """Dutch source files relative to docs/, without the '.nl.md' suffix: 'vision/relationship'."""
    return sorted(p.relative_to(DOCS).as_posix()[: -len(f".{DEFAULT_LANGUAGE}.md")]
                  for p in DOCS.rglob(f"*.{DEFAULT_LANGUAGE}.md"))


def url_path(base: str, lang: str) -> str:
    """'vision/index' in 'en' -> '/en/vision/'."""
    return "/" + CATALOGUE.address(base, lang)


def every_page() -> list[tuple[str, str]]:
    return [(lang, url_path(base, lang)) for lang in LANGUAGES for base in source_pages()]


def module_pages() -> list[str]:
    """'training/<id>' of every module, in the catalogue's route order."""
    return [f"training/{module_id}" for module_id in CATALOGUE.modules]
