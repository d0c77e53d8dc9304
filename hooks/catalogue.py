"""The catalogue of the site: its languages, its modules in one route order and every page's address in
every language, made once per build from mkdocs.yml and the validated content.

The hooks, the PDFs, the slides, the SCORM packages, the offline bundle and the tests all read it, so
that nothing else computes an order, an address or a list of languages.
"""

from __future__ import annotations

import datetime
import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hooks import sources
from hooks.content_model import ContentError, Module, PageMeta

ROOT = Path(__file__).resolve().parent.parent
ROUTE_SECTION = re.compile(r"^##[^\n]*\{\s*#onboarding-path\s*\}\s*$(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
ROUTE_LINK = re.compile(r"\]\(([a-z0-9-]+)\.md\)")


@dataclass(frozen=True)
class Catalogue:
    docs_dir: Path
    default: str                    # the language at the site root
    languages: tuple[str, ...]      # every configured language, the default first
    site_names: dict[str, str]      # per language: the site's name
    site_url: str                   # the published site's address, ending in '/'
    directory_urls: bool
    modules: tuple[str, ...]        # module ids in the onboarding route's order (the training overview's)

    @classmethod
    def from_config(cls, config) -> Catalogue:
        """From a loaded MkDocs configuration (mkdocs-static-i18n's languages, the docs folder)."""
        settings = config.plugins["i18n"].config.languages
        default = next(lang.locale for lang in settings if lang.default)
        languages = (default, *(lang.locale for lang in settings if lang.locale != default))
        names = {lang.locale: lang.site_name or config.site_name for lang in settings}
        docs = Path(config.docs_dir)
        folder = docs / "training"
        bases = sorted(f"training/{p.name.removesuffix(f'.{default}.md')}" for p in folder.glob(f"*.{default}.md")
                       if not p.name.startswith("index."))
        route = in_route_order(bases, folder / f"index.{default}.md")
        return cls(docs, default, languages, names, (config.site_url or "/").rstrip("/") + "/",
                   config.use_directory_urls, tuple(base.removeprefix("training/") for base in route))

    @classmethod
    def of_project(cls, root: Path = ROOT) -> Catalogue:
        """The catalogue of a project folder, read through MkDocs' own configuration loader."""
        from mkdocs.config import load_config

        return cls.from_config(load_config(str(root / "mkdocs.yml")))

    def prefix(self, lang: str) -> str:
        """The language's folder in the site: '' for the default language, else 'en/'."""
        return "" if lang == self.default else f"{lang}/"

    def address(self, base: str, lang: str) -> str:
        """A page's address within the site: ('vision/index', 'en') -> 'en/vision/', 'index' -> ''."""
        if not self.directory_urls:
            return f"{self.prefix(lang)}{base}.html"
        if base == "index" or base.endswith("/index"):
            return self.prefix(lang) + base.removesuffix("index")
        return f"{self.prefix(lang)}{base}/"

    def url(self, base: str, lang: str) -> str:
        """A page's published address: 'https://…/en/vision/'."""
        return self.site_url + self.address(base, lang)

    def load(self, base: str, lang: str) -> tuple[PageMeta | None, Path | None]:
        """(validated model, file) of a page in `lang`, or in the default language when it lacks a translation."""
        for candidate in (f"{base}.{lang}.md", f"{base}.{self.default}.md"):
            if (self.docs_dir / candidate).exists():
                return sources.load(self.docs_dir, candidate, self.default)[0], self.docs_dir / candidate
        return None, None

    def modules_in(self, lang: str) -> list[tuple[Module, Path]]:
        """Every module in `lang` with its file, in route order; modules with errors are left out (the
        build reports those with the page itself)."""
        found = []
        for module_id in self.modules:
            try:
                module, path = self.load(f"training/{module_id}", lang)
            except ContentError:
                continue
            if isinstance(module, Module):
                found.append((module, path))
        return found


def in_route_order(bases: list[str], overview: Path) -> list[str]:
    """'training/<id>' bases in the order of the onboarding route on the training overview; modules
    the route does not list follow, alphabetically."""
    text = overview.read_text(encoding="utf-8") if overview.exists() else ""
    section = ROUTE_SECTION.search(text)
    route = [f"training/{name}" for name in ROUTE_LINK.findall(section.group(1))] if section else []
    position = {base: i for i, base in enumerate(dict.fromkeys(route))}
    return sorted(bases, key=lambda base: (position.get(base, len(position)), base))


@functools.lru_cache(maxsize=None)
def version_date(root: Path = ROOT) -> str:
    """The site's version, printed on handouts and SCORM manifests: the date of the last commit (stable
    between rebuilds), else today."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                             timeout=10).stdout.strip()
    except OSError:
        out = ""
    return out or datetime.date.today().isoformat()


def module_shape(module: Module, url: str) -> dict:
    """What the browser's answer components know of a module: its ids with their texts. The same data
    drives the module page, the training overview's progress, the portfolio and the group summary."""
    sa = module.self_assessment
    return {"id": module.id, "title": module.title, "url": url, "scale": sa.scale,
            "not_applicable": sa.not_applicable,
            "themes": [{"id": t.id, "title": t.title, "statements": [{"id": s.id, "text": s.text} for s in t.statements]}
                       for t in sa.themes],
            "reflections": [{"id": r.id, "question": r.question} for r in module.reflection],
            "checklist": [{"id": c.id, "text": c.text} for c in module.checklist]}
