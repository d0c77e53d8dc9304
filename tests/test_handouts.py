"""Issue 5: printable A4 PDFs per module and language, rendered by the hooks, cached by their inputs."""

from __future__ import annotations

import functools
import re

import pytest
import yaml

from hooks import typography
from pypdf import PdfReader

from authoring import replace_in
from conftest import ROOT, copy_project, mkdocs
from pages import LANGUAGES, module_pages, url_path

KINDS = ("checklist", "learner", "facilitator")
ALL_MODULE_KINDS = (*KINDS, "workshop-pack")  # issue 12 adds the workshop pack
KIND_LABELS = {"checklist": "checklist_pdf", "learner": "handout_pdf", "facilitator": "facilitator_pdf"}
A4 = (595.28, 841.89)
# The interface texts as the build prints them: with the language's typography (French apostrophes and spaces).
LABELS = {lang: typography.polish_labels(yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8")), lang)
          for lang in LANGUAGES}
MODULE_IDS = [base.split("/")[1] for base in module_pages()]


def pdf_path(site_dir, lang: str, name: str):
    return site_dir / ("" if lang == "nl" else lang) / "handouts" / name


def text_of(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def contains(text: str, part: str) -> bool:
    """Whitespace-blind: a line break in the PDF may fall anywhere in the sentence. Apostrophes
    compare as one: French handouts get typographic ones from the build (issue 13)."""
    def plain(s: str) -> str:
        return re.sub(r"\s+", "", s).replace("’", "'")
    return plain(part) in plain(text)


def front_matter(module_id: str, lang: str) -> dict:
    text = (ROOT / f"docs/training/{module_id}.{lang}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("module_id", MODULE_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_pdf_is_a_tagged_a4_document_in_its_language(site_dir, lang, module_id, kind):
    reader = PdfReader(pdf_path(site_dir, lang, f"{module_id}-{kind}-{lang}.pdf"))
    catalog = reader.trailer["/Root"]
    assert all(abs(float(p.mediabox.width) - A4[0]) < 1 and abs(float(p.mediabox.height) - A4[1]) < 1
               for p in reader.pages)
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == lang
    label = LABELS[lang][KIND_LABELS[kind]].removesuffix(" (PDF)")
    assert contains(reader.metadata.title, f'{front_matter(module_id, lang)["title"]} – {label}')  # each PDF its own title
    text = text_of(reader)
    ui = LABELS[lang]
    pages = len(reader.pages)
    assert ui["page_x_of_y"].format(page=pages, pages=pages) in text
    assert ui["online_at"] in text and url_path(f"training/{module_id}", lang) in text
    module = front_matter(module_id, lang)
    if kind == "checklist":
        for label in (ui["name"], ui["date"], ui["notes"]):
            assert label in text
        for item in module["checklist"]:
            assert contains(text, item["text"])
    else:
        assert contains(text, module["vignettes"][0]["questions"][0])
        assert contains(text, module["reflection"][0]["question"])
        assert contains(text, module["self_assessment"]["themes"][0]["statements"][0]["text"])
        assert (ui["facilitator_notes"] in text) == (kind == "facilitator")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_dutch_label_on_a_translated_handout(site_dir, lang):
    text = text_of(PdfReader(pdf_path(site_dir, lang, f"methodical-work-checklist-{lang}.pdf")))
    for key in ("name", "date", "notes", "checklist", "version", "online_at"):
        assert LABELS["nl"][key] not in text or LABELS["nl"][key] == LABELS[lang][key], key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_collaboration_handout_ends_with_room_for_the_team(site_dir, lang):
    reader = PdfReader(pdf_path(site_dir, lang, f"collaboration-tips-{lang}.pdf"))
    assert reader.trailer["/Root"]["/Lang"] == lang
    last_page = reader.pages[-1].extract_text()
    assert LABELS[lang]["what_we_add"] in last_page
    assert text_of(reader).count(LABELS[lang]["what_we_add"]) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handouts_page_lists_every_pdf_with_size_and_page_count(site_dir, lang):
    page = site_dir / url_path("handouts/index", lang).lstrip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.pdf)" download>[^<]+</a> \((\d+) p\., (\d+) kB\)', html)
    assert len(links) == len(MODULE_IDS) * len(ALL_MODULE_KINDS) + 2  # + collaboration tips and worksheets
    for href, pages, _ in links:
        target = (page.parent / href).resolve()
        assert len(PdfReader(target).pages) == int(pages)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_page_links_its_pdfs(site_dir, lang):
    page = site_dir / url_path("training/methodical-work", lang).lstrip("/") / "index.html"
    hrefs = re.findall(r'<a href="([^"]+\.pdf)" download>', page.read_text(encoding="utf-8"))
    assert sorted(h.rsplit("/", 1)[1] for h in hrefs) == sorted(f"methodical-work-{k}-{lang}.pdf" for k in ALL_MODULE_KINDS)
    assert all((page.parent / h).resolve().exists() for h in hrefs)


def rendered_counts(output: str) -> dict[str, int]:
    return {lang: int(n) for lang, n in re.findall(r"PDF handouts \[(\w+)\]: (\d+) rendered", output)}


def test_pdfs_are_rendered_only_when_their_inputs_change(tmp_path):
    project = copy_project(tmp_path / "project")
    site = str(tmp_path / "site")
    own_cache = {"VW_PDF_CACHE": str(tmp_path / "pdf-cache")}
    build = functools.partial(mkdocs, "build", "--strict", "--site-dir", site, cwd=project, env=own_cache)
    cold = build()
    assert cold.returncode == 0, cold.stdout
    assert rendered_counts(cold.stdout) == {"nl": 30, "en": 30, "fr": 30}

    warm = build()
    assert rendered_counts(warm.stdout) == {"nl": 0, "en": 0, "fr": 0}

    module = project / "docs/training/methodical-work.en.md"
    title = front_matter("methodical-work", "en")["title"]
    replace_in(module, title, title + " today")
    edited = build()
    assert rendered_counts(edited.stdout) == {"nl": 0, "en": 4, "fr": 0}  # checklist, learner, facilitator, pack
    assert "today" in text_of(PdfReader(tmp_path / "site/en/handouts/methodical-work-checklist-en.pdf"))
