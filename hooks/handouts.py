"""The PDF handouts as an output of the build: which PDFs each language has, the links the pages show
(with sizes and page counts), the zip per language, and the files copied into the site. hooks/pdf.py
renders; this module decides what and where."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

from hooks import pdf, source_texts
from hooks.catalogue import Catalogue
from hooks.content_model import CollaborationPage, ContentError, Module

log = logging.getLogger("mkdocs.plugins.verbindend")
COLLABORATION_PAGE = "collaboration/index"
KIND_LABELS = {"checklist": "checklist_pdf", "learner": "handout_pdf", "facilitator": "facilitator_pdf",
               "workshop-pack": "workshop_pack_pdf", "collaboration": "collaboration_handout",
               "worksheets": "worksheets_pdf"}


def related_links(catalogue: Catalogue, module: Module, lang: str, from_url: str | None = None) -> list[dict]:
    """A module's `related` pages as {title, href}, titled in `lang`: addressed relative to the module
    page at `from_url`, or absolute (for the printed handout) when it is None."""
    links = []
    for path in module.related:
        base, anchor = path.split("#", 1)[0].removesuffix(".md"), path.partition("#")[2]
        try:
            target, _ = catalogue.load(base, lang)
        except ContentError:
            target = None  # reported with that page itself
        address = catalogue.address(base, lang)
        href = get_relative_url(address, from_url) if from_url is not None else catalogue.site_url + address
        links.append({"title": target.title if target else base, "href": href + (f"#{anchor}" if anchor else "")})
    return links


def source_links(catalogue: Catalogue, model, lang: str, from_url: str | None = None) -> list[dict]:
    """A page's `sources` as {id, title, part, href}: each links to its description on the resources page,
    relative to the page at `from_url`, or absolute (for a printed handout) when it is None."""
    address = catalogue.address(source_texts.RESOURCES_PAGE, lang)
    href = get_relative_url(address, from_url) if from_url is not None else catalogue.site_url + address
    links = []
    for ref in model.sources:
        text = source_texts.BY_ID[ref.source]
        links.append({"id": ref.source, "title": text.in_language("title", lang), "part": ref.part,
                      "href": f"{href}#{text.anchor}"})
    return links


class Handouts:
    """The build's PDFs: described for every language when the build starts, rendered in the background,
    collected per language when a page lists them."""

    def __init__(self, build):
        self.build = build
        self.printer = pdf.Printer()
        self.planned: dict[str, list[pdf.Handout]] = {}
        self.printed: dict[str, list[pdf.Printed]] = {}
        self.zips: dict[str, pdf.Bundle] = {}

    def start(self, languages: list[str]) -> None:
        for lang in languages:
            self.planned[lang] = self.describe(lang)
            self.printer.queue(self.planned[lang])

    def describe(self, lang: str) -> list[pdf.Handout]:
        """Every PDF of one language, described by its inputs; its HTML is rendered only on a cache miss."""
        build, catalogue = self.build, self.build.catalogue
        env, ui, version = build.env, build.labels[lang], build.version
        labels = build.labels_file(lang)
        inputs = build.inputs_of("pdf", sys.modules[__name__], pdf.TEMPLATES)
        handouts = []
        for module, source in catalogue.modules_in(lang):
            handouts += pdf.module_handouts(env, inputs, module, ui, lang, catalogue.url(f"training/{module.id}", lang),
                                            version, (source, labels), related_links(catalogue, module, lang),
                                            source_links(catalogue, module, lang))
        try:
            collaboration, source = catalogue.load(COLLABORATION_PAGE, lang)
        except ContentError:
            collaboration = None
        if isinstance(collaboration, CollaborationPage):
            handouts += pdf.collaboration_handouts(env, inputs, collaboration, ui, lang,
                                                   catalogue.url(COLLABORATION_PAGE, lang), version, (source, labels),
                                                   source_links(catalogue, collaboration, lang))
        return handouts

    def of_language(self, lang: str) -> list[pdf.Printed]:
        """Every PDF of one language (waiting for the ones still rendering), and their zip, made once."""
        if lang not in self.printed:
            self.printed[lang] = printed = self.printer.printed(self.planned[lang])
            self.zips[lang] = pdf.zip_all(printed, f"verbindend-werken-handouts-{lang}.zip")
            rendered = sum(p.handout.cache_key in self.printer.rendered for p in printed)
            log.info(f"PDF handouts [{lang}]: {rendered} rendered, {len(printed) - rendered} from cache")
        return self.printed[lang]

    def of_module(self, lang: str, module_id: str) -> list[pdf.Printed]:
        return self.printer.printed([h for h in self.planned[lang] if h.module == module_id])

    def links(self, page_url: str, lang: str, printed: list[pdf.Printed]) -> list[dict]:
        ui = self.build.labels[lang]
        folder = self.build.catalogue.prefix(lang) + "handouts/"
        return [{"href": get_relative_url(folder + p.handout.file_name, page_url), "pages": p.pages,
                 "kilobytes": max(1, round(p.size / 1024)), "label": ui[KIND_LABELS[p.handout.kind]],
                 "group": p.handout.group, "module": p.handout.module} for p in printed]

    def groups(self, page_url: str, lang: str) -> list[dict]:
        """The handouts page: one group per module (titled by the module, in route order, with its slides),
        then the collaboration tips and worksheets."""
        groups: dict[str, dict] = {}
        for item in self.links(page_url, lang, self.of_language(lang)):
            group = groups.setdefault(item["group"], {"id": f"handouts-{len(groups) + 1}", "title": item["group"],
                                                      "downloads": [], "slides": None})
            group["downloads"].append(item)
            if item["module"]:
                group["slides"] = self.build.decks.link(page_url, lang, item["module"])
        return list(groups.values())

    def zip_link(self, page_url: str, lang: str) -> dict:
        self.of_language(lang)
        bundle = self.zips[lang]
        href = get_relative_url(self.build.catalogue.prefix(lang) + "handouts/" + bundle.file_name, page_url)
        return {"href": href, "label": self.build.labels[lang]["all_pdfs_zip"],
                "kilobytes": max(1, round(bundle.size / 1024))}

    def write(self, site_dir: str) -> None:
        """Every language's PDFs and zip into its handouts/ folder, then the workers stop."""
        for lang in self.planned:
            folder = Path(site_dir, self.build.catalogue.prefix(lang), "handouts")
            folder.mkdir(parents=True, exist_ok=True)
            for item in self.of_language(lang):
                shutil.copyfile(item.path, folder / item.handout.file_name)
            shutil.copyfile(self.zips[lang].path, folder / self.zips[lang].file_name)
        self.printer.close()
