"""Fixes for defects of a plain Material + mkdocs-static-i18n build, each a small pure step.

Each one is covered by a browser or build test in tests/.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

# Material's bundle fetches "sitemap.xml" next to every <link rel=alternate>; with
# per-page hreflang links that means /en/<page>/sitemap.xml: a 404 on every page.
# The language menu already links each translation of the page, so the fetch has
# no use here: narrow the selector to links that opt in (none do).
ALTERNATE_SELECTOR = 'M("link[rel=alternate]")'
ALTERNATE_SELECTOR_OFF = 'M("link[rel=alternate][data-md-sitemap]")'

TASK_ITEM = re.compile(
    r'<li class="task-list-item"><label class="task-list-control">(<input[^>]*>)'
    r'<span class="task-list-indicator"></span></label>(.*?)</li>', re.DOTALL)


def patch_alternate_fetch(site_dir: str | Path) -> bool:
    """Stop the bundle's sitemap look-ups; return False if the bundle no longer has the selector."""
    patched = False
    for bundle in Path(site_dir, "assets", "javascripts").glob("bundle.*.min.js"):
        code = bundle.read_text(encoding="utf-8")
        if ALTERNATE_SELECTOR in code:
            bundle.write_text(code.replace(ALTERNATE_SELECTOR, ALTERNATE_SELECTOR_OFF), encoding="utf-8")
        patched = patched or ALTERNATE_SELECTOR_OFF in bundle.read_text(encoding="utf-8")
    return patched


def search_index_path(site_dir: str | Path, lang_folder: str = "") -> Path:
    return Path(site_dir, lang_folder, "search", "search_index.json")


def restore_search_index(site_dir: str | Path, saved: bytes, lang: str) -> None:
    """Put back the default language's own index, searched with that language's stemmer only."""
    index = json.loads(saved)
    index["config"]["lang"] = [lang]
    search_index_path(site_dir).write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def move_search_index(site_dir: str | Path, lang: str) -> None:
    """Every language's build writes its index to the site root; move it under /<lang>/,
    with locations relative to that root, where that language's pages look for it."""
    index = json.loads(search_index_path(site_dir).read_text(encoding="utf-8"))
    prefix = f"{lang}/"
    index["docs"] = [dict(doc, location=doc["location"].removeprefix(prefix)) for doc in index["docs"]
                     if doc["location"].startswith(prefix)]
    index["config"]["lang"] = [lang]
    target = search_index_path(site_dir, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def label_task_items(html: str) -> str:
    """Give task-list checkboxes the item's text as accessible name (axe: 'label')."""
    counter = iter(range(1, 10_000))

    def relabel(match: re.Match) -> str:
        text_id = f"task-{next(counter)}"
        checkbox = match.group(1).replace("<input", f'<input aria-labelledby="{text_id}"', 1)
        return (f'<li class="task-list-item"><label class="task-list-control">{checkbox}'
                f'<span class="task-list-indicator"></span></label><span id="{text_id}">{match.group(2)}</span></li>')

    return TASK_ITEM.sub(relabel, html)


def localise_permalinks(html: str, title: str) -> str:
    """The toc extension's '¶' links carry one fixed English title; use the page's language."""
    return html.replace('title="Permanent link"', f'title="{title}"')


OFFLINE_WORKER_SHIM = "assets/js/vendor/iframe-worker-shim.js"


def configure_offline(config) -> None:
    """Offline bundle, opened from file://: links to .html files, and a local Web Worker shim for
    search (Material's offline plugin would load that shim from unpkg.com)."""
    config.use_directory_urls = False
    config.extra["polyfills"] = [OFFLINE_WORKER_SHIM]


def inline_search_index(site_dir: str | Path, lang_folder: str) -> None:
    """Pages opened from file:// cannot fetch JSON: Material loads search/search_index.js instead."""
    index = search_index_path(site_dir, lang_folder)
    if index.exists():
        index.with_suffix(".js").write_text("var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


# The theme's markup that the W3C Nu HTML checker rejects (issue 14): an empty tabindex on section
# labels in the navigation, autocomplete/autocorrect where HTML does not allow them, and labels
# pointing at a control the page does not have (the table-of-contents toggle on section index pages).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(type="checkbox" id="[^"]*") autocomplete="off"')
LABEL_FOR = re.compile(r'<label\b[^>]*?\sfor="([^"]*)"')
ID_ATTRIBUTE = re.compile(r' id="([^"]*)"')  # a literal start: searching a long page stays fast


def valid_theme_markup(html: str) -> str:
    """Remove the theme's invalid attributes; each removal changes nothing a browser does.
    (Plain string searches where possible: this runs on every page of every build.)"""
    html = html.replace(' tabindex=""', "").replace(' autocorrect="off"', "")
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    ids = set(ID_ATTRIBUTE.findall(html))
    for target in set(LABEL_FOR.findall(html)) - ids:
        html = html.replace(f' for="{target}"', "")
    return html


# --- Content-Security-Policy (issue 14) ---------------------------------------------------
# Scripts only from the site itself; the theme's few inline scripts are allowed by their hash,
# computed from the built pages, so adding or changing one never needs 'unsafe-inline'.
# `<script type="application/json">` blocks are data, never run, and need no hash.
INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
INLINE_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r'<[^>]*?\sstyle="([^"]*)"')
SECURITY_HEADERS_FILE = "security-headers.conf"


def csp_hash(text: str) -> str:
    """The CSP source expression ('sha256-…') that allows exactly this inline script or style."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions for every inline script a browser would run."""
    hashes = set()
    for attributes, code in INLINE_SCRIPT.findall(html):
        if "src=" in attributes or re.search(r'type="(?!text/javascript|module)[^"]*"', attributes):
            continue
        hashes.add(csp_hash(code))
    return hashes


def inline_style_hashes(html: str) -> set[str]:
    """CSP source expressions for every <style> element and every style="…" attribute."""
    return {csp_hash(css) for css in INLINE_STYLE.findall(html) + STYLE_ATTRIBUTE.findall(html)}


def content_security_policy(script_hashes: set[str], style_hashes: set[str] = frozenset()) -> str:
    """Scripts and styles from the site only, plus the inline ones named by their hash. Style attributes
    need 'unsafe-hashes', which still allows only the attributes whose exact text is hashed."""
    styles = ["style-src 'self' 'unsafe-hashes' " + " ".join(sorted(style_hashes))] if style_hashes else []
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(sorted(script_hashes)),
        *styles,
        "img-src 'self' data:",  # the theme's icons are data: URLs in its stylesheet
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


SPEAKER_VIEW_SCRIPT = "speaker-view.js"  # reveal.js's notes plugin, beside each language's decks
JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.DOTALL)


def js_string_value(literal: str) -> str:
    """The text of a double-quoted JavaScript string literal (the escapes minifiers write)."""
    def unescape(match: re.Match) -> str:
        escape = match.group(1)
        if escape[0] in "xu" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        return {"n": "\n", "t": "\t", "r": "\r"}.get(escape, escape)
    return JS_ESCAPE.sub(unescape, literal)


def speaker_views(site_dir: str | Path) -> list[str]:
    """reveal.js's speaker view in each language: a page its notes plugin writes into a pop-up, which keeps
    the deck's policy. Read from the plugins the build wrote, so that its inline script and styles can be allowed."""
    return ["".join(js_string_value(literal) for literal in JS_STRING.findall(plugin.read_text(encoding="utf-8"))
                    if "<script>" in literal)
            for plugin in sorted(Path(site_dir).glob(f"**/slides/{SPEAKER_VIEW_SCRIPT}"))]


def security_headers(site_dir: str | Path) -> dict[str, str]:
    """The headers every response of the site should carry, for the policy of its built pages."""
    views = speaker_views(site_dir)
    hashes = set().union(*map(inline_script_hashes, views))
    for page in Path(site_dir).rglob("*.html"):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    return {"Content-Security-Policy": content_security_policy(hashes, set().union(*map(inline_style_hashes, views))),
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def write_security_headers(site_dir: str | Path) -> Path:
    """An nginx snippet with the headers (README: "Serving the built site"); the test server reads it too."""
    lines = [f'add_header {name} "{value}" always;' for name, value in security_headers(site_dir).items()]
    target = Path(site_dir, SECURITY_HEADERS_FILE)
    target.write_text("# Written by the build (hooks/site_fixes.py): include it in the site's server block.\n"
                      + "\n".join(lines) + "\n", encoding="utf-8")
    return target


def read_security_headers(path: str | Path) -> dict[str, str]:
    return dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', Path(path).read_text(encoding="utf-8"), re.M))


def mark_current_language(html: str, lang: str) -> str:
    """The language menu says which language is the current one (aria-current), not by position alone."""
    return html.replace(f'hreflang="{lang}" class="md-select__link"',
                        f'hreflang="{lang}" class="md-select__link" aria-current="page"', 1)


# Search ignores accents ("hypothese" finds "hypothèse"): the theme's search worker builds its lunr
# index in the browser; one more step in its pipelines (for the indexed text and for the query)
# folds every word to its letters without accents.
SEARCH_TOKENIZER = "this.tokenizer=ae,"
SEARCH_QUERY = "search(e){"
QUERY_FOLDING = 'e=e.normalize("NFD").replace(/[\u0300-\u036f]/g,"");'  # also for words with a wildcard
SEARCH_FOLDING = ("self.__vwFold||(self.__vwFold=function(t){return t.update(function(s){"
                  "return s.normalize(\"NFD\").replace(/[\\u0300-\\u036f]/g,\"\")})},"
                  "lunr.Pipeline.registerFunction(self.__vwFold,\"vwFold\")),"
                  "this.pipeline.add(self.__vwFold),this.searchPipeline.add(self.__vwFold),")


def patch_search_folding(site_dir: str | Path) -> bool:
    """Add accent folding to the search worker; return False if the worker no longer has the hook point."""
    patched = False
    for worker in Path(site_dir, "assets", "javascripts", "workers").glob("search.*.min.js"):
        code = worker.read_text(encoding="utf-8")
        if SEARCH_FOLDING not in code and SEARCH_TOKENIZER in code and code.count(SEARCH_QUERY) == 1:
            code = code.replace(SEARCH_TOKENIZER, SEARCH_TOKENIZER + SEARCH_FOLDING, 1)
            worker.write_text(code.replace(SEARCH_QUERY, SEARCH_QUERY + QUERY_FOLDING, 1), encoding="utf-8")
        code = worker.read_text(encoding="utf-8")
        patched = patched or (SEARCH_FOLDING in code and SEARCH_QUERY + QUERY_FOLDING in code)
    return patched


def split_glossary_in_search_index(site_dir: str | Path, lang_folder: str, page_location: str,
                                   terms: list) -> None:
    """Each glossary term its own search result (title: the term, text: its definition, pointing to
    its entry), right after the glossary page itself, whose own entry leaves the terms out."""
    path = search_index_path(site_dir, lang_folder)
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for doc in index["docs"]:
        docs.append(doc)
        if doc["location"] == page_location:
            docs += [{"location": f"{page_location}#{term.id}", "title": term.term, "text": term.definition}
                     for term in terms]
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
