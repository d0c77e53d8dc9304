"""Render validated content through the Jinja templates in overrides/partials/.

The same templates serve the web page and the PDF handouts; only `medium`
("web" or "pdf") and `edition` ("learner" or "facilitator") differ.
"""

from __future__ import annotations

import re
import unicodedata

import markdown as markdown_lib
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink

from hooks.catalogue import module_shape
from hooks.content_model import CollaborationPage, GlossaryPage, Module

H1 = re.compile(r"^\s*(<h1\b.*?</h1>)", re.DOTALL)
ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
# A link to another page written in a front-matter field: '../vision/x.md#part' (relative, not a URL).
PAGE_LINK = re.compile(r'href="((?![a-z][a-z0-9+.-]*:|/|#)[^"#]*?)\.md(#[^"]*)?"')


def markdown_filter(extensions: list, extension_configs: dict):
    """A Jinja filter that renders an author's Markdown field with the site's own extensions."""

    converter = markdown_lib.Markdown(extensions=extensions, extension_configs=extension_configs)

    def render(text: str) -> Markup:
        return Markup(converter.reset().convert(text))

    return render


def anchor_ids(html: str) -> set[str]:
    return set(ID_ATTRIBUTE.findall(html))


def split_heading(html: str) -> tuple[str, str]:
    """Separate the page's <h1> from the rest, so generated parts can follow the title."""
    match = H1.match(html)
    return (match.group(1), html[match.end():]) if match else ("", html)


def module_page(env: Environment, module: Module, body_html: str, ui: dict, downloads: list[dict],
                slides: dict | None, related: list[dict], portfolio_url: str, page_sources: list[dict] = ()) -> str:
    heading, body = split_heading(body_html)
    return env.get_template("partials/module/web.html").render(
        module=module, ui=ui, heading=Markup(heading), body=Markup(body), module_data=module_shape(module, "./"),
        downloads=downloads, slides=slides, related=related, portfolio_url=portfolio_url, page_sources=page_sources)


def sources_block(env: Environment, page_sources: list[dict], ui: dict, own_additions: str = "") -> str:
    """'Based on ...' at the end of a page: its source texts, each linked to its description."""
    return env.get_template("partials/sources.html").render(page_sources=page_sources, ui=ui, medium="web",
                                                           own_additions=own_additions)


def source_texts(env: Environment, texts: list[dict], body_html: str, ui: dict) -> str:
    """The resources page: its own text, then the five source texts with their anchors."""
    return body_html + env.get_template("partials/source-texts.html").render(source_texts=texts, ui=ui)


def sources_toc(toc: list[AnchorLink], ui: dict, resources: bool = False) -> list[AnchorLink]:
    """A page's table of contents with the generated source parts at their place."""
    items = list(toc)
    if resources:
        items.append(AnchorLink(ui["source_texts_title"], "source-texts", 2))
    return items + [AnchorLink(ui["based_on"], "based-on", 2)]


def handout_list(env: Environment, groups: list[dict], body_html: str, bundle: dict | None = None) -> str:
    return body_html + env.get_template("partials/handout-list.html").render(groups=groups, bundle=bundle)


def group_summary(env: Environment, modules: list[dict], body_html: str, ui: dict) -> str:
    """The group summary tool after the page's own text: plain controls that its script enhances."""
    return body_html + env.get_template("partials/group-summary.html").render(modules=modules, ui=ui)


def module_toc(module: Module, body_toc: list[AnchorLink], ui: dict) -> list[AnchorLink]:
    """Table of contents of a module page: generated parts around the author's own headings."""
    def link(title: str, anchor: str) -> AnchorLink:
        return AnchorLink(title, anchor, 2)

    items = [link(ui["objectives"], "objectives"), *body_toc]
    if module.related:
        items.append(link(ui["related"], "related-title"))
    items += [link(f'{ui["vignettes"]}: {v.title}', f"{v.id}-title") for v in module.vignettes]
    items += [link(ui["reflection"], "reflection"), link(ui["self_assessment"], "self-assessment"),
              link(ui["checklist"], "checklist"), link(ui["key_points"], "key-points"), link(ui["answers"], "answers-title")]
    if module.sources:
        items.append(link(ui["based_on"], "based-on"))
    return items


def page_links(html: str, directory_urls: bool) -> str:
    """Links to pages in front-matter Markdown ('../vision/x.md') as MkDocs writes them in a body, for a
    page whose address is its folder (an index.md): MkDocs itself only resolves the body's links."""
    def address(match: re.Match) -> str:
        path, anchor = match.group(1), match.group(2) or ""
        if directory_urls:
            path = path.removesuffix("index") if path == "index" or path.endswith("/index") else f"{path}/"
        else:
            path = f"{path}.html"
        return f'href="{path}{anchor}"'
    return PAGE_LINK.sub(address, html)


def collaboration_page(env: Environment, page: CollaborationPage, body_html: str, ui: dict,
                       directory_urls: bool = True) -> str:
    themes = env.get_template("partials/collaboration.html").render(page=page, ui=ui, medium="web")
    return body_html + page_links(themes, directory_urls)


def collaboration_toc(page: CollaborationPage, body_toc: list[AnchorLink]) -> list[AnchorLink]:
    return [*body_toc, *(AnchorLink(t.title, t.id, 2) for t in page.themes)]


def initial(term: str) -> str:
    """The letter a term is listed under: 'émotion' -> 'E'."""
    first = unicodedata.normalize("NFD", term.strip())[:1].upper()
    return first if first.isalpha() else "#"


def glossary_page(env: Environment, page: GlossaryPage, body_html: str, ui: dict, lang: str) -> str:
    """The glossary: an A–Z jump list, then the terms grouped by their first letter."""
    terms = sorted(page.terms, key=lambda t: t.term.casefold())
    groups: dict[str, list] = {}
    for term in terms:
        groups.setdefault(initial(term.term), []).append(term)
    return body_html + env.get_template("partials/glossary.html").render(groups=groups, ui=ui, lang=lang)


def split_introduction(html: str) -> tuple[str, str]:
    """Separate a page's introduction (everything before its first <h2>) from its sections."""
    start = html.find("<h2")
    return (html, "") if start < 0 else (html[:start], html[start:])


def training_overview(env: Environment, modules: list[tuple[str, Module]], body_html: str, ui: dict) -> str:
    """Title, then the author's introduction, then the module cards, then the other sections."""
    introduction, sections = split_introduction(body_html)
    cards = env.get_template("partials/module-cards.html").render(
        modules=modules, ui=ui, module_data=[module_shape(module, url) for url, module in modules])
    return introduction + cards + sections


START_GROUPS = ("new-staff", "self-study", "facilitators", "authors")


def home_page(env: Environment, body_html: str, ui: dict) -> str:
    """The home page: below its title, a card for each user group whose section the page has."""
    heading, body = split_heading(body_html)
    present = anchor_ids(body)
    groups = [group for group in START_GROUPS if group in present]
    return heading + env.get_template("partials/home-cards.html").render(groups=groups, ui=ui) + body


def portfolio(env: Environment, modules: list[tuple[str, Module]], body_html: str, ui: dict) -> str:
    """The learner's portfolio: the page's text, then every module's answers (filled in by the browser)."""
    return body_html + env.get_template("partials/portfolio.html").render(
        ui=ui, module_data=[module_shape(module, url) for url, module in modules])


def translation_status(env: Environment, rows, body_html: str, ui: dict) -> str:
    """The authors' page: a table of every page's translations and their state."""
    languages = sorted({row.lang for row in rows})
    by_page: dict[str, dict[str, str]] = {}
    for row in rows:
        by_page.setdefault(row.page, {})[row.lang] = row.state
    return body_html + env.get_template("partials/translation-status.html").render(
        rows=sorted(by_page.items()), languages=languages, ui=ui)
