"""French typography, applied by the build so that authors and translators need not type it.

On French pages, interface texts and PDFs: a narrow no-break space (U+202F) before ; : ! ?
and inside « », and typographic apostrophes (l’enfant). Never inside code, URLs or HTML
attributes: only text nodes outside <code>, <pre>, <script> and the like are touched, and
URLs and `code spans` in plain text are left as they are. Applying it twice changes nothing.
"""

from __future__ import annotations

import re

from hooks import html_text

NNBSP = "\u202f"
# Elements whose text is code, data or not prose.
SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math", "var"}
# Kept as they are: URLs, e-mail addresses, `code spans` (in plain-text sources), HTML entities.
PROTECTED = re.compile(r"(`[^`\n]*`|(?:https?://|mailto:|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+|&#?\w+;)")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
SPACE_BEFORE = re.compile(r"[ \u00a0]+(?=[;:!?](?!\w))")          # 'mot ?' -> 'mot\u202f?'
NO_SPACE_BEFORE = re.compile(r"(?<=[^\W\d_])(?=[;!?](?:\s|$|[»)\]]))|(?<=[^\W\d_])(?=:(?:\s|$))")  # 'mot?' 'Note:'
# Punctuation at the start of a text node that follows a word in the previous one ('<b>Note</b>: x').
LEADING_PUNCTUATION = re.compile(r"^(?=[;!?](?:\s|$)|:(?:\s|$))")
OPEN_QUOTE = re.compile(r"«[ \u00a0\u202f]*")
CLOSE_QUOTE = re.compile(r"[ \u00a0\u202f]*»")


def _prose(text: str) -> str:
    text = APOSTROPHE.sub("\u2019", text)
    text = SPACE_BEFORE.sub(NNBSP, text)
    text = NO_SPACE_BEFORE.sub(NNBSP, text)
    text = OPEN_QUOTE.sub("«" + NNBSP, text)
    return CLOSE_QUOTE.sub(NNBSP + "»", text)


def french_text(text: str) -> str:
    """Typography of plain text (an interface text, a title): URLs and `code` stay as they are."""
    parts = PROTECTED.split(text)
    return "".join(part if i % 2 else _prose(part) for i, part in enumerate(parts))


def _text_node(text: str) -> str:
    text = text.replace("&#39;", "'").replace("&#x27;", "'").replace("&nbsp;", "\u00a0")
    return french_text(text)


def french_html(html: str) -> str:
    """Typography of the text nodes of an HTML document or fragment; tags and attributes untouched."""
    out: list[str] = []
    after_word = False  # did the previous text end with a letter?
    for token, is_text in html_text.tokens(html, SKIP):
        if is_text:
            token = _text_node(token)
            if after_word:
                token = LEADING_PUNCTUATION.sub(NNBSP, token)
            after_word = token[-1].isalpha()
        out.append(token)
    return "".join(out)


def has_rules(lang: str) -> bool:
    """Whether the build changes this language's text at all (only French, for now)."""
    return lang == "fr"


def for_language(lang: str):
    """(html, text) functions for a language: French typography for 'fr', unchanged otherwise."""
    if has_rules(lang):
        return french_html, french_text
    return (lambda html: html), (lambda text: text)


def polish_labels(labels: object, lang: str) -> object:
    """Interface texts (strings, lists and mappings of them) with the language's typography."""
    _, text = for_language(lang)
    if isinstance(labels, str):
        return text(labels)
    if isinstance(labels, list):
        return [polish_labels(item, lang) for item in labels]
    if isinstance(labels, dict):
        return {key: polish_labels(value, lang) for key, value in labels.items()}
    return labels
