"""Glossary tooltips: the first use of each glossary term on a page explains itself.

The term becomes a link to its glossary entry with the definition attached by
aria-describedby, so it works with the mouse (hover), the keyboard (focus)
and screen readers (read as the link's description). Text inside headings,
links, code, form labels and the like is left alone.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from hooks import fragment_cache, html_text
from hooks.content_model import ContentError, GlossaryPage, GlossaryTerm

PAGE = "glossary/index"

SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "button", "label",
        "legend", "textarea", "summary", "dt", "title", "svg", "abbr", "dfn", "kbd", "select", "figcaption"}
ARTICLE = re.compile(r"(<article\b[^>]*>)(.*)(</article>)", re.DOTALL)


WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Matcher:
    """Finds glossary terms in text: one regex for every form of every term, longest first, whole
    words only; `first_words` lets text without any term skip the (slower) regex."""

    pattern: re.Pattern
    by_form: dict[str, GlossaryTerm]
    first_words: frozenset[str]

    def may_contain_term(self, text: str) -> bool:
        return not self.first_words.isdisjoint(WORD.findall(text.casefold()))


def matcher(terms: list[GlossaryTerm]) -> Matcher | None:
    by_form = {form.casefold(): term for term in terms for form in term.forms()}
    if not by_form:
        return None
    forms = sorted(by_form, key=len, reverse=True)
    alternation = "|".join(re.escape(html.escape(form, quote=False)) for form in forms)
    pattern = re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)
    return Matcher(pattern, by_form, frozenset(WORD.findall(form)[0] for form in forms))


_compiled: dict[int, tuple[list, Matcher | None]] = {}


def _matcher_for(terms: list[GlossaryTerm]) -> Matcher | None:
    """The matcher, compiled once per glossary (the same list object serves every page of a build)."""
    cached = _compiled.get(id(terms))
    if cached is None or cached[0] is not terms:
        cached = _compiled[id(terms)] = (terms, matcher(terms))
    return cached[1]


def tooltip(text: str, term: GlossaryTerm, glossary_url: str) -> str:
    tip_id = f"vw-tip-{term.id}"
    return (f'<span class="vw-term"><a class="vw-term__link" href="{glossary_url}#{term.id}" '
            f'aria-describedby="{tip_id}">{text}</a>'
            f'<span class="vw-term__tip" role="tooltip" id="{tip_id}">{html.escape(term.definition)}</span></span>')


def annotate(fragment: str, terms: Matcher, glossary_url: str) -> str:
    """Wrap the first occurrence of each term in the text nodes of an HTML fragment."""
    done: set[str] = set()
    out: list[str] = []

    def replace(match: re.Match) -> str:
        text = html.unescape(match.group(1))
        term = terms.by_form[text.casefold()]
        if term.id in done or (term.exact and text not in term.exact):
            return match.group(0)
        done.add(term.id)
        return tooltip(match.group(1), term, glossary_url)

    for token, is_text in html_text.tokens(fragment, SKIP):
        out.append(terms.pattern.sub(replace, token) if is_text and terms.may_contain_term(token) else token)
    return "".join(out)


def article_span(page_html: str) -> tuple[int, int] | None:
    """Where the page's <article> element starts and ends (found by plain search: pages are long)."""
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    return (start, end + len("</article>")) if 0 <= start < end else None


def annotate_article(page_html: str, terms: list[GlossaryTerm], glossary_url: str, more_label: str = "") -> str:
    """Apply tooltips inside the page's <article> only (not navigation, header or footer). The article
    carries the text of the link to the glossary entry that a tip shows on touch screens (glossary.js)."""
    terms_matcher = _matcher_for(terms)
    match = ARTICLE.search(page_html)
    if not terms_matcher or not match:
        return page_html
    inner = annotate(match.group(2), terms_matcher, glossary_url)
    if inner == match.group(2):
        return page_html
    opening = match.group(1)
    if more_label:
        opening = opening[:-1] + f' data-glossary-more="{html.escape(more_label)}">'
    return page_html[: match.start(1)] + opening + inner + page_html[match.end(2):]


def with_tooltips(build, output: str, page_base: str, page_url: str, lang: str) -> str:
    """A finished page with tooltips on the glossary's terms in its article (the glossary itself has none),
    reused from the HTML cache: keyed by the article alone, as the navigation grows with the site."""
    catalogue = build.catalogue
    if page_base == PAGE:
        return output
    try:
        terms, glossary_file = catalogue.load(PAGE, lang)
    except ContentError:
        return output
    span = article_span(output) if isinstance(terms, GlossaryPage) else None
    if not span:
        return output
    article = output[span[0]:span[1]]
    glossary_url = get_relative_url(catalogue.address(PAGE, lang), page_url)
    more = build.labels[lang]["glossary_entry_link"]
    annotated = fragment_cache.cached(
        (build.inputs_of("glossary", sys.modules[__name__]), glossary_file, glossary_url, more, article),
        lambda: annotate_article(article, terms.terms, glossary_url, more))
    return output[:span[0]] + annotated + output[span[1]:]
