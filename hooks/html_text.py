"""The text of an HTML document, token by token: the one walk that glossary tooltips and French
typography share, so both skip the same way the elements whose text they must not touch."""

from __future__ import annotations

import re
from typing import Iterator

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def tokens(html: str, skip: set[str]) -> Iterator[tuple[str, bool]]:
    """Each tag, comment and text of `html` in order, with True for text that lies outside every
    element named in `skip` (the text a caller may change); joined, the tokens give back `html`."""
    skipping: list[str] = []
    for token in TAG.split(html):
        if token.startswith("<"):
            name = TAG_NAME.match(token)
            tag = name.group(1).lower() if name else ""
            if tag in skip and tag not in VOID and not token.endswith("/>"):
                if token.startswith("</"):
                    if tag in skipping:
                        skipping.remove(tag)
                else:
                    skipping.append(tag)
            yield token, False
        elif token:
            yield token, not skipping
