"""Hashes of inputs, a disk cache for generated HTML keyed by them, and one for compiled templates.

Like the PDF cache: a rebuild in which nothing changed reuses the module pages
and glossary tooltips it made before instead of generating them again. Keys are
computed, never listed by hand: the code of every hook module the output uses
(followed through its imports), every template it extends or includes, every
installed package's version and the mkdocs.yml settings that shape HTML, so a
change to any of them renews the entries.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable

import jinja2
from jinja2 import meta

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


def code_of(*modules: ModuleType) -> list[Path]:
    """The files of these modules and of every hook module they use, found through what each one imports."""
    package = __name__.split(".")[0]
    seen: dict[str, ModuleType] = {}
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module.__name__ in seen:
            continue
        seen[module.__name__] = module
        for value in vars(module).values():
            name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
            if isinstance(name, str) and name.split(".")[0] == package and name in sys.modules:
                todo.append(sys.modules[name])
    return sorted(Path(module.__file__) for module in seen.values())


def templates_of(env: jinja2.Environment, *names: str) -> list[Path]:
    """The files of these templates and of every template they extend, include or import. A name made at
    render time (Material's icons) is not followed: the theme's version stands for those."""
    seen: dict[str, Path] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        source, filename, _ = env.loader.get_source(env, name)
        seen[name] = Path(filename)
        todo += _referenced(env, source)
    return sorted(set(seen.values()))


@functools.lru_cache(maxsize=128)  # bounded: the live preview makes a new environment for each rebuild
def _referenced(env: jinja2.Environment, source: str) -> list[str]:
    """The templates one template's source names (parsed once per build, however many outputs use it)."""
    return [found for found in meta.find_referenced_templates(env.parse(source)) if found]


@functools.lru_cache(maxsize=1)
def installed_packages() -> str:
    """Every installed distribution with its version ('mkdocs_material-9.8.2.dist-info'): upgrading the theme
    or a library renews every entry. Read from the folder names, not each package's metadata: much faster."""
    return "\n".join(sorted(entry.name for folder in sys.path if os.path.isdir(folder) for entry in os.scandir(folder)
                            if entry.name.endswith((".dist-info", ".egg-info"))))


# Theme settings that differ per language build or per checkout (absolute folders), not in what they make.
UNKEYED_THEME_SETTINGS = ("language", "locale", "palette", "dirs", "custom_dir")


def settings_of(config) -> str:
    """The mkdocs.yml settings that shape generated HTML and PDFs (Markdown extensions included), as text."""
    theme = {name: value for name, value in config.theme.items() if name not in UNKEYED_THEME_SETTINGS}
    settings = {name: config[name] for name in ("site_url", "use_directory_urls", "markdown_extensions", "mdx_configs")}
    return json.dumps({**settings, "theme": theme}, sort_keys=True, default=str)


def inputs_key(config, env: jinja2.Environment, modules: Iterable[ModuleType], templates: Iterable[str]) -> str:
    """What every entry of one output shares: its code, its templates, the packages and the settings."""
    return key_of((installed_packages(), settings_of(config), *code_of(*modules), *templates_of(env, *templates)))


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
