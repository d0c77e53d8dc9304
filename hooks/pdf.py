"""Printable handouts: A4 PDFs rendered by WeasyPrint from the same templates as the web pages.

For each module and language: a checklist, a learner handout and a facilitator
handout; per language: the collaboration-tips handout.  Cached PDFs live in .cache/pdf/, named by a hash of everything
that goes into them (the author's files, interface texts, templates, styles
and the renderer's version), so an unchanged rebuild renders nothing, not even
HTML, and an edited module re-renders only its own PDFs. Cold renders use every core.
"""

from __future__ import annotations

import base64
import importlib.metadata
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from hooks.content_model import CollaborationPage, Module
from hooks import typography
from hooks.fragment_cache import key_of

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [ROOT / "overrides" / "assets" / "css" / "site.css", ROOT / "overrides" / "assets" / "css" / "handout.css"]
CACHE = Path(os.environ.get("VW_PDF_CACHE", ROOT / ".cache" / "pdf"))


RENDERER_VERSION = importlib.metadata.version("weasyprint")  # WeasyPrint itself loads only when rendering
# Everything besides the content that shapes a PDF: templates, styles, this renderer.
RENDERER_FILES = [*sorted((ROOT / "overrides" / "partials").rglob("*.html")),
                  *sorted((ROOT / "overrides" / "pdf").glob("*.html")), *STYLESHEETS, Path(__file__),
                  Path(typography.__file__)]


@dataclass(frozen=True)
class Handout:
    """One PDF to produce: where it goes in the site, what it is made from, and how to make its HTML.

    Its cache key hashes the inputs (the author's files, the interface texts, the address and
    version printed on it, the templates, styles and renderer version), so a warm build can tell
    a PDF is current without rendering anything.
    """

    file_name: str       # e.g. 'methodical-work-checklist.pdf', placed in <language root>/handouts/
    kind: str            # 'checklist', 'learner', 'facilitator' or 'collaboration'
    title: str
    group: str           # the module (or page) title it is listed under
    sources: tuple[Path, ...]
    context: tuple[str, ...]
    make_html: Callable[[], str] = field(compare=False, repr=False)

    @property
    def cache_key(self) -> str:
        return key_of((RENDERER_VERSION, *RENDERER_FILES, *self.sources, self.kind, *self.context))


@dataclass(frozen=True)
class Printed:
    handout: Handout
    path: Path
    size: int
    pages: int


def qr_code(url: str) -> str:
    """The module's address as an SVG QR code (data URI), made offline."""
    import segno  # only when a PDF is rendered

    svg = segno.make(url, error="m").svg_inline(scale=3, dark="#000", light=None, omitsize=False)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def footer_css(title: str, ui: dict, version: str) -> Markup:
    """Running footer: title and version date on the left, 'page X of Y' in the document's language."""
    page_x_of_y = css_string(ui["page_x_of_y"]).replace("{page}", '" counter(page) "').replace(
        "{pages}", '" counter(pages) "')
    left = css_string(f"{title} · {ui['version']} {version}")
    return Markup(f"@page {{ @bottom-left {{ content: {left}; }} @bottom-right {{ content: {page_x_of_y}; }} }}")


def module_handouts(env: Environment, module: Module, ui: dict, lang: str, url: str, version: str,
                    sources: tuple[Path, ...], related: list[dict] = ()) -> list[Handout]:
    """Checklist, learner handout and facilitator handout of one module in one language;
    `related`: the pages to read also, with their titles and absolute addresses."""
    polish_html, polish_text = typography.for_language(lang)

    def maker(template: str, kind: str) -> Callable[[], str]:
        return lambda: polish_html(env.get_template(template).render(
            module=module, ui=ui, lang=lang, url=url, qr=qr_code(url), medium="pdf", edition=kind,
            related=related, document_title=module.title, footer_css=footer_css(polish_text(module.title), ui, version)))

    kinds = [("checklist", "pdf/checklist.html", ui["checklist_pdf"]),
             ("learner", "pdf/module.html", ui["handout_pdf"]),
             ("facilitator", "pdf/module.html", ui["facilitator_pdf"])]
    return [Handout(f"{module.id}-{kind}.pdf", kind, f"{module.title} – {label.removesuffix(' (PDF)')}",
                    module.title, sources, (lang, url, version, repr(related)), maker(template, kind))
            for kind, template, label in kinds]


def collaboration_handout(env: Environment, page: CollaborationPage, ui: dict, lang: str, url: str,
                          version: str, sources: tuple[Path, ...]) -> Handout:
    """The ten collaboration themes with their tips, ending with room for the team's own."""
    polish_html, polish_text = typography.for_language(lang)

    def make_html() -> str:
        return polish_html(env.get_template("pdf/collaboration.html").render(
            page=page, ui=ui, lang=lang, url=url, qr=qr_code(url), medium="pdf", document_title=page.title,
            footer_css=footer_css(polish_text(page.title), ui, version)))

    return Handout("collaboration-tips.pdf", "collaboration", page.title, page.title, sources,
                   (lang, url, version), make_html)


def _render(html: str, target: str) -> None:
    """Worker: one PDF/UA-1 document (tagged, with /Lang and title) written to `target`,
    and its page count beside it (so a warm build need not open the PDF)."""
    import weasyprint

    options = dict(stylesheets=[str(s) for s in STYLESHEETS], pdf_variant="pdf/ua-1", pdf_tags=True)
    document = weasyprint.HTML(string=html, base_url=str(ROOT / "overrides" / "pdf")).render(**options)
    unique = f"{os.getpid()}.tmp"  # two builds may render the same PDF at once: never share a temporary file
    Path(f"{target}.pages.{unique}").write_text(str(len(document.pages)))
    os.replace(f"{target}.pages.{unique}", f"{target}.pages")  # the page count first: a PDF never lacks it
    document.write_pdf(f"{target}.{unique}", **options)
    os.replace(f"{target}.{unique}", target)


def print_all(handouts: list[Handout], cache: Path = CACHE) -> tuple[list[Printed], int]:
    """Render what the cache lacks, in parallel; return every PDF and how many were rendered."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = {h.cache_key: h for h in handouts if not (cache / f"{h.cache_key}.pdf").exists()}
    if missing:
        workers = min(len(missing), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_render, [h.make_html() for h in missing.values()],
                          [str(cache / f"{key}.pdf") for key in missing]))
    printed = []
    for handout in handouts:
        path = cache / f"{handout.cache_key}.pdf"
        pages = int(path.with_suffix(".pdf.pages").read_text())
        printed.append(Printed(handout, path, path.stat().st_size, pages))
    return printed, len(missing)
