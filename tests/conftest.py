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
from tools import nginx_server
from tools.projects import copy_project  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run mkdocs from this virtual environment; output (stdout+stderr) in .stdout."""
    # Copies of the project share this checkout's PDF cache: their PDFs are the same unless a test changes them.
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VW_PDF_CACHE": str(ROOT / ".cache" / "pdf"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=run_env, timeout=timeout,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The whole site, built once with --strict as CI builds it: (folder, build output).
    With pytest-xdist the first worker builds it; the others wait for it and reuse it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one run's workers, never older runs
    site, output = shared / "site", shared / "site-build-output.txt"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not output.exists():
            result = mkdocs("build", "--strict", "--site-dir", str(site))
            assert result.returncode == 0, result.stdout
            output.write_text(result.stdout, encoding="utf-8")
    return site, output.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory) -> Path:
    """The offline bundle (tools/offline.py), unpacked: made once per test run, as `built_site` is."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, unpacked = shared / "offline", shared / "offline-unpacked"
    with open(shared / "offline.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (unpacked / "verbindend-werken").exists():
            subprocess.run([sys.executable, str(ROOT / "tools/offline.py"), "--out", str(out)], check=True,
                           capture_output=True, env={**os.environ, "VW_PDF_CACHE": str(ROOT / ".cache/pdf")})
            with zipfile.ZipFile(out / "verbindend-werken-offline.zip") as archive:
                archive.extractall(unpacked)
    return unpacked / "verbindend-werken"


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
    """Visit a page once (cached for the session) and record what a tester would check."""
    cache: dict[str, PageAudit] = {}

    def visit(path: str) -> PageAudit:
        if path in cache:
            return cache[path]
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
        result.violations = run_axe(tab)
        tab.wait_for_timeout(100)
        context.close()
        cache[path] = result
        return result

    return visit


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
