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

from hooks.content_model import ContentError, PageMeta, validate

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
        raise ContentError(src_uri, lang, None, f"front matter is not valid YAML{line}: {problem}") from None
    if not isinstance(meta, dict):
        raise ContentError(src_uri, lang, None, "front matter must be a list of 'key: value' lines")
    return meta, text[match.end():]


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
    return _load(str(path), path.stat().st_mtime_ns, src_uri, language_of(src_uri, default_lang))
