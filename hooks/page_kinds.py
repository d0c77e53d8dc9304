"""The web pages whose content the build generates, one renderer per kind of page: a module, the
collaboration tips and the glossary by their content model; the pages that gather modules or files
(training overview, portfolio, handouts, group summary, home, authors) by their place in the site."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from hooks import fragment_cache, render, site_fixes, source_texts, translations, workshop
from hooks.content_model import CollaborationPage, ContentError, GlossaryPage, Module, PageMeta
from hooks.handouts import related_links, source_links


def module_page(build, model: Module, page: Page, html: str, lang: str) -> str:
    catalogue, ui = build.catalogue, build.labels[lang]
    page.toc.items[0].children = render.module_toc(model, _body_toc(page), ui)
    own = build.handouts.links(page.url, lang, build.handouts.of_module(lang, model.id))
    deck = build.decks.link(page.url, lang, model.id)
    related = related_links(catalogue, model, lang, page.url)
    portfolio_url = get_relative_url(catalogue.address("portfolio/index", lang), page.url)
    cited = source_links(catalogue, model, lang, page.url)
    return fragment_cache.cached(
        (build.inputs_of("module page", sys.modules[__name__], ("partials/module/web.html",)),
         Path(page.file.abs_src_path), build.labels_file(lang), html, repr(own), repr(deck), repr(related), portfolio_url,
         repr(cited)),
        lambda: render.module_page(build.env, model, html, ui, own, deck, related, portfolio_url, cited))


def collaboration_page(build, model: CollaborationPage, page: Page, html: str, lang: str) -> str:
    ui = build.labels[lang]
    page.toc.items[0].children = render.sources_toc(render.collaboration_toc(model, _body_toc(page)), ui)
    html = render.collaboration_page(build.env, model, html, ui, build.catalogue.directory_urls)
    return html + render.sources_block(build.env, source_links(build.catalogue, model, lang, page.url), ui,
                                       ui["own_additions_collaboration"].replace("{own_tips}", ui["own_tips"]))


def resources(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    """The resources page: its own text, then the five source texts, each with the pages based on it."""
    catalogue, ui = build.catalogue, build.labels[lang]
    used_by: dict[str, list[dict]] = {text.id: [] for text in source_texts.SOURCE_TEXTS}
    for path in sorted(catalogue.docs_dir.rglob(f"*.{catalogue.default}.md")):
        base = path.relative_to(catalogue.docs_dir).as_posix().removesuffix(f".{catalogue.default}.md")
        try:
            other, _ = catalogue.load(base, lang)
        except ContentError:
            continue  # reported with that page itself
        for ref in getattr(other, "sources", None) or []:
            used_by[ref.source].append({"title": other.title,
                                        "href": get_relative_url(catalogue.address(base, lang), page.url)})
    sections = [{"anchor": text.anchor, "title": text.in_language("title", lang),
                 "description": text.in_language("description", lang), "pages": used_by[text.id]}
                for text in source_texts.SOURCE_TEXTS]
    return render.source_texts(build.env, sections, html, ui)


def glossary_page(build, model: GlossaryPage, page: Page, html: str, lang: str) -> str:
    return render.glossary_page(build.env, model, html, build.labels[lang], lang)


def training_overview(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    return render.training_overview(build.env, _modules(build, page, lang), html, build.labels[lang])


def portfolio(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    return render.portfolio(build.env, _modules(build, page, lang), html, build.labels[lang])


def handouts(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    return render.handout_list(build.env, build.handouts.groups(page.url, lang), html,
                               build.handouts.zip_link(page.url, lang))


def group_summary(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    modules = [module for module, _ in build.catalogue.modules_in(lang)]
    return render.group_summary(build.env, workshop.summary_modules(modules), html, build.labels[lang])


def home(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    return render.home_page(build.env, html, build.labels[lang])


def authors(build, model: PageMeta, page: Page, html: str, lang: str) -> str:
    return render.translation_status(build.env, translations.status(build.catalogue.docs_dir), html, build.labels[lang])


BY_MODEL = {Module: module_page, CollaborationPage: collaboration_page, GlossaryPage: glossary_page}
BY_PAGE = {"training/index": training_overview, "portfolio/index": portfolio, "handouts/index": handouts,
           "handouts/group-summary": group_summary, "index": home, "authors/index": authors,
           source_texts.RESOURCES_PAGE: resources}


def render_content(build, model: PageMeta | None, base: str, page: Page, html: str, lang: str) -> str:
    """A page's content with its generated parts, by the page's content model or else its place; generated
    sections become link targets for MkDocs' anchor check too."""
    html = site_fixes.localise_permalinks(site_fixes.label_task_items(html), build.labels[lang]["permalink"])
    if model is None:
        return html  # the page shows its error
    renderer = BY_MODEL.get(type(model)) or BY_PAGE.get(base)
    if renderer:
        html = renderer(build, model, page, html, lang)
    if model.sources and not isinstance(model, (Module, CollaborationPage)):  # those place their own
        ui = build.labels[lang]
        if page.toc.items:
            page.toc.items[0].children = render.sources_toc(page.toc.items[0].children, ui,
                                                            base == source_texts.RESOURCES_PAGE)
        html += render.sources_block(build.env, source_links(build.catalogue, model, lang, page.url), ui)
    page.present_anchor_ids = (page.present_anchor_ids or set()) | render.anchor_ids(html)
    return html


def _body_toc(page: Page) -> list:
    return page.toc.items[0].children if page.toc.items else []


def _modules(build, page: Page, lang: str) -> list[tuple[str, Module]]:
    """Every module with its address relative to `page`, in route order."""
    return [(get_relative_url(build.catalogue.address(f"training/{module.id}", lang), page.url), module)
            for module, _ in build.catalogue.modules_in(lang)]
