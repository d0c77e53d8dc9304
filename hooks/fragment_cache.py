"""Hashes of inputs, a disk cache for generated HTML keyed by them, and one for compiled templates.

Like the PDF cache: a rebuild in which nothing changed reuses the module pages
and glossary tooltips it made before instead of generating them again. The key
includes the code and templates that generate the HTML, so changing those
invalidates their entries too.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable

import jinja2

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("VW_HTML_CACHE", ROOT / ".cache" / "html"))
TEMPLATE_CACHE = os.environ.get("VW_TEMPLATE_CACHE", str(ROOT / ".cache" / "templates"))  # "off": none


@functools.lru_cache(maxsize=None)
def _file_digest(path: Path, mtime_ns: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def key_of(parts: Iterable[str | bytes | Path]) -> str:
    """A hash of text and of files' contents (each file read once per change)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            digest.update(_file_digest(part, part.stat().st_mtime_ns))
        else:
            digest.update(hashlib.sha256(part.encode() if isinstance(part, str) else part).digest())
    return digest.hexdigest()[:32]


def cached(parts: Iterable[str | bytes | Path], make: Callable[[], str]) -> str:
    """`make()`, or what it returned before for the same inputs."""
    path = CACHE / f"{key_of(parts)}.html"
    if path.exists():
        return path.read_text(encoding="utf-8")
    html = make()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, path)
    return html


def compiled_templates() -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, shared by every build and language: without it each
    language's build compiles the theme's templates again, a third of a warm build. Jinja compares each
    template's source with the cached one, so an edited template is compiled afresh."""
    if TEMPLATE_CACHE == "off":
        return None
    Path(TEMPLATE_CACHE).mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(TEMPLATE_CACHE)
