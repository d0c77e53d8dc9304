"""Issue 5: printable A4 PDFs per module and language, rendered by the hooks, cached by their inputs."""

from __future__ import annotations

import functools
import re

import pytest
import yaml
from pypdf import PdfReader

from authoring import replace_in
from conftest import ROOT, copy_project, mkdocs, pdf_page_texts, pdf_reader
from hooks import pdf, typography
from pages import LANGUAGES, module_pages, url_path

KINDS = ("checklist", "learner", "facilitator")
ALL_MODULE_KINDS = (*KINDS, "workshop-pack")  # issue 12 adds the workshop pack
KIND_LABELS = {"checklist": "checklist_pdf", "learner": "handout_pdf", "facilitator": "facilitator_pdf"}
A4 = (595.28, 841.89)
# The interface texts as the build prints them: with the language's typography (French apostrophes and spaces).
LABELS = {lang: typography.polish_labels(yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8")), lang)
          for lang in LANGUAGES}
MODULE_IDS = [base.split("/")[1] for base in module_pages()]


def built_handouts(lang: str, **settings) -> list[pdf.Handout]:
    """The handouts a build of this project makes in `lang` (with `settings` changed), described without
    rendering any."""
    from mkdocs.config import load_config

    from hooks.build import Build

    config = load_config(str(ROOT / "mkdocs.yml"))
    for name, value in settings.items():
        config[name] = value
    return Build(config).handouts.describe(lang)


def pdf_path(site_dir, lang: str, name: str):
    return site_dir / ("" if lang == "nl" else lang) / "handouts" / name


def text_of(path) -> str:
    return re.sub(r"\s+", " ", " ".join(pdf_page_texts(path)))


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
    path = pdf_path(site_dir, lang, f"{module_id}-{kind}-{lang}.pdf")
    reader = pdf_reader(path)
    catalog = reader.trailer["/Root"]
    assert all(abs(float(p.mediabox.width) - A4[0]) < 1 and abs(float(p.mediabox.height) - A4[1]) < 1
               for p in reader.pages)
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == lang
    label = LABELS[lang][KIND_LABELS[kind]].removesuffix(" (PDF)")
    assert contains(reader.metadata.title, f'{front_matter(module_id, lang)["title"]} – {label}')  # each PDF its own title
    text = text_of(path)
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
    text = text_of(pdf_path(site_dir, lang, f"methodical-work-checklist-{lang}.pdf"))
    for key in ("name", "date", "notes", "checklist", "version", "online_at"):
        assert LABELS["nl"][key] not in text or LABELS["nl"][key] == LABELS[lang][key], key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_collaboration_handout_ends_with_room_for_the_team(site_dir, lang):
    path = pdf_path(site_dir, lang, f"collaboration-tips-{lang}.pdf")
    assert pdf_reader(path).trailer["/Root"]["/Lang"] == lang
    assert LABELS[lang]["what_we_add"] in pdf_page_texts(path)[-1]
    assert text_of(path).count(LABELS[lang]["what_we_add"]) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_handouts_page_lists_every_pdf_with_size_and_page_count(site_dir, lang):
    page = site_dir / url_path("handouts/index", lang).lstrip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.pdf)" download>[^<]+</a> \((\d+) p\., (\d+) kB\)', html)
    assert len(links) == len(MODULE_IDS) * len(ALL_MODULE_KINDS) + 2  # + collaboration tips and worksheets
    for href, pages, _ in links:
        target = (page.parent / href).resolve()
        assert len(pdf_reader(target).pages) == int(pages)


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
    per_language = 4 * len(module_pages()) + 2  # four per module, then the collaboration tips and worksheets
    assert rendered_counts(cold.stdout) == {lang: per_language for lang in LANGUAGES}

    warm = build()
    assert rendered_counts(warm.stdout) == {lang: 0 for lang in LANGUAGES}

    module = project / "docs/training/methodical-work.en.md"
    title = front_matter("methodical-work", "en")["title"]
    replace_in(module, title, title + " today")
    edited = build()
    assert rendered_counts(edited.stdout) == {lang: 4 if lang == "en" else 0 for lang in LANGUAGES}  # its own four
    assert "today" in text_of(tmp_path / "site/en/handouts/methodical-work-checklist-en.pdf")


def test_parallel_rendering_gives_the_same_files_as_one_worker(tmp_path):
    """The pool changes when a PDF is made, never its bytes: two PDFs rendered by two workers and by one."""
    handouts = [h for h in built_handouts("en") if h.module == "methodical-work"][:2]
    one, two = pdf.Printer(tmp_path / "one", workers=1), pdf.Printer(tmp_path / "two", workers=2)
    try:
        alone, together = one.printed(handouts), two.printed(handouts)
    finally:
        one.close(), two.close()
    assert [p.handout.file_name for p in together] == [h.file_name for h in handouts]
    assert [p.path.read_bytes() for p in together] == [p.path.read_bytes() for p in alone]
    assert len(two.rendered) == 2
