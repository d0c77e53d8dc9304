"""Printable handouts: A4 PDFs rendered by WeasyPrint from the same templates as the web pages.

For each module and language: a checklist, a learner handout and a facilitator
handout; per language: the collaboration-tips handout. The HTML of each PDF is
rendered with Jinja (fast); WeasyPrint (slow) runs only for HTML it has not
seen before. Cached PDFs live in .cache/pdf/, named by a hash of everything
that goes into them (the rendered HTML, the stylesheets and the renderer's
version), so an unchanged rebuild renders nothing and an edited module
re-renders only its own PDFs. Cold renders use every core.
"""

from __future__ import annotations

import base64
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import segno
import weasyprint
from jinja2 import Environment
from markupsafe import Markup

from hooks.content_model import CollaborationPage, Module

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [ROOT / "overrides" / "assets" / "css" / "site.css", ROOT / "overrides" / "assets" / "css" / "handout.css"]
CACHE = Path(os.environ.get("VW_PDF_CACHE", ROOT / ".cache" / "pdf"))


@dataclass(frozen=True)
class Handout:
    """One PDF to produce: where it goes in the site and the HTML it is printed from."""

    file_name: str       # e.g. 'methodical-work-checklist.pdf', placed in <language root>/handouts/
    kind: str            # 'checklist', 'learner', 'facilitator' or 'collaboration'
    title: str
    html: str

    @property
    def cache_key(self) -> str:
        digest = hashlib.sha256(self.html.encode())
        for sheet in STYLESHEETS:
            digest.update(sheet.read_bytes())
        digest.update(weasyprint.__version__.encode())
        return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Printed:
    handout: Handout
    path: Path
    size: int
    pages: int


def qr_code(url: str) -> str:
    """The module's address as an SVG QR code (data URI), made offline."""
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


def module_handouts(env: Environment, module: Module, ui: dict, lang: str, url: str, version: str) -> list[Handout]:
    common = dict(module=module, ui=ui, lang=lang, url=url, qr=qr_code(url), medium="pdf",
                  footer_css=footer_css(module.title, ui, version))
    kinds = [("checklist", "pdf/checklist.html", ui["checklist_pdf"]),
             ("learner", "pdf/module.html", ui["handout_pdf"]),
             ("facilitator", "pdf/module.html", ui["facilitator_pdf"])]
    return [Handout(f"{module.id}-{kind}.pdf", kind, f"{module.title} – {label.removesuffix(' (PDF)')}",
                    env.get_template(template).render(edition=kind, document_title=module.title, **common))
            for kind, template, label in kinds]


def collaboration_handout(env: Environment, page: CollaborationPage, ui: dict, lang: str, url: str,
                          version: str) -> Handout:
    html = env.get_template("pdf/collaboration.html").render(
        page=page, ui=ui, lang=lang, url=url, qr=qr_code(url), medium="pdf", document_title=page.title,
        footer_css=footer_css(page.title, ui, version))
    return Handout("collaboration-tips.pdf", "collaboration", page.title, html)


def _render(html: str, target: str) -> None:
    """Worker: one PDF/UA-1 document (tagged, with /Lang and title) written to `target`."""
    document = weasyprint.HTML(string=html, base_url=str(ROOT / "overrides" / "pdf"))
    tmp = f"{target}.tmp"
    document.write_pdf(tmp, stylesheets=[str(s) for s in STYLESHEETS], pdf_variant="pdf/ua-1", pdf_tags=True)
    os.replace(tmp, target)


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def print_all(handouts: list[Handout], cache: Path = CACHE) -> tuple[list[Printed], int]:
    """Render what the cache lacks, in parallel; return every PDF and how many were rendered."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = {h.cache_key: h for h in handouts if not (cache / f"{h.cache_key}.pdf").exists()}
    if missing:
        workers = min(len(missing), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_render, [h.html for h in missing.values()],
                          [str(cache / f"{key}.pdf") for key in missing]))
    printed = []
    for handout in handouts:
        path = cache / f"{handout.cache_key}.pdf"
        printed.append(Printed(handout, path, path.stat().st_size, page_count(path)))
    return printed, len(missing)
