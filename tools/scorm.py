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
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hooks import interface_texts, sources, typography  # noqa: E402  (module titles, the pages' interface texts)

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

TAG = re.compile(r"<(a|link|script|img|source|iframe)\b[^>]*>", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r'\s(href|src)="([^"]*)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
SEARCH_BUTTON = re.compile(r'<label class="md-header__button md-icon" for="__search">.*?</label>', re.DOTALL)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search"'
MODULE_ROOT = 'data-vw-component="answer-form'
KEPT_SCHEMES = ("#", "data:", "mailto:", "tel:", "javascript:", "http:", "https:", "//")


class PackageError(Exception):
    """A page refers to a file the built site does not have: the package would be incomplete."""


# --- the project's configuration --------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for what we need: `!ENV [NAME, default]` takes the variable."""


def _env_tag(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)


@dataclass
class Project:
    root: Path
    site_url: str
    default: str
    languages: dict[str, dict]  # locale -> its i18n settings (site_name, ...)
    route: list[str]            # module ids in the onboarding route's (nav) order

    @classmethod
    def read(cls, root: Path) -> "Project":
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        languages = {lang["locale"]: lang for lang in i18n["languages"] if lang.get("build", True)}
        default = next(lang["locale"] for lang in i18n["languages"] if lang.get("default"))
        site_url = (config.get("site_url") or "").rstrip("/") + "/"
        return cls(root, site_url, default, languages, list(_modules_in_nav(config["nav"], root / "docs", default)))

    def labels(self, lang: str) -> dict:
        return yaml.safe_load((self.root / "hooks" / "labels" / f"{lang}.yml").read_text(encoding="utf-8"))

    def module_title(self, module_id: str, lang: str) -> str:
        return sources.load(self.root / "docs", f"training/{module_id}.{lang}.md", self.default)[0].title


def _modules_in_nav(nav, docs: Path, default: str):
    """The ids of the nav's pages under training/ that are modules (not the overview), in nav order."""
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from _modules_in_nav(value, docs, default)
        elif isinstance(value, str) and value.startswith("training/") and not value.endswith("index.md"):
            module_id = value.removeprefix("training/").removesuffix(".md")
            if (docs / "training" / f"{module_id}.{default}.md").exists():
                yield module_id


def inputs_key(project: Project) -> str:
    """A hash of everything a package is made from: the project's files, this tool, the site address."""
    digest = hashlib.sha256(project.site_url.encode())
    files = [(p, p.relative_to(project.root)) for name in PROJECT_INPUTS
             for p in sorted((project.root / name).rglob("*") if (project.root / name).is_dir() else [project.root / name])]
    for path, name in [*files, *((p, p.name) for p in TOOL_FILES)]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(_version_date(project.root).encode())
    return digest.hexdigest()


def _version_date(root: Path) -> str:
    """The site's version (hooks/main.py prints it on the handouts): the date of the last commit."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except OSError:
        return ""


# --- one page, made self-contained ------------------------------------------

def page_path(project: Project, lang: str, module_id: str) -> str:
    """The module page's path in the built site (and in the package)."""
    prefix = "" if lang == project.default else f"{lang}/"
    return f"{prefix}training/{module_id}/index.html"


@dataclass
class PackagePage:
    html: str
    files: set[str] = field(default_factory=set)  # site files the page needs (besides itself)


def package_page(site: Path, path: str, site_url: str, labels: dict) -> PackagePage:
    """The built page at `path`, rewritten to work from inside a package: see the module docstring."""
    html = (site / path).read_text(encoding="utf-8")
    html = _without_search(html)
    files: set[str] = set()
    html = TAG.sub(lambda match: _rewrite_tag(match.group(0), match.group(1).lower(), site, path, site_url, files), html)
    up = posixpath.relpath(".", posixpath.dirname(path))
    scripts = "".join(f'<script defer src="{up}/{script}"></script>' for script in BRIDGE_SCRIPTS)
    init = f'<script defer src="{up}/assets/components/init.js"></script>'
    if init not in html or MODULE_ROOT not in html:
        raise PackageError(f"{path}: the module page no longer has init.js or its answer form; tools/scorm.py needs updating")
    html = html.replace(init, scripts + init, 1)
    html = html.replace("</head>", f'<link rel="stylesheet" href="{up}/{BRIDGE_STYLE}"></head>', 1)
    html = html.replace(MODULE_ROOT, 'data-vw-component="lms-bridge answer-form', 1)  # the bridge merges first
    html = interface_texts.refresh_block(html, labels)  # with the texts the bridge reads
    files.update(BRIDGE_FILES)
    for css in [f for f in files if f.endswith(".css")]:
        files |= _css_references(site, css)
    missing = sorted(f for f in files if not (site / f).is_file())
    if missing:
        raise PackageError(f"{path}: refers to {missing[0]}, which the built site does not have")
    return PackagePage(html, files)


def _without_search(html: str) -> str:
    """No site search in a package: drop the search button and dialog (Material then loads no index).
    The hidden toggle stays: Material's keyboard handling reads it."""
    html = SEARCH_BUTTON.sub("", html)
    start = html.find(SEARCH_DIALOG)
    if start == -1:
        return html
    depth, position = 0, start
    for match in re.compile(r"<(/?)div\b[^>]*>").finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = match.end()
            break
    return html[:start] + html[position:]


def _rewrite_tag(tag: str, name: str, site: Path, path: str, site_url: str, files: set[str]) -> str:
    """One tag: its own files are kept (and listed); a link to another page goes to the published site."""
    if name == "link" and re.search(r'\srel="(prev|next)"', tag):
        return ""  # Material's p/n keys would leave the package
    external = False
    rewritten = tag
    for attribute, value in URL_ATTRIBUTE.findall(tag):
        if not value or value.startswith(KEPT_SCHEMES):
            continue
        address, _, fragment = value.partition("#")
        address = address.split("?")[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), address))
        target = "" if target == "." else target
        is_page = address.endswith("/") or (site / target).is_dir() or target.endswith(".html")
        if not is_page:
            files.add(target)
            continue
        page = posixpath.join(target, "index.html") if not target.endswith(".html") else target
        anchor = f"#{fragment}" if fragment else ""
        if page == path:
            new = f"{posixpath.basename(path)}{anchor}"
        else:
            public = page.removesuffix("index.html")
            new, external = f"{site_url}{public}{anchor}", name == "a"
        rewritten = rewritten.replace(f' {attribute}="{value}"', f' {attribute}="{new}"', 1)
    if external and " target=" not in rewritten:
        rewritten = rewritten[:-1] + ' target="_blank" rel="noopener">'
    return rewritten


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
    manifest = _manifest(identifier, title, lang, _version_date(project.root) or "1", scos, shared)
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
    for lang, settings in project.languages.items():
        labels = project.labels(lang)
        for module_id in project.route:
            packages[f"{lang}/{module_id}.zip"] = build_package(
                project, site, lang, [module_id], project.module_title(module_id, lang),
                f"verbindend-werken-{lang}-{module_id}")
        course = labels["scorm_course_title"].format(site=settings.get("site_name") or lang)
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
