"""Render validated content through the Jinja templates in overrides/partials/.

The same templates serve the web page and the PDF handouts; only `medium`
("web" or "pdf") and `edition` ("learner" or "facilitator") differ.
"""

from __future__ import annotations

import re

import markdown as markdown_lib
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.structure.toc import AnchorLink

from hooks.content_model import CollaborationPage, GlossaryPage, Module

H1 = re.compile(r"^\s*(<h1\b.*?</h1>)", re.DOTALL)
ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


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


def module_summary_themes(module: Module) -> list[dict]:
    return [{"id": t.id, "title": t.title, "statements": [{"id": s.id, "text": s.text} for s in t.statements]}
            for t in module.self_assessment.themes]


def module_page(env: Environment, module: Module, body_html: str, ui: dict, downloads: list[dict],
                slides: dict | None = None) -> str:
    heading, body = split_heading(body_html)
    return env.get_template("partials/module/web.html").render(
        module=module, ui=ui, heading=Markup(heading), body=Markup(body), themes=module_summary_themes(module),
        downloads=downloads, slides=slides)


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
    items += [link(f'{ui["vignettes"]}: {v.title}', f"{v.id}-title") for v in module.vignettes]
    items += [link(ui["reflection"], "reflection"), link(ui["self_assessment"], "self-assessment"),
              link(ui["checklist"], "checklist"), link(ui["key_points"], "key-points"), link(ui["answers"], "answers-title")]
    return items


def collaboration_page(env: Environment, page: CollaborationPage, body_html: str, ui: dict) -> str:
    return body_html + env.get_template("partials/collaboration.html").render(page=page, ui=ui, medium="web")


def collaboration_toc(page: CollaborationPage, body_toc: list[AnchorLink]) -> list[AnchorLink]:
    return [*body_toc, *(AnchorLink(t.title, t.id, 2) for t in page.themes)]


def glossary_page(env: Environment, page: GlossaryPage, body_html: str, ui: dict, lang: str) -> str:
    terms = sorted(page.terms, key=lambda t: t.term.casefold())
    return body_html + env.get_template("partials/glossary.html").render(terms=terms, ui=ui, lang=lang)


def training_overview(env: Environment, modules: list[tuple[str, Module]], body_html: str, ui: dict) -> str:
    heading, body = split_heading(body_html)
    cards = env.get_template("partials/module-cards.html").render(modules=modules, ui=ui)
    return heading + cards + body


def translation_status(env: Environment, rows, body_html: str, ui: dict) -> str:
    """The authors' page: a table of every page's translations and their state."""
    languages = sorted({row.lang for row in rows})
    by_page: dict[str, dict[str, str]] = {}
    for row in rows:
        by_page.setdefault(row.page, {})[row.lang] = row.state
    return body_html + env.get_template("partials/translation-status.html").render(
        rows=sorted(by_page.items()), languages=languages, ui=ui)
