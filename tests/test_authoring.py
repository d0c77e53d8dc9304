"""Issue 6: authors and translators — clear answers to bad input, translation status, a fourth language."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from pathlib import Path

import pytest
import yaml

from authoring import build_with_defect, check_with_defect, replace_in
from conftest import HOSTILE, ROOT, SHARED_CACHES, copy_project, mkdocs, serve

# case -> (edit of the copied project, file, language, words): checked in this process, as the build checks them
BAD_INPUT = {
    "invalid YAML in front matter": (
        lambda p: replace_in(p / "docs/vision/relationship.en.md", "title: ", "title: [unclosed, "),
        "docs/vision/relationship.en.md", "en", "not valid YAML"),
    "page missing in one language": (
        lambda p: (p / "docs/vision/many-adults.fr.md").unlink(),
        "docs/vision/many-adults.fr.md", "fr", "page missing"),
    "glossary term defined twice": (
        lambda p: replace_in(p / "docs/glossary/index.en.md", "terms:\n",
                             "terms:\n  - id: attachment-again\n    term: attachment\n    definition: Twice.\n"),
        "docs/glossary/index.en.md", "en", "'attachment' is used twice"),
    "unknown source id (issue 19)": (
        lambda p: replace_in(p / "docs/vision/relationship.fr.md", "source: k2o-vision", "source: k2o-visie"),
        "docs/vision/relationship.fr.md", "fr", "'k2o-visie' is not a known source text"),
    "file that is not UTF-8": (
        lambda p: (p / "docs/young-child/index.fr.md").write_bytes(
            (p / "docs/young-child/index.fr.md").read_text(encoding="utf-8").encode("latin-1", "replace")),
        "docs/young-child/index.fr.md", "fr", "not saved as UTF-8"),
}
# The same in a whole build, end to end: the message, a failed exit, nothing lost. The second case is
# MkDocs' own validation (links and images), which no loader sees.
BAD_BUILDS = {
    "invalid YAML in front matter": (BAD_INPUT["invalid YAML in front matter"][0],
                                     [("docs/vision/relationship.en.md", "en", "not valid YAML")]),
    "link and image that do not exist": (
        lambda p: (replace_in(p / "docs/principles/upbringing.fr.md", "\n## ", "\n[voir](no-such-page.md)\n\n## "),
                   replace_in(p / "docs/about/index.nl.md", "\n## ", "\n![Logo](missing-logo.png)\n\n## ")),
        [("principles/upbringing.fr.md", "fr", "no-such-page.md"), ("about/index.nl.md", "nl", "missing-logo.png")]),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_gives_one_clear_message_and_loses_nothing(tmp_path, case):
    edit, file, lang, words = BAD_INPUT[case]
    result = check_with_defect(tmp_path, edit)
    assert len(result.messages) == 1, result.messages
    message = result.messages[0]
    assert file in message and words in message and f"[{lang}]" in message, message
    assert result.files_changed == []


@pytest.mark.parametrize("case", BAD_BUILDS)
def test_bad_input_fails_the_build_with_one_clear_message_each(tmp_path, case):
    edit, expected = BAD_BUILDS[case]
    result = build_with_defect(tmp_path, edit)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert len(result.messages) == len(expected), result.output
    for file, lang, words in expected:
        assert [m for m in result.messages if file in m and words in m and (f"[{lang}]" in m or f".{lang}.md" in m)], \
            result.output
    assert result.files_changed == []


def test_markup_in_a_module_statement_is_shown_as_text_and_never_runs(variant_site, browser):
    _, site = variant_site  # conftest.make_variant put HOSTILE in this module's first statement
    module = yaml.safe_load((ROOT / "docs/training/partnership-parents.en.md").read_text(encoding="utf-8").split("---", 2)[1])
    statement = module["self_assessment"]["themes"][0]["statements"][0]["id"]
    server = serve(site)
    try:
        tab = browser.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/en/training/partnership-parents/")
        assert tab.locator(f"#statement-{statement}").inner_text() == HOSTILE
        tab.locator(f'input[name="rating-{statement}"][value="1"]').check()  # the summary lists it to work on
        assert HOSTILE in tab.locator("[data-summary-work-on]").inner_text()
        assert tab.evaluate("window.pwned") is None
        assert tab.locator("article img[src=x]").count() == 0
        tab.close()
    finally:
        server.shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_live_preview_shows_the_error_on_the_page_and_keeps_serving(tmp_path):
    project = copy_project(tmp_path / "project")
    replace_in(project / "docs/training/methodical-work.nl.md", "duration_minutes:", "duration_minutess:")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--no-livereload"], cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **SHARED_CACHES})  # as conftest.mkdocs does
    try:
        deadline = time.time() + 240
        while time.time() < deadline:
            try:
                home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(1)
        else:
            pytest.fail("mkdocs serve did not start: " + (tmp_path / "serve.log").read_text())
        assert home.status == 200
        broken = urllib.request.urlopen(f"http://127.0.0.1:{port}/training/methodical-work/").read().decode()
        assert "docs/training/methodical-work.nl.md [nl]" in broken and "duration_minutes" in broken
        other = urllib.request.urlopen(f"http://127.0.0.1:{port}/en/vision/relationship/")
        assert other.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "WARNING" in output and "docs/training/methodical-work.nl.md [nl]" in output
    assert "Traceback" not in output


def test_every_translation_is_present_and_up_to_date():
    result = subprocess.run([sys.executable, "-m", "hooks.translations", "status"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_editing_a_dutch_page_marks_its_translations_out_of_date(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "hooks", project / "hooks", dirs_exist_ok=True)
    replace_in(project / "docs/vision/relationship.nl.md", "\n## ", "\nEen nieuwe zin.\n\n## ")
    result = subprocess.run([sys.executable, "-m", "hooks.translations", "status"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/vision/relationship.en.md [en]: out of date" in result.stdout
    assert "docs/vision/relationship.fr.md [fr]: out of date" in result.stdout
    subprocess.run([sys.executable, "-m", "hooks.translations", "stamp", "docs/vision/relationship.en.md",
                    "docs/vision/relationship.fr.md"], cwd=project, check=True)
    again = subprocess.run([sys.executable, "-m", "hooks.translations", "status"], cwd=project,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stdout


def test_an_edited_template_shows_in_the_next_build_despite_the_template_cache(tmp_path):
    """Compiled templates are cached between builds (hooks/fragment_cache.py): an edit must still show."""
    project = copy_project(tmp_path / "project")
    assert mkdocs("build", "--site-dir", str(tmp_path / "site"), cwd=project).returncode == 0
    assert any(Path(SHARED_CACHES["VW_TEMPLATE_CACHE"]).iterdir()), "the first build filled the template cache"
    replace_in(project / "overrides/main.html", '<meta charset="utf-8">',
               '<meta charset="utf-8"><meta name="vw-edit" content="theme">')
    replace_in(project / "overrides/partials/home-cards.html", '<ul class="vw-start__cards">',
               '<ul class="vw-start__cards" data-vw-edit="partial">')
    result = mkdocs("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout
    for home in ("index.html", "en/index.html", "fr/index.html"):
        html = (tmp_path / "site" / home).read_text(encoding="utf-8")
        assert '<meta name="vw-edit" content="theme">' in html and 'data-vw-edit="partial"' in html, home


@pytest.mark.parametrize("lang,state", [("en", "up to date"), ("fr", "à jour")])
def test_authors_page_shows_the_translation_status(site_dir, lang, state):
    html = (site_dir / lang / "authors" / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<div class="md-typeset__scrollwrap vw-translation-status">.*?</table>', html, re.DOTALL).group(0)
    assert table.count("<tr>") >= 30
    assert state in table


def test_missing_page_falls_back_to_dutch_with_a_notice(variant_site):
    project, site = variant_site  # conftest.make_variant removed the French page; a preview builds without it
    assert not (project / "docs/vision/many-adults.fr.md").exists()
    html = (site / "fr/vision/many-adults/index.html").read_text(encoding="utf-8")
    assert "Cette page n’est pas encore traduite" in html
    assert '<html lang="fr"' in html


def test_a_fourth_language_needs_configuration_and_files_only(tmp_path):
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("lang: [nl, en, fr]", "lang: [nl, en, fr, de]")
    config = config.replace("\nhooks:", "        - locale: de\n          name: Deutsch\n          build: true\n"
                                        "          site_name: Verbindend arbeiten\n\nhooks:")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(project / "hooks/labels/en.yml", project / "hooks/labels/de.yml")
    for source in (project / "docs").rglob("*.en.md"):
        shutil.copy(source, source.with_name(source.name.replace(".en.md", ".de.md")))
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 0, result.stdout
    home = (tmp_path / "site/de/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in home and 'hreflang="de"' in home
    assert (tmp_path / "site/de/search/search_index.json").exists()
    assert (tmp_path / "site/de/handouts/methodical-work-checklist-de.pdf").exists()
    assert (tmp_path / "site/de/404.html").exists()


def test_new_module_scaffold_creates_every_language_and_never_overwrites(tmp_path):
    project = copy_project(tmp_path / "project")
    command = [sys.executable, "-m", "hooks.scaffold", "new-topic"]
    created = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    for lang in ("nl", "en", "fr"):
        assert (project / f"docs/training/new-topic.{lang}.md").exists()
    before = (project / "docs/training/new-topic.nl.md").read_text(encoding="utf-8")
    again = subprocess.run(command, cwd=project, capture_output=True, text=True)
    assert again.returncode == 1 and "not overwriting" in again.stderr
    assert (project / "docs/training/new-topic.nl.md").read_text(encoding="utf-8") == before
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      - training/young-child-needs.md\n",
                                                       "      - training/young-child-needs.md\n"
                                                       "      - training/new-topic.md\n"), encoding="utf-8")
    build = mkdocs("build", "--site-dir", str(tmp_path / "site"), cwd=project)  # a preview: placeholders are
    assert build.returncode == 0, build.stdout  # allowed until the strict build (tests/test_content_integrity.py)
