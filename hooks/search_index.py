"""The search index as an output: one index per language, each searched with its own stemmer.

Every language's build writes its index to the site root, and mkdocs-static-i18n finally overwrites it
with a merge of all languages. Each other language's index is moved under /<lang>/, where its pages
look (the `config` block in overrides/main.html); the default language's own index is kept before the
merge and put back after it. Glossary terms then become search results of their own.
"""

from __future__ import annotations

from hooks import site_fixes
from hooks.content_model import ContentError, GlossaryPage

GLOSSARY_PAGE = "glossary/index"


class SearchIndexes:
    def __init__(self, build):
        self.build = build
        self.default_index: bytes | None = None

    def before_language(self, site_dir: str, lang: str) -> None:
        """Keep the default language's index once it is complete: when another language starts."""
        index = site_fixes.search_index_path(site_dir)
        if lang != self.build.catalogue.default and self.default_index is None and index.exists():
            self.default_index = index.read_bytes()

    def after_language(self, site_dir: str, lang: str) -> None:
        if lang != self.build.catalogue.default:
            site_fixes.move_search_index(site_dir, lang)

    def finish(self, site_dir: str, offline: bool) -> None:
        catalogue = self.build.catalogue
        if self.default_index is not None:
            site_fixes.restore_search_index(site_dir, self.default_index, catalogue.default)
        for lang in catalogue.languages:
            try:
                glossary, _ = catalogue.load(GLOSSARY_PAGE, lang)
            except ContentError:
                continue  # reported with the page
            if isinstance(glossary, GlossaryPage):
                location = catalogue.address(GLOSSARY_PAGE, lang).removeprefix(catalogue.prefix(lang))
                site_fixes.split_glossary_in_search_index(site_dir, catalogue.prefix(lang), location, glossary.terms)
            if offline:
                site_fixes.inline_search_index(site_dir, catalogue.prefix(lang))
