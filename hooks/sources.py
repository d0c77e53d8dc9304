"""Reading author files: one place that turns a Markdown file into (front matter, body).

Everything that can go wrong while reading (bytes that are not UTF-8, front
matter that is not valid YAML, a module that breaks the content model)
becomes a ContentError phrased for the author. Files are read once per
change: results are cached by path and modification time.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from hooks.content_model import ContentError, Module, PageMeta, check_same_structure, validate

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: much faster


def language_of(src_uri: str, default: str) -> str:
    match = LANG_SUFFIX.search(src_uri)
    return match.group(1) if match else default


def split_front_matter(text: str, src_uri: str, lang: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        raise ContentError(src_uri, lang, None, "front matter missing: the file must start with '---', the title and description, and '---'")
    try:
        meta = yaml.load(match.group(1) or "", Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if mark and problem.startswith("mapping values are not allowed"):
            raise _colon_error(match.group(1), mark.line, line, src_uri, lang) from None
        raise ContentError(src_uri, lang, None, f"front matter is not valid YAML{line}: {problem}") from None
    if not isinstance(meta, dict):
        raise ContentError(src_uri, lang, None, "front matter must be a list of 'key: value' lines")
    return meta, text[match.end():]


def _colon_error(front: str, line_index: int, where: str, src_uri: str, lang: str) -> ContentError:
    """A colon inside an unquoted text (common in Dutch titles): say how to write it instead."""
    source_line = front.splitlines()[line_index] if line_index < len(front.splitlines()) else ""
    key, _, value = source_line.strip().lstrip("- ").partition(":")
    value = value.strip().replace('"', '\\"')
    example = f' For example: {key.strip()}: "{value}"' if key.strip() and value else ""
    return ContentError(src_uri, lang, key.strip() or None,
                        f"front matter is not valid YAML{where}: the text contains a colon (:) followed by a "
                        f"space. Put the whole text in double quotes.{example}")


def decode(raw: bytes, src_uri: str, lang: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(src_uri, lang, None,
                           f"the file is not saved as UTF-8 (bad byte at line {line}); save it again as UTF-8") from None


@functools.lru_cache(maxsize=None)
def _load(path: str, mtime_ns: int, src_uri: str, lang: str) -> tuple[PageMeta, str]:
    text = decode(Path(path).read_bytes(), src_uri, lang)
    meta, body = split_front_matter(text, src_uri, lang)
    return validate(meta, src_uri, lang), body


def load(docs_dir: str | Path, src_uri: str, default_lang: str) -> tuple[PageMeta, str]:
    """The validated front matter and the Markdown body of one file under docs/."""
    path = Path(docs_dir) / src_uri
    lang = language_of(src_uri, default_lang)
    page, body = _load(str(path), path.stat().st_mtime_ns, src_uri, lang)
    if isinstance(page, Module):
        check_related(docs_dir, page, src_uri, lang, default_lang)
    return page, body


def base_of(src_uri: str) -> str:
    """'training/x.en.md' -> 'training/x'."""
    return src_uri.rsplit(".", 2)[0] if LANG_SUFFIX.search(src_uri) else src_uri[:-3]


def check_page(docs_dir: str | Path, src_uri: str, default_lang: str) -> PageMeta:
    """Everything the build checks of one author file on its own: readable, valid against the content
    model, and (for a translation) the same structure as its source in the default language."""
    model, _ = load(docs_dir, src_uri, default_lang)
    lang = language_of(src_uri, default_lang)
    source_uri = f"{base_of(src_uri)}.{default_lang}.md"
    if lang != default_lang and hasattr(model, "structure") and (Path(docs_dir) / source_uri).exists():
        try:
            source, _ = load(docs_dir, source_uri, default_lang)
        except ContentError:
            return model  # reported when the default language is built
        check_same_structure(source, source_uri, default_lang, model, src_uri, lang)
    return model


def missing_translations(present: set[str], default_lang: str, lang: str) -> list[ContentError]:
    """A message for every page of the default language that `lang` lacks (among `present` files)."""
    return [ContentError(f"{base_of(src)}.{lang}.md", lang, None,
                         f"page missing: translate {src}; until then visitors see the Dutch text")
            for src in sorted(present) if src.endswith(f".{default_lang}.md") and f"{base_of(src)}.{lang}.md" not in present]


def related_page(path: str) -> str:
    """'vision/index.md#x' -> 'vision/index': the page a `related` entry points to."""
    return path.split("#", 1)[0].removesuffix(".md")


def check_related(docs_dir: str | Path, module: Module, src_uri: str, lang: str, default_lang: str) -> None:
    """Every `related` entry must be a page of the site (checked on each read: pages come and go)."""
    for number, path in enumerate(module.related, 1):
        if not path.split("#", 1)[0].endswith(".md") or \
                not (Path(docs_dir) / f"{related_page(path)}.{default_lang}.md").exists():
            raise ContentError(src_uri, lang, f"related[{number}]",
                               f"'{path}' is not a page of this site: write the path as in nav in mkdocs.yml, "
                               "e.g. 'vision/index.md'")


PLACEHOLDER = "TODO:"


def placeholders(docs_dir: str | Path) -> list[str]:
    """'docs/training/x.nl.md [nl] (line 3)' for every module still holding texts from `make new-module`."""
    found = []
    for path in sorted(Path(docs_dir, "training").glob("*.md")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        first = next((number for number, line in enumerate(lines, 1) if PLACEHOLDER in line), None)
        if first:
            lang = LANG_SUFFIX.search(path.name)
            found.append(f"docs/training/{path.name} [{lang.group(1) if lang else '?'}] (line {first})")
    return found
