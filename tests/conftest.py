"""Shared fixtures: the site built once with --strict, served by nginx on 127.0.0.1, and a real Chromium.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright for Python;
`playwright install` is never used. axe-core comes with axe-playwright-python.
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hooks import site_fixes
from pages import LANGUAGES
from tools import nginx_server
from tools.projects import copy_project  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SHARED_CACHES = {"VW_PDF_CACHE": str(ROOT / ".cache" / "pdf"), "VW_HTML_CACHE": str(ROOT / ".cache" / "html"),
                 "VW_TEMPLATE_CACHE": str(ROOT / ".cache" / "templates")}


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run mkdocs from this virtual environment; output (stdout+stderr) in .stdout."""
    # Copies of the project share this checkout's caches (PDFs, generated HTML, compiled templates): every key is
    # computed from all that goes in, so a copy reuses what is the same and renews what a test changed.
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **SHARED_CACHES, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=run_env, timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """The folder `make(folder)` fills, made once per test run: with pytest-xdist the first worker to ask
    makes it, the others wait for it and reuse it (one run's workers share it, never older runs)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The whole site, built once with --strict as CI builds it: (folder, build output)."""
    def build(folder: Path) -> None:
        result = mkdocs("build", "--strict", "--site-dir", str(folder / "site"))
        assert result.returncode == 0, result.stdout
        (folder / "output.txt").write_text(result.stdout, encoding="utf-8")

    folder = once_per_run(tmp_path_factory, "built-site", build)
    return folder / "site", (folder / "output.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Path:
    """The offline bundle (tools/offline.py), unpacked: made once per test run."""
    def bundle(folder: Path) -> None:
        subprocess.run([sys.executable, str(ROOT / "tools/offline.py"), "--out", str(folder / "zip")], check=True,
                       capture_output=True, env={**os.environ, **SHARED_CACHES})
        with zipfile.ZipFile(folder / "zip" / "verbindend-werken-offline.zip") as archive:
            archive.extractall(folder / "unpacked")

    return once_per_run(tmp_path_factory, "offline", bundle) / "unpacked" / "verbindend-werken"


HOSTILE = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
VARIANT_STATEMENT = {"id": "new-statement", "text": "I do something new."}


def edit_front_matter(path: Path, mutate) -> None:
    """Change a page's front matter as an author would: `mutate(data)` edits the parsed YAML."""
    import yaml

    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    data = yaml.safe_load(front)
    mutate(data)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---" + body, encoding="utf-8")


def make_variant(project: Path) -> None:
    """The harmless edits that several tests look at, all in one copy of the project, built once per run:
    markup in a statement (test_authoring), a missing French page (test_authoring), a term without
    tooltip (test_content_integrity), a module that lost and gained a statement (test_learner_workspace)."""
    def first_statement(text: str):
        return lambda data: data["self_assessment"]["themes"][0]["statements"][0].update(text=text)

    edit_front_matter(project / "docs/training/partnership-parents.en.md", first_statement(HOSTILE))
    (project / "docs/vision/many-adults.fr.md").unlink()
    glossary = project / "docs/glossary/index.en.md"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        '    term: "attachment"\n', '    term: "attachment"\n    tooltip: false\n', 1), encoding="utf-8")
    for lang in LANGUAGES:
        edit_front_matter(project / f"docs/training/methodical-work.{lang}.md",
                          lambda data: data["self_assessment"]["themes"][0]["statements"].__setitem__(0, VARIANT_STATEMENT))


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): the copy with make_variant's edits, built once per run (not strict: a page is missing)."""
    def build(folder: Path) -> None:
        make_variant(copy_project(folder / "project"))
        result = mkdocs("build", "--site-dir", str(folder / "site"), cwd=folder / "project")
        assert result.returncode == 0, result.stdout

    folder = once_per_run(tmp_path_factory, "variant", build)
    return folder / "project", folder / "site"


@pytest.fixture(scope="session")
def site_dir(built_site) -> Path:
    return built_site[0]


class HeadersHandler(http.server.SimpleHTTPRequestHandler):
    """Static server that sends the security headers the build wrote: for throw-away builds and SCORM
    packages, where nginx adds nothing (the site itself is served by nginx: `base_url`)."""

    def log_message(self, *args):  # keep test output clean
        pass

    def end_headers(self):
        headers = Path(self.directory, site_fixes.SECURITY_HEADERS_FILE)
        for name, value in (site_fixes.read_security_headers(headers) if headers.exists() else {}).items():
            self.send_header(name, value)
        super().end_headers()


def serve(directory: Path):
    handler = functools.partial(HeadersHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def nginx_workdir(tmp_path_factory) -> Path:
    """nginx's configuration, pid file, temporary files and log for this test run (or xdist worker)."""
    return tmp_path_factory.mktemp("nginx")


@pytest.fixture(scope="session")
def base_url(site_dir, nginx_workdir) -> str:
    """The built site served as a host serves it: nginx with deploy/nginx.conf (tools/nginx_server.py)."""
    with nginx_server.served(site_dir, nginx_workdir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run the tests with `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture()
def page(context):
    return context.new_page()


def run_axe(page) -> list[dict]:
    """axe-core's violations of WCAG 2.0/2.1 A and AA on the loaded page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in results.response["violations"]]


@dataclass
class PageAudit:
    """What one visit to a page showed: every request, failed responses, console errors, axe violations."""

    url: str
    html_lang: str = ""
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


@pytest.fixture(scope="session")
def audit(browser, base_url):
    """Visit a page once (cached for the session) and record what a tester would check; axe runs when
    asked (on every page of one language: tests/test_site.py)."""
    cache: dict[tuple[str, bool], PageAudit] = {}

    def visit(path: str, axe: bool = True) -> PageAudit:
        if (path, axe) in cache:
            return cache[path, axe]
        context = browser.new_context()
        tab = context.new_page()
        result = PageAudit(url=path)
        tab.on("request", lambda request: result.requests.append(request.url))
        tab.on("response", lambda response: response.status >= 400 and result.failed.append(
            f"{response.status} {response.url}"))
        tab.on("console", lambda message: message.type == "error" and result.console_errors.append(message.text))
        tab.on("pageerror", lambda error: result.console_errors.append(str(error)))
        tab.goto(base_url + path, wait_until="networkidle")
        result.html_lang = tab.locator("html").get_attribute("lang")
        result.violations = run_axe(tab) if axe else []
        tab.wait_for_timeout(100)
        context.close()
        cache[path, axe] = result
        return result

    return visit


@functools.lru_cache(maxsize=None)
def pdf_reader(path: Path):
    """A PDF of the built site, read once per test process."""
    from pypdf import PdfReader

    return PdfReader(path)


@functools.lru_cache(maxsize=None)
def pdf_page_texts(path: Path) -> tuple[str, ...]:
    """The text of each page of a PDF, extracted once per test process: extraction is the slow part."""
    return tuple(page.extract_text() for page in pdf_reader(path).pages)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
