"""The site's pages, derived from docs/ without building: used to parametrize tests per page and language."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("nl", "en", "fr")
DEFAULT_LANGUAGE = "nl"


def source_pages() -> list[str]:
    """Dutch source files relative to docs/, without the '.nl.md' suffix: 'vision/relationship'."""
    return sorted(p.relative_to(DOCS).as_posix()[: -len(".nl.md")] for p in DOCS.rglob("*.nl.md"))


def url_path(base: str, lang: str) -> str:
    """'vision/index' in 'en' -> '/en/vision/'."""
    prefix = "/" if lang == DEFAULT_LANGUAGE else f"/{lang}/"
    page = base[: -len("index")] if base.endswith("index") else base + "/"
    return prefix + page


def every_page() -> list[tuple[str, str]]:
    return [(lang, url_path(base, lang)) for lang in LANGUAGES for base in source_pages()]


def module_pages() -> list[str]:
    return [b for b in source_pages() if b.startswith("training/") and not b.endswith("index")]
