"""Printable handouts: A4 PDFs rendered by WeasyPrint from the same templates as the web pages.

For each module and language: a checklist, a learner handout, a facilitator
handout and a workshop pack; per language: the collaboration tips and the
collaboration worksheets. File names carry the language, so that files of two
languages never share a name in one download folder.  Cached PDFs live in .cache/pdf/, named by a hash of everything
that goes into them (the author's files, interface texts, styles, and the build's
inputs key: code, templates, packages and settings, see fragment_cache), so an
unchanged rebuild renders nothing, not even HTML, and an edited module re-renders
only its own PDFs. Cold renders use every core.
"""

from __future__ import annotations

import base64
import functools
import os
import zipfile
from concurrent.futures import Future, ProcessPoolExecutor
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
# The page frames a handout is rendered from (their partials are found through them).
MODULE_TEMPLATES = {"checklist": "pdf/checklist.html", "learner": "pdf/module.html", "facilitator": "pdf/module.html",
                    "workshop-pack": "pdf/workshop-pack.html"}
COLLABORATION_TEMPLATES = {"collaboration": "pdf/collaboration.html", "worksheets": "pdf/worksheets.html"}
TEMPLATES = sorted({*MODULE_TEMPLATES.values(), *COLLABORATION_TEMPLATES.values()})


@dataclass(frozen=True)
class Handout:
    """One PDF to produce: where it goes in the site, what it is made from, and how to make its HTML.

    Its cache key hashes the inputs (the author's files, the interface texts, the address and
    version printed on it, the styles and `inputs`: the build's code, templates, packages and
    settings), so a warm build can tell a PDF is current without rendering anything.
    """

    file_name: str       # e.g. 'methodical-work-checklist-en.pdf', placed in <language root>/handouts/
    kind: str            # 'checklist', 'learner', 'facilitator', 'workshop-pack', 'collaboration' or 'worksheets'
    title: str           # the document's own title, e.g. 'Methodical work – Checklist'
    group: str           # the module (or page) title it is listed under
    sources: tuple[Path, ...]
    context: tuple[str, ...]
    make_html: Callable[[], str] = field(compare=False, repr=False)
    inputs: str          # fragment_cache.inputs_key of the code and templates that make it
    module: str = ""     # the module's id, for a module's own PDFs

    @property
    def cache_key(self) -> str:
        return key_of((self.inputs, *STYLESHEETS, *self.sources, self.kind, *self.context))


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


ATTENDANCE_ROWS = 16  # a full group of a workshop


def module_handouts(env: Environment, inputs: str, module: Module, ui: dict, lang: str, url: str, version: str,
                    sources: tuple[Path, ...], related: list[dict] = (), page_sources: list[dict] = ()) -> list[Handout]:
    """Checklist, learner handout, facilitator handout and workshop pack of one module in one language;
    `related`: the pages to read also, with their titles and absolute addresses; `page_sources`: the
    source texts the module is based on ("Based on ..."), linked to the resources page."""
    polish_html, polish_text = typography.for_language(lang)
    labels = {"checklist": ui["checklist_pdf"], "learner": ui["handout_pdf"], "facilitator": ui["facilitator_pdf"],
              "workshop-pack": ui["workshop_pack_pdf"]}

    def maker(template: str, kind: str, title: str) -> Callable[[], str]:
        return lambda: polish_html(env.get_template(template).render(
            module=module, ui=ui, lang=lang, url=url, qr=qr_code(url), medium="pdf", edition=kind,
            related=related, page_sources=page_sources, document_title=title, heading=module.title,
            attendance_rows=ATTENDANCE_ROWS,
            footer_css=footer_css(polish_text(title), ui, version)))

    handouts = []
    for kind, template in MODULE_TEMPLATES.items():
        title = f"{module.title} – {labels[kind].removesuffix(' (PDF)')}"
        handouts.append(Handout(f"{module.id}-{kind}-{lang}.pdf", kind, title, module.title, sources,
                                (lang, url, version, repr(related), repr(page_sources)), maker(template, kind, title), inputs,
                                module=module.id))
    return handouts


def collaboration_handouts(env: Environment, inputs: str, page: CollaborationPage, ui: dict, lang: str, url: str,
                           version: str, sources: tuple[Path, ...], page_sources: list[dict] = ()) -> list[Handout]:
    """The collaboration themes with their tips (room for the team's own once, at the end),
    and the worksheets: one page per theme, each ending with that room."""
    polish_html, polish_text = typography.for_language(lang)

    def maker(template: str, medium: str, title: str) -> Callable[[], str]:
        return lambda: polish_html(env.get_template(template).render(
            page=page, ui=ui, lang=lang, url=url, qr=qr_code(url), medium=medium, document_title=title,
            page_sources=page_sources,
            heading=page.title, footer_css=footer_css(polish_text(title), ui, version)))

    kinds = [("collaboration", "collaboration-tips", "pdf", ui["collaboration_handout"]),
             ("worksheets", "collaboration-worksheets", "worksheet", ui["worksheets_pdf"])]
    handouts = []
    for kind, name, medium, label in kinds:
        title = f"{page.title} – {label.removesuffix(' (PDF)')}"
        handouts.append(Handout(f"{name}-{lang}.pdf", kind, title, page.title, sources,
                                (lang, url, version, repr(page_sources)),
                                maker(COLLABORATION_TEMPLATES[kind], medium, title), inputs))
    return handouts


@functools.lru_cache(maxsize=1)
def _stylesheets() -> list:
    """The handout styles, parsed once per worker process rather than once per PDF."""
    import weasyprint

    return [weasyprint.CSS(filename=str(sheet)) for sheet in STYLESHEETS]


def _render(html: str, target: str) -> None:
    """Worker: one PDF/UA-1 document (tagged, with /Lang and title) written to `target`,
    and its page count beside it (so a warm build need not open the PDF)."""
    import weasyprint

    options = dict(stylesheets=_stylesheets(), pdf_variant="pdf/ua-1", pdf_tags=True)
    document = weasyprint.HTML(string=html, base_url=str(ROOT / "overrides" / "pdf")).render(**options)
    unique = f"{os.getpid()}.tmp"  # two builds may render the same PDF at once: never share a temporary file
    Path(f"{target}.pages.{unique}").write_text(str(len(document.pages)))
    os.replace(f"{target}.pages.{unique}", f"{target}.pages")  # the page count first: a PDF never lacks it
    document.write_pdf(f"{target}.{unique}", **options)
    os.replace(f"{target}.{unique}", target)


ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Bundle:
    """Every PDF of one language in one zip, for a facilitator who wants them all at once."""

    file_name: str
    path: Path
    size: int


def zip_all(printed: list[Printed], file_name: str, cache: Path = CACHE) -> Bundle:
    """The zip of these PDFs, made again only when one of them changed (cached beside the PDFs)."""
    path = cache / f"{key_of((Path(__file__), file_name, *(f'{p.handout.file_name}:{p.path.name}' for p in printed)))}.zip"
    if not path.exists():
        unique = path.with_suffix(f".{os.getpid()}.tmp")
        with zipfile.ZipFile(unique, "w", zipfile.ZIP_STORED) as archive:  # PDFs are compressed already
            for item in printed:  # a fixed time, not the render's: the same PDFs give the same zip
                info = zipfile.ZipInfo(item.handout.file_name, ZIP_TIME)
                info.external_attr = 0o644 << 16
                archive.writestr(info, item.path.read_bytes())
        os.replace(unique, path)
    return Bundle(file_name, path, path.stat().st_size)


class Printer:
    """Renders the PDFs the cache lacks in worker processes, one per core, started once per build: every
    language's PDFs are queued at the start, and a page waits only for the PDFs it lists. Results land in
    the cache under their key, so the order of rendering never changes a file or its bytes."""

    def __init__(self, cache: Path = CACHE, workers: int | None = None):
        self.cache = cache
        self.workers = workers or len(os.sched_getaffinity(0))
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, Future] = {}
        self.rendered: set[str] = set()

    def queue(self, handouts: list[Handout]) -> None:
        """Start rendering every handout the cache lacks (each HTML is made here, then rendered by a worker)."""
        self.cache.mkdir(parents=True, exist_ok=True)
        for handout in handouts:
            key = handout.cache_key
            if key in self.pending or (self.cache / f"{key}.pdf").exists():
                continue
            if self.pool is None:
                import weasyprint  # noqa: F401  (loaded once here: the forked workers share it)

                self.pool = ProcessPoolExecutor(max_workers=self.workers)
            self.pending[key] = self.pool.submit(_render, handout.make_html(), str(self.cache / f"{key}.pdf"))

    def printed(self, handouts: list[Handout]) -> list[Printed]:
        """These handouts as PDFs in the cache, rendering (or waiting for) the ones still missing."""
        self.queue(handouts)
        printed = []
        for handout in handouts:
            key = handout.cache_key
            if key in self.pending:
                self.pending.pop(key).result()
                self.rendered.add(key)
            path = self.cache / f"{key}.pdf"
            pages = int(path.with_suffix(".pdf.pages").read_text())
            printed.append(Printed(handout, path, path.stat().st_size, pages))
        return printed

    def close(self) -> None:
        """Stop the workers (after a failed build, without rendering what is still queued)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool, self.pending = None, {}
