"""Each page carries only the interface texts its browser components read (its `vw-ui` block).

Which texts a component reads is read from its JavaScript (overrides/assets/components/, assets/js/),
never listed by hand: `ui.<key>` (VW.ui, the page's texts) and the label keys it names as strings (looked
up as `VW.ui[name]`), plus what the helpers it calls read (`VW.<helper>`, defined in another file).
A page uses the components its `data-vw-component` attributes name; a page without any carries no block.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps

ASSETS = Path(__file__).resolve().parent.parent / "overrides" / "assets"
SCRIPT_FOLDERS = ("components", "js")             # the site's own scripts; vendor/ is not ours
COMPONENT = re.compile(r'VW\.components(?:\["([\w-]+)"\]|\.(\w+))\s*=')
DEFINES = re.compile(r"\bVW\.(\w+)\s*=(?!=)")
MENTIONS = re.compile(r"\bVW\.(\w+)")
READS = re.compile(r"\bui\.(\w+)")
STRING = re.compile(r"""["'](\w+)["']""")
PAGE_COMPONENTS = re.compile(r'\sdata-vw-component="([^"]*)"')
BLOCK = re.compile(r'<script type="application/json" id="vw-ui">.*?</script>', re.DOTALL)


@dataclass(frozen=True)
class Script:
    components: frozenset[str]   # the components it registers
    defines: frozenset[str]      # the helpers it puts on VW
    mentions: frozenset[str]     # every VW.<name> it uses
    reads_texts: bool            # it reads the page's interface texts (VW.ui)
    words: frozenset[str]        # `ui.<key>` and every quoted word: the candidates for label keys


def read_script(code: str) -> Script:
    defines = frozenset(DEFINES.findall(code)) - {"components"}
    components = frozenset(name for pair in COMPONENT.findall(code) for name in pair if name)
    return Script(components, defines, frozenset(MENTIONS.findall(code)),
                  "VW.ui" in code, frozenset(READS.findall(code)) | frozenset(STRING.findall(code)))


@functools.lru_cache(maxsize=1)
def scripts() -> tuple[Script, ...]:
    return tuple(read_script(path.read_text(encoding="utf-8"))
                 for folder in SCRIPT_FOLDERS for path in sorted((ASSETS / folder).rglob("*.js"))
                 if "vendor" not in path.relative_to(ASSETS).parts)


def scripts_for(components: set[str]) -> list[Script]:
    """The scripts of these components and, in turn, of every helper they use."""
    needed = [s for s in scripts() if s.components & components]
    for script in needed:  # grows while it is walked
        for other in scripts():
            if other not in needed and other.defines & script.mentions:
                needed.append(other)
    return needed


def components_of(html: str) -> set[str]:
    return {name for names in PAGE_COMPONENTS.findall(html) for name in names.split()}


def texts_for(components: set[str], labels: dict) -> dict:
    """The labels these components read, in the labels' order."""
    words = set().union(*(s.words for s in scripts_for(components) if s.reads_texts))
    return {key: text for key, text in labels.items() if key in words}


def page_texts(labels: dict, content: str | None) -> dict:
    """Template filter: the texts of the components used in a page's content (none without any)."""
    return texts_for(components_of(content or ""), labels)


def refresh_block(html: str, labels: dict) -> str:
    """The page's `vw-ui` block again for the components it uses now (after a tool added one)."""
    texts = htmlsafe_json_dumps(texts_for(components_of(html), labels))  # as the template's `tojson` writes it
    block = f'<script type="application/json" id="vw-ui">{texts}</script>'
    return BLOCK.sub(lambda _: block, html, count=1)
