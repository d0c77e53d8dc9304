"""SCORM 1.2 packages of the training modules, for an organisation's learning platform (Moodle, Totara, ...).

    python tools/scorm.py [--out dist/scorm]      (or: make scorm)

Writes, per language, one package per module (`<lang>/<module id>.zip`) and one course package
with every module as its own SCO in the onboarding route's order (`<lang>-course.zip`).

A package holds the module page exactly as the site builds it (same templates, self-assessment,
glossary tooltips, the module's PDFs), made self-contained: links to other pages of the site go
to the published site (`site_url`, or SITE_URL) in a new tab, the site search is left out, and
the page loads the LMS bridge (overrides/assets/components/lms-bridge/), which keeps the answers
in the platform through the page's own answer store.

When nothing that goes into the packages changed since the last run, the packages are reused.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import interface_texts, typography  # noqa: E402  (the pages' interface texts and typography)
from hooks.catalogue import Catalogue, version_date  # noqa: E402  (languages, route, addresses, titles)
from hooks.fragment_cache import installed_packages  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Inputs of a package besides the project's own files: this tool and its manifest template.
TOOL_FILES = (Path(__file__).resolve(), TEMPLATES / "imsmanifest.xml")
PROJECT_INPUTS = ("docs", "hooks", "overrides", "mkdocs.yml", "requirements.txt")
STAMP = ".inputs"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed times: the same input gives the same bytes

# What the package page loads on top of the site page (paths from the site root).
BRIDGE_SCRIPTS = ("assets/js/vendor/lz-string.min.js", "assets/components/lms-bridge/lms-bridge.js")
BRIDGE_STYLE = "assets/components/lms-bridge/lms-bridge.css"
BRIDGE_FILES = (*BRIDGE_SCRIPTS, BRIDGE_STYLE, "assets/js/vendor/lz-string-LICENSE.txt")

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
URL_TAGS = ("a", "link", "script", "img", "source", "iframe")
KEPT_SCHEMES = ("#", "data:", "mailto:", "tel:", "javascript:", "http:", "https:", "//")
INIT_SCRIPT = "assets/components/init.js"
MODULE_COMPONENT = "answer-form"


class PackageError(Exception):
    """A page refers to a file the built site does not have: the package would be incomplete."""


# --- the project: MkDocs' own configuration and the site's catalogue ----------

@dataclass
class Project:
    root: Path
    catalogue: Catalogue

    @classmethod
    def read(cls, root: Path) -> "Project":
        return cls(root, Catalogue.of_project(root))

    @property
    def site_url(self) -> str:
        return self.catalogue.site_url

    @property
    def route(self) -> list[str]:
        """Module ids in the catalogue's route order."""
        return list(self.catalogue.modules)

    def labels(self, lang: str) -> dict:
        return yaml.safe_load((self.root / "hooks" / "labels" / f"{lang}.yml").read_text(encoding="utf-8"))

    def module_title(self, module_id: str, lang: str) -> str:
        return self.catalogue.load(f"training/{module_id}", lang)[0].title


def inputs_key(project: Project) -> str:
    """A hash of everything a package is made from: the project's files, this tool, the installed packages,
    the site address and the version date."""
    digest = hashlib.sha256(project.site_url.encode())
    files = [(p, p.relative_to(project.root)) for name in PROJECT_INPUTS
             for p in sorted((project.root / name).rglob("*") if (project.root / name).is_dir() else [project.root / name])]
    for path, name in [*files, *((p, p.name) for p in TOOL_FILES)]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(installed_packages().encode())
    digest.update(version_date(project.root).encode())
    return digest.hexdigest()


# --- one page, made self-contained ------------------------------------------

def page_path(project: Project, lang: str, module_id: str) -> str:
    """The module page's path in the built site (and in the package)."""
    address = project.catalogue.address(f"training/{module_id}", lang)
    return address + "index.html" if address.endswith("/") else address


@dataclass
class PackagePage:
    html: str
    files: set[str] = field(default_factory=set)  # site files the page needs (besides itself)


class _PageEdits(HTMLParser):
    """Reads a built page with an HTML parser and notes what the package changes, as (start, end, new text)
    spans of the original: the site search left out, addresses rewritten, the LMS bridge added."""

    def __init__(self, html: str, site: Path, path: str, site_url: str):
        super().__init__(convert_charrefs=False)
        self.html, self.site, self.path, self.site_url = html, site, path, site_url
        self.line_starts = [0, *(i + 1 for i, char in enumerate(html) if char == "\n")]
        self.edits: list[tuple[int, int, str]] = []
        self.files: set[str] = set()
        self.dropping: list = []  # [tag, depth, start] of the element being left out
        self.up = posixpath.relpath(".", posixpath.dirname(path))
        self.found = {"init": False, "module": False}

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list) -> None:
        start, raw = self.position(), self.get_starttag_text()
        values = dict(attrs)
        if self.dropping:
            self.dropping[1] += tag == self.dropping[0]
            return
        if (tag == "label" and values.get("for") == "__search" and "md-header__button" in (values.get("class") or "")) \
                or (tag == "div" and values.get("data-md-component") == "search"):
            self.dropping = [tag, 1, start]  # no site search in a package (Material then loads no index);
            return                           # the hidden toggle stays: Material's keyboard handling reads it
        new = raw
        if tag in URL_TAGS:
            new = self.rewrite(tag, raw, values)
        if tag == "script" and (values.get("src") or "").endswith(INIT_SCRIPT):
            self.found["init"] = True
            new = "".join(f'<script defer src="{self.up}/{script}"></script>' for script in BRIDGE_SCRIPTS) + new
        if (values.get("data-vw-component") or "").startswith(MODULE_COMPONENT) and not self.found["module"]:
            self.found["module"] = True  # the bridge merges the platform's answers first
            new = new.replace('data-vw-component="answer-form', 'data-vw-component="lms-bridge answer-form', 1)
        if new != raw:
            self.edits.append((start, start + len(raw), new))

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        end = self.html.index(">", start) + 1
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping[1] -= 1
                if self.dropping[1] == 0:
                    self.edits.append((self.dropping[2], end, ""))
                    self.dropping = []
            return
        if tag == "head":
            self.edits.append((start, start, f'<link rel="stylesheet" href="{self.up}/{BRIDGE_STYLE}">'))

    def rewrite(self, tag: str, raw: str, values: dict) -> str:
        """One tag: its own files are kept (and listed); a link to another page goes to the published site."""
        if tag == "link" and values.get("rel") in ("prev", "next"):
            return ""  # Material's p/n keys would leave the package
        external, rewritten = False, raw
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if not value or value.startswith(KEPT_SCHEMES):
                continue
            address, _, fragment = value.partition("#")
            address = address.split("?")[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.path), address))
            target = "" if target == "." else target
            if not (address.endswith("/") or (self.site / target).is_dir() or target.endswith(".html")):
                self.files.add(target)
                continue
            page = posixpath.join(target, "index.html") if not target.endswith(".html") else target
            anchor = f"#{fragment}" if fragment else ""
            if page == self.path:
                new = f"{posixpath.basename(self.path)}{anchor}"
            else:
                new, external = f"{self.site_url}{page.removesuffix('index.html')}{anchor}", tag == "a"
            rewritten = rewritten.replace(f' {attribute}="{value}"', f' {attribute}="{new}"', 1)
        if external and " target=" not in rewritten:
            rewritten = rewritten[:-1] + ' target="_blank" rel="noopener">'
        return rewritten

    def result(self) -> str:
        out, position = [], 0
        for start, end, new in sorted(self.edits, key=lambda edit: edit[:2]):
            if start < position:
                continue  # inside an element already left out
            out += [self.html[position:start], new]
            position = end
        return "".join(out) + self.html[position:]


def package_page(site: Path, path: str, site_url: str, labels: dict) -> PackagePage:
    """The built page at `path`, rewritten to work from inside a package: see the module docstring;
    `labels`: the language's interface texts, for the texts the LMS bridge reads."""
    edits = _PageEdits((site / path).read_text(encoding="utf-8"), site, path, site_url)
    edits.feed(edits.html)
    edits.close()
    if not all(edits.found.values()):
        raise PackageError(f"{path}: the module page no longer has init.js or its answer form; tools/scorm.py needs updating")
    files = edits.files | set(BRIDGE_FILES)
    for css in [f for f in files if f.endswith(".css")]:
        files |= _css_references(site, css)
    missing = sorted(f for f in files if not (site / f).is_file())
    if missing:
        raise PackageError(f"{path}: refers to {missing[0]}, which the built site does not have")
    return PackagePage(interface_texts.refresh_block(edits.result(), labels), files)


def _css_references(site: Path, css: str) -> set[str]:
    found = set()
    text = (site / css).read_text(encoding="utf-8") if (site / css).is_file() else ""
    for reference in CSS_URL.findall(text):
        if not reference.startswith(KEPT_SCHEMES):
            found.add(posixpath.normpath(posixpath.join(posixpath.dirname(css), reference.split("#")[0].split("?")[0])))
    return found


# --- packages ----------------------------------------------------------------

@dataclass
class Sco:
    id: str
    title: str
    href: str
    files: list[str]
    parameters: str = ""  # appended to the launch address by the LMS (the item's `parameters`)


# In a package of several SCOs the bridge writes no cmi.interactions: Moodle 4.5's player throws in
# LMSInitialize when a learner comes back to a SCO that wrote them in the same visit (README, Moodle).
COURSE_LAUNCH_PARAMETERS = "?interactions=off"


def _manifest(identifier: str, title: str, lang: str, version: str, scos: list[Sco], shared: list[str]) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["xml"]),
                      keep_trailing_newline=True)
    return env.get_template("imsmanifest.xml").render(identifier=identifier, title=title, lang=lang, version=version,
                                                       scos=scos, shared=shared)


def build_package(project: Project, site: Path, lang: str, module_ids: list[str], title: str,
                  identifier: str) -> dict[str, bytes]:
    """The files of one package (imsmanifest.xml first): a SCO per module in `module_ids`."""
    contents: dict[str, bytes] = {}
    scos: list[Sco] = []
    needed: set[str] = set()
    labels = typography.polish_labels(project.labels(lang), lang)
    for module_id in module_ids:
        path = page_path(project, lang, module_id)
        page = package_page(site, path, project.site_url, labels)
        contents[path] = page.html.encode("utf-8")
        own = sorted(f for f in page.files if not f.startswith("assets/"))  # its PDFs
        scos.append(Sco(module_id, project.module_title(module_id, lang), path, [path, *own],
                        COURSE_LAUNCH_PARAMETERS if len(module_ids) > 1 else ""))
        needed |= page.files
    shared = sorted(needed - {f for sco in scos for f in sco.files})
    for name in sorted(needed):
        contents[name] = (site / name).read_bytes()
    manifest = _manifest(identifier, title, lang, version_date(project.root), scos, shared)
    return {"imsmanifest.xml": manifest.encode("utf-8"), **dict(sorted(contents.items()))}


def zip_bytes(contents: dict[str, bytes]) -> bytes:
    """A deterministic zip: the same files give the same bytes (so unchanged packages are not rewritten)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def all_packages(project: Project, site: Path) -> dict[str, dict[str, bytes]]:
    """Every package by its path under the output folder."""
    packages = {}
    for lang in project.catalogue.languages:
        labels = project.labels(lang)
        for module_id in project.route:
            packages[f"{lang}/{module_id}.zip"] = build_package(
                project, site, lang, [module_id], project.module_title(module_id, lang),
                f"verbindend-werken-{lang}-{module_id}")
        course = labels["scorm_course_title"].format(site=project.catalogue.site_names[lang])
        packages[f"{lang}-course.zip"] = build_package(project, site, lang, project.route, course,
                                                        f"verbindend-werken-{lang}-course")
    return packages


def build_site(project: Project, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BUILD_ONLY_LOCALE", None)  # a package per language needs every language
    env.pop("VW_OFFLINE", None)         # the site as published, not the file:// bundle
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{result.stdout}\nThe site does not build (see above): no SCORM packages written.")


def write_packages(out: Path, packages: dict[str, dict[str, bytes]], previous: list[str]) -> tuple[int, int]:
    """Write each package whose bytes changed; remove packages of an earlier run that are no longer made."""
    written = 0
    for name, contents in packages.items():
        data, target = zip_bytes(contents), out / name
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.with_suffix(".tmp").write_bytes(data)
        target.with_suffix(".tmp").replace(target)
        written += 1
    for name in set(previous) - set(packages):
        (out / name).unlink(missing_ok=True)
    return written, len(packages) - written


def read_stamp(out: Path) -> dict:
    try:
        return json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def make(project: Project, out: Path, site: Path | None = None) -> str:
    """Build what changed; returns a line saying what was done. `site`: an existing build of `project`."""
    key, stamp = inputs_key(project), read_stamp(out)
    if stamp.get("key") == key and all((out / name).is_file() for name in stamp.get("packages", [])):
        return f"SCORM packages unchanged since the last run: reused the {len(stamp['packages'])} in {out}"
    if site is None:
        site = project.root / ".cache" / "scorm" / "site"
        build_site(project, site)
    try:
        packages = all_packages(project, site)
    except PackageError as error:
        raise SystemExit(f"tools/scorm.py: {error}")
    out.mkdir(parents=True, exist_ok=True)
    written, same = write_packages(out, packages, stamp.get("packages", []))
    (out / STAMP).write_text(json.dumps({"key": key, "packages": sorted(packages)}, indent=1), encoding="utf-8")
    return f"SCORM packages in {out}: {written} written, {same} unchanged"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "scorm")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to package (default: this one)")
    parser.add_argument("--site", type=Path, help="package this existing build of the project instead of building it")
    arguments = parser.parse_args()
    print(make(Project.read(arguments.project.resolve()), arguments.out.resolve(), arguments.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
