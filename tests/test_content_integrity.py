"""Issue 13: content integrity — one vocabulary, unique case names, French typography, `related`
links, and authoring checks (placeholders, YAML colons, glossary-only terms, make stamp)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from authoring import check_with_defect, replace_in
from conftest import ROOT, copy_project, mkdocs
from pages import LANGUAGES, module_pages, url_path

from hooks.typography import NNBSP, french_html, french_text

DOCS = ROOT / "docs"
TERMINOLOGY = ROOT / "terminology.yml"
NARROW_OR_NOT = f"[ \u00a0{NNBSP}]"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


# --- one vocabulary -------------------------------------------------------

def rejected_variants(root: Path) -> list[str]:
    """'file:line: found 'x'; write 'y' (concept)' for every rejected variant of terminology.yml."""
    terms = yaml.safe_load((root / "terminology.yml").read_text(encoding="utf-8"))
    rules = {lang: [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), entry)
                    for entry in entries for pattern in entry["reject"]]
             for lang, entries in terms.items()}
    everyone = [rule for lang_rules in rules.values() for rule in lang_rules]
    files = [(path, rules.get(path.name.split(".")[-2], [])) for path in sorted((root / "docs").rglob("*.md"))]
    files += [(root / "hooks" / "labels" / f"{lang}.yml", rules[lang]) for lang in rules]
    templates = [*(root / "overrides").rglob("*.html"), *(root / "hooks" / "templates").glob("*"),
                 root / "mkdocs.yml"]
    files += [(path, everyone) for path in sorted(templates)]
    found = []
    for path, file_rules in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern, entry in file_rules:
                for match in pattern.finditer(line):
                    found.append(f"{path.relative_to(root)}:{number}: found '{match.group(0)}'; "
                                 f"write '{entry['use']}' ({entry['concept']})")
    return found


def test_terminology_file_names_one_word_per_concept_in_every_language():
    terms = yaml.safe_load(TERMINOLOGY.read_text(encoding="utf-8"))
    assert set(terms) == set(LANGUAGES)
    for lang, entries in terms.items():
        for entry in entries:
            assert entry["use"] and entry["reject"], entry
            assert not any(re.fullmatch(pattern, entry["use"], re.IGNORECASE) for pattern in entry["reject"])


def test_no_rejected_variant_anywhere():
    assert rejected_variants(ROOT) == []


def test_a_rejected_variant_fails_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(TERMINOLOGY, project / "terminology.yml")
    replace_in(project / "docs/training/index.nl.md", "\n## ", "\nDoe aan het eind de zelftoets.\n\n## ")
    replace_in(project / "hooks/labels/en.yml", "tips: Tips for practice", "tips: Tips for the family home")
    found = rejected_variants(project)
    assert len(found) == 2, found
    assert re.match(r"docs/training/index\.nl\.md:\d+: found 'zelftoets'; write 'zelfbeoordeling'", found[0])
    assert re.match(r"hooks/labels/en\.yml:\d+: found 'family home'; write 'family-style group home'", found[1])


# --- unique case names ----------------------------------------------------

MID_SENTENCE_NAME = re.compile(r"(?<=[a-zà-ÿ,] )([A-Z][a-zà-ÿ]{2,})\b")
NAME_WITH_AGE = re.compile(r"\b([A-Z][a-zà-ÿ]{2,}) \((\d+(?: (?:maanden|months|mois|jaar|years|ans))?)\)")
NOT_NAMES = {"Nederlands", "Turks", "Engels", "Frans", "English", "Français", "Dutch", "Turkish", "French",
             "Flemish", "Vlaams", "Monday", "Mondays", "Wednesday", "Wednesdays", "Saturday", "Saturdays",
             "Sunday", "Friday", "Tuesday", "Thursday", "GP", "ADHD", "Ingrid's"}


def vignette_people(lang: str) -> dict[str, set[str]]:
    """Name -> the cases (module/vignette) it appears in: capitalised words inside a sentence."""
    people: dict[str, set[str]] = defaultdict(set)
    for base in module_pages():
        module = front_matter(DOCS / f"{base}.{lang}.md")
        for vignette in module["vignettes"]:
            text = " ".join([vignette["title"], vignette["story"], *vignette["questions"], vignette["discussion"]])
            for name in {*MID_SENTENCE_NAME.findall(text), *(n for n, _ in NAME_WITH_AGE.findall(text))}:
                if name not in NOT_NAMES:
                    people[name].add(f"{module['id']}/{vignette['id']}")
    return people


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_case_name_belongs_to_one_person(lang):
    people = vignette_people(lang)
    assert len(people) >= 20, sorted(people)  # the check sees the cast, not nothing
    assert {name: sorted(cases) for name, cases in people.items() if len(cases) > 1} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_has_one_age_across_the_site(lang):
    ages: dict[str, set[str]] = defaultdict(set)
    for path in DOCS.rglob(f"*.{lang}.md"):
        for name, age in NAME_WITH_AGE.findall(path.read_text(encoding="utf-8")):
            ages[name].add(age)
    assert len(ages) >= 8
    assert {name: sorted(found) for name, found in ages.items() if len(found) > 1} == {}


# --- self-assessment statements -------------------------------------------

KNOWLEDGE_OR_ATTITUDE = {
    "nl": r"^Ik (weet|begrijp|kan|zie ouders als|heb aandacht)\b|\bregelmatig\b",
    "en": r"^I (know|understand|can|am aware)\b|\bregularly\b",
    "fr": r"^Je (sais|comprends|peux|suis conscient)\b|\brégulièrement\b",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_statements_describe_something_you_do(lang):
    """One observable behaviour: not knowledge, ability or attitude, and no 'how often' on a how-well scale."""
    wrong = []
    for base in module_pages():
        for theme in front_matter(DOCS / f"{base}.{lang}.md")["self_assessment"]["themes"]:
            wrong += [f"{base} {s['id']}: {s['text']}" for s in theme["statements"]
                      if re.search(KNOWLEDGE_OR_ATTITUDE[lang], s["text"], re.IGNORECASE)]
    assert wrong == []


# --- French typography ----------------------------------------------------

def test_french_typography_leaves_code_urls_and_attributes_alone():
    source = ('<p title="Note: l\'a?">Remarque: voir https://x.fr/?a=1 et «citation» ; l\'enfant aujourd&#39;hui !'
              '<code>a : b\'c?</code></p><script>var x = "a : b";</script>')
    result = french_html(source)
    assert result == ('<p title="Note: l\'a?">Remarque\u202f: voir https://x.fr/?a=1 et «\u202fcitation\u202f»'
                      '\u202f; l’enfant aujourd’hui\u202f!<code>a : b\'c?</code></p><script>var x = "a : b";</script>')
    assert french_html(result) == result
    assert french_text("Lancez `make stamp FILE=x` : c'est fait") == "Lancez `make stamp FILE=x`\u202f: c’est fait"
    assert french_text("à 12:30") == "à 12:30"


def article_text_nodes(html: str) -> str:
    """The visible prose of a page: text outside tags, code, scripts and styles."""
    html = re.sub(r"<(code|pre|script|style|kbd)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(re.findall(r">([^<]+)<", html))


def typography_faults(text: str) -> list[str]:
    faults = re.findall(r"\w'\w", text)
    faults += re.findall(rf"\w[ \u00a0]+[;:!?](?=\s|$)", text)
    faults += re.findall(r"«[ \u00a0]|[ \u00a0]»", text)
    return faults


def fr_pages(site_dir: Path) -> list[Path]:
    return sorted((site_dir / "fr").rglob("*.html"))


def test_french_pages_have_french_typography(site_dir):
    pages = fr_pages(site_dir)
    assert len(pages) >= 30
    faults = {str(p.relative_to(site_dir)): typography_faults(article_text_nodes(p.read_text(encoding="utf-8")))[:3]
              for p in pages}
    assert {page: found for page, found in faults.items() if found} == {}
    home = (site_dir / "fr" / "index.html").read_text(encoding="utf-8")
    assert f"{NNBSP}:" in home and "’" in home


def test_french_typography_never_changes_code_urls_or_attributes(site_dir):
    for page in fr_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        for attribute in re.findall(r'\s(?:href|src|id|class|title|content|aria-describedby)="([^"]*)"', html):
            assert NNBSP not in attribute, (page, attribute)
        for code in re.findall(r"<code\b[^>]*>(.*?)</code>", html, re.DOTALL):
            assert NNBSP not in code, (page, code)
    authors = (site_dir / "fr" / "authors" / "index.html").read_text(encoding="utf-8")
    assert "<code>make stamp FILE=docs/&lt;page&gt;.&lt;langue&gt;.md</code>" in authors


def test_french_interface_texts_for_the_browser_have_french_typography(site_dir):
    page = (site_dir / url_path("training/methodical-work", "fr").lstrip("/") / "index.html").read_text(encoding="utf-8")
    ui = json.loads(re.search(r'<script type="application/json" id="vw-ui">(.*?)</script>', page, re.DOTALL).group(1))
    labels = yaml.safe_load((ROOT / "hooks/labels/fr.yml").read_text(encoding="utf-8"))
    assert labels["erase_confirm"].endswith(" ?") and ui["erase_confirm"].endswith(f"{NNBSP}?")
    assert labels["store_failed"].startswith("Attention :") and ui["store_failed"] == french_text(labels["store_failed"])
    assert ui["store_failed"].startswith(f"Attention{NNBSP}:")


def test_dutch_and_english_pages_are_left_as_written(site_dir):
    for page in [site_dir / "index.html", site_dir / "en" / "index.html"]:
        assert NNBSP not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["collaboration-tips-fr.pdf", "methodical-work-learner-fr.pdf",
                                  "young-child-needs-facilitator-fr.pdf"])
def test_french_pdfs_have_french_typography(site_dir, name):
    reader = PdfReader(site_dir / "fr" / "handouts" / name)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"{NNBSP}:" in text or f"{NNBSP}?" in text
    assert "’" in text
    assert re.findall(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]", text) == []
    assert re.findall(r"[A-Za-zÀ-ÿ] [;:!?](?= |$)", text) == []
    assert "http" in text and NNBSP not in re.search(r"https?://\S+", text).group(0)
    dutch = " ".join(p.extract_text() for p in PdfReader(site_dir / "handouts" / name.replace("-fr.pdf", "-nl.pdf")).pages)
    assert NNBSP not in dutch


# --- related links --------------------------------------------------------

def page_title(base: str, lang: str) -> str:
    return front_matter(DOCS / f"{base}.{lang}.md")["title"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("base", module_pages())
def test_related_pages_are_read_also_links_on_the_module_page(site_dir, base, lang):
    module = front_matter(DOCS / f"{base}.{lang}.md")
    page = site_dir / url_path(base, lang).lstrip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<nav class="vw-related" aria-labelledby="related-title">(.*?)</nav>', html, re.DOTALL)
    assert block, "no read-also links"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', block.group(1))
    assert len(links) == len(module["related"])
    for (href, title), path in zip(links, module["related"]):
        target = (page.parent / href.split("#")[0]).resolve() / "index.html"
        assert target.exists(), href
        target_base = path.split("#")[0].removesuffix(".md")
        expected = page_title(target_base, lang)
        assert title in (expected, french_text(expected)) if lang == "fr" else title == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_pages_are_listed_with_their_address_on_the_handout(site_dir, lang):
    module = front_matter(DOCS / f"training/methodical-work.{lang}.md")
    labels = yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8"))
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in PdfReader(
        site_dir / ("" if lang == "nl" else lang) / "handouts" / f"methodical-work-learner-{lang}.pdf").pages))
    assert re.sub(r"\s+", "", french_text(labels["related"]) if lang == "fr" else labels["related"]) in text
    for path in module["related"]:
        base = path.split("#")[0].removesuffix(".md")
        assert url_path(base, lang).rstrip("/").replace(" ", "") in text


def test_a_related_path_that_does_not_exist_gives_one_clear_message(tmp_path):
    result = check_with_defect(tmp_path, lambda p: replace_in(
        p / "docs/training/methodical-work.fr.md", "related:\n", "related:\n  - vision/no-such-page.md\n"))
    assert len(result.messages) == 1, result.messages
    message = result.messages[0]
    assert "docs/training/methodical-work.fr.md [fr]" in message and "related[1]" in message
    assert "vision/no-such-page.md" in message
    assert result.files_changed == []


# --- authoring checks -----------------------------------------------------

def test_unquoted_colon_in_a_title_says_to_use_quotes(tmp_path):
    result = check_with_defect(tmp_path, lambda p: replace_in(
        p / "docs/vision/relationship.nl.md", "\ntitle: ", "\ntitle: Relatie: de basis van ", 1))
    assert len(result.messages) == 1, result.messages
    message = result.messages[0]
    assert "docs/vision/relationship.nl.md [nl]" in message and "field 'title'" in message
    assert "colon" in message and "double quotes" in message
    assert 'title: "Relatie: de basis van' in message
    assert result.files_changed == []


def test_module_with_placeholders_previews_but_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "project")
    created = subprocess.run([os.sys.executable, "-m", "hooks.scaffold", "draft-topic"], cwd=project,
                             capture_output=True, text=True)
    assert created.returncode == 0, created.stderr
    config = project / "mkdocs.yml"
    replace_in(config, "      - training/young-child-needs.md\n",
               "      - training/young-child-needs.md\n      - training/draft-topic.md\n")
    preview = mkdocs("build", "--site-dir", str(tmp_path / "preview"), cwd=project)
    assert preview.returncode == 0, preview.stdout
    assert (tmp_path / "preview" / "training" / "draft-topic" / "index.html").exists()
    strict = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert strict.returncode != 0 and "Traceback" not in strict.stdout
    messages = [line for line in strict.stdout.splitlines() if "placeholder" in line and "WARNING" in line]
    assert len(messages) == 1, strict.stdout
    for lang in LANGUAGES:
        assert f"docs/training/draft-topic.{lang}.md [{lang}]" in messages[0]
    assert "methodical-work" not in messages[0]


def test_make_stamp_records_a_translation(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    venv = project / ".venv"  # this checkout's environment, marked as installed for this requirements.txt
    venv.mkdir()
    for part in (ROOT / ".venv").resolve().iterdir():
        if not part.name.startswith("."):
            (venv / part.name).symlink_to(part)
    digest = hashlib.sha1((ROOT / "requirements.txt").read_bytes()).hexdigest()[:12]
    (venv / f".installed-{digest}").touch()
    replace_in(project / "docs/vision/relationship.nl.md", "\n## ", "\nEen nieuwe zin.\n\n## ")
    usage = subprocess.run(["make", "--no-print-directory", "stamp"], cwd=project, capture_output=True, text=True)
    assert usage.returncode != 0 and "make stamp FILE=" in usage.stdout + usage.stderr
    stamped = subprocess.run(["make", "--no-print-directory", "stamp", "FILE=docs/vision/relationship.en.md"],
                             cwd=project, capture_output=True, text=True)
    assert stamped.returncode == 0, stamped.stdout + stamped.stderr
    status = subprocess.run([os.sys.executable, "-m", "hooks.translations", "status"], cwd=project,
                            capture_output=True, text=True)
    assert "relationship.en.md" not in status.stdout and "relationship.fr.md [fr]: out of date" in status.stdout
    wrong = subprocess.run(["make", "--no-print-directory", "stamp", "FILE=docs/vision/relationship.nl.md"],
                           cwd=project, capture_output=True, text=True)
    assert wrong.returncode != 0 and "not a translation" in wrong.stderr


# --- glossary tooltips ----------------------------------------------------

def glossary(lang: str) -> list[dict]:
    return front_matter(DOCS / f"glossary/index.{lang}.md")["terms"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_only_terms_never_get_a_tooltip(site_dir, lang):
    only = [t for t in glossary(lang) if t.get("tooltip") is False]
    assert len(only) >= 2
    pages = sorted((site_dir / lang).rglob("*.html")) if lang != "nl" else sorted(
        p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] not in LANGUAGES)
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    for term in only:
        assert f'id="vw-tip-{term["id"]}"' not in text, term["id"]
    used = [t for t in only if re.search(rf"\b{re.escape(t['term'])}\b", article_text_nodes(text), re.IGNORECASE)]
    assert used, "no glossary-only term is used on a page: the check proves nothing"
    glossary_page = (site_dir / url_path("glossary/index", lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert all(f'id="{t["id"]}"' in glossary_page for t in only)


def test_exact_forms_only_get_the_tooltip(site_dir):
    pages = sorted((site_dir / "en").rglob("*.html"))
    wrapped = [m for p in pages for m in re.findall(
        r'aria-describedby="vw-tip-indication">([^<]+)</a>', p.read_text(encoding="utf-8"))]
    assert wrapped and set(wrapped) == {"indication decision"}


def test_a_term_marked_glossary_only_loses_its_tooltip(variant_site):
    project, site = variant_site  # conftest.make_variant marked 'attachment' tooltip: false in English
    assert "tooltip: false" in (project / "docs/glossary/index.en.md").read_text(encoding="utf-8")
    english = site / "en"
    html = (english / "vision" / "relationship" / "index.html").read_text(encoding="utf-8")
    assert "attachment" in html.lower() and 'id="vw-tip-attachment"' not in html
    assert 'id="vw-tip-dialogue-model"' in (english / "vision" / "dialogue-model" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_links_in_the_collaboration_themes_lead_to_pages(site_dir, lang):
    """Links written in the themes' Markdown fields ('../vision/x.md') become the pages' addresses."""
    page = site_dir / url_path("collaboration/index", lang).lstrip("/") / "index.html"
    themes = page.read_text(encoding="utf-8").split('class="vw-collab-theme"', 1)[1]
    hrefs = [h for h in re.findall(r'<a href="([^"#]+)(?:#[^"]*)?"', themes) if not h.startswith(("http", "/"))]
    hrefs = [h for h in hrefs if "glossary" not in h]
    assert len(hrefs) >= 4
    assert [h for h in hrefs if h.endswith(".md")] == []
    assert all((page.parent / h / "index.html").resolve().exists() for h in hrefs), hrefs
