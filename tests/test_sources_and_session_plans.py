"""Issue 19: every knowledge page and module names its sources (shown with working links on the page and in
its handouts, the site's own exercises marked as such); one session-plan skeleton checked by the build;
neutral case anchors; no near-identical names across the site's cases.

Bad input is checked in process against the loader and the content model (fast); what is shown is checked
in the site built once for the session (conftest.built_site). Counts come from the content, never from
today's numbers.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
import unicodedata
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT
from hooks import sources, typography
from hooks.content_model import (BREAK_AFTER, REQUIRED_KINDS, ContentError, Module, check_same_structure,
                                 needs_sources, validate)
from hooks.source_texts import BY_ID, RESOURCES_PAGE, SOURCE_IDS
from pages import LANGUAGES, module_pages, source_pages, url_path

DOCS = ROOT / "docs"
LABELS = {lang: typography.polish_labels(yaml.safe_load((ROOT / f"hooks/labels/{lang}.yml").read_text(encoding="utf-8")),
                                         lang) for lang in LANGUAGES}
KNOWLEDGE = [base for base in source_pages() if needs_sources(f"{base}.nl.md")]
MODULE = "training/methodical-work"


def meta(base: str, lang: str) -> dict:
    return yaml.safe_load((DOCS / f"{base}.{lang}.md").read_text(encoding="utf-8").split("---", 2)[1])


def load(base: str, lang: str):
    return sources.load(DOCS, f"{base}.{lang}.md", "nl")[0]


def built_page(site_dir: Path, base: str, lang: str) -> str:
    return (site_dir / url_path(base, lang).lstrip("/") / "index.html").read_text(encoding="utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plain_text(html: str) -> str:
    """The text a reader sees: glossary tooltips' definitions and tags left out."""
    html = re.sub(r'<span class="vw-term__tip".*?</span>', "", html, flags=re.DOTALL)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def pdf_text(site_dir: Path, lang: str, name: str) -> list[str]:
    folder = site_dir if lang == "nl" else site_dir / lang
    return [page.extract_text() for page in PdfReader(folder / "handouts" / name).pages]


# --- 2. sources: present, known, the same in every language -----------------------------------------

def test_knowledge_pages_are_derived_from_the_content():
    sections = {base.split("/")[0] for base in KNOWLEDGE}
    assert {"vision", "principles", "collaboration", "young-child", "training"} <= sections
    assert set(module_pages()) <= set(KNOWLEDGE)
    assert "training/index" not in KNOWLEDGE and "index" not in KNOWLEDGE and "about/index" not in KNOWLEDGE


@pytest.mark.parametrize("base", KNOWLEDGE)
def test_every_knowledge_page_and_module_names_known_sources_alike_in_every_language(base):
    ids = {}
    for lang in LANGUAGES:
        page = load(base, lang)
        assert page.sources, (base, lang)
        assert all(ref.source in SOURCE_IDS and ref.part.strip() for ref in page.sources), (base, lang)
        ids[lang] = [ref.source for ref in page.sources]
    assert ids["en"] == ids["nl"] == ids["fr"], base


def test_every_source_text_is_used_by_some_page():
    used = {ref.source for base in KNOWLEDGE for ref in load(base, "nl").sources}
    assert used == set(SOURCE_IDS)
    seeds = ROOT.parent / "shared" / "seeds"
    for text in BY_ID.values():
        assert not seeds.exists() or (seeds / text.file).exists(), text.file
        assert set(text.title) >= set(LANGUAGES) and set(text.description) >= set(LANGUAGES)


def expect_error(meta_data: dict, src_uri: str, lang: str, field: str, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        validate(meta_data, src_uri, lang)
    message = str(caught.value)
    assert message.startswith(f"docs/{src_uri} [{lang}]: field '{field}'"), message
    assert words in message, message


@pytest.mark.parametrize("base,lang", [("vision/relationship", "en"), (MODULE, "fr"), ("collaboration/index", "nl"),
                                       ("glossary/index", "fr"), ("resources/index", "nl")])
def test_a_knowledge_page_without_sources_fails_with_one_clear_message(base, lang):
    data = meta(base, lang)
    data.pop("sources")
    expect_error(data, f"{base}.{lang}.md", lang, "sources", "is required on a knowledge page")


def test_an_empty_sources_list_fails_too():
    data = meta("vision/dialogue-model", "nl")
    data["sources"] = []
    expect_error(data, "vision/dialogue-model.nl.md", "nl", "sources", "is required on a knowledge page")


def test_an_unknown_source_id_fails_naming_the_known_ones():
    data = meta("principles/upbringing", "fr")
    data["sources"][0]["source"] = "kindopweg"
    expect_error(data, "principles/upbringing.fr.md", "fr", "sources[1].source", "'kindopweg' is not a known source")
    with pytest.raises(ContentError) as caught:
        validate(data, "principles/upbringing.fr.md", "fr")
    assert all(source_id in str(caught.value) for source_id in SOURCE_IDS)


def test_a_source_without_its_part_fails():
    data = meta("young-child/index", "en")
    data["sources"][0].pop("part")
    expect_error(data, "young-child/index.en.md", "en", "sources[1].part", "is required but missing")


def test_the_same_source_twice_fails():
    data = meta("vision/ordinary-life", "nl")
    data["sources"].append(dict(data["sources"][0]))
    expect_error(data, "vision/ordinary-life.nl.md", "nl", "sources[2].source", "is used twice")


def test_pages_that_are_not_knowledge_pages_may_go_without_sources():
    for base in ("index", "training/index", "about/index", "handouts/index", "portfolio/index"):
        data = meta(base, "nl")
        data.pop("sources", None)
        validate(data, f"{base}.nl.md", "nl")


def test_a_translation_with_other_source_ids_fails_the_structure_check():
    source = load("vision/index", "nl")
    data = meta("vision/index", "en")
    data["sources"] = list(reversed(data["sources"]))
    translation = validate(data, "vision/index.en.md", "en")
    with pytest.raises(ContentError) as caught:
        check_same_structure(source, "vision/index.nl.md", "nl", translation, "vision/index.en.md", "en")
    assert "docs/vision/index.en.md [en]: field 'sources'" in str(caught.value)


# --- 2. sources shown: on every page with working links, and in the handouts ---------------------------

def link_target(site_dir: Path, page_file: Path, href: str) -> tuple[Path, str]:
    path, _, anchor = href.partition("#")
    target = (page_file.parent / path).resolve()
    return (target / "index.html" if target.is_dir() else target), anchor


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_knowledge_page_ends_with_its_sources_linking_to_their_description(site_dir, lang):
    resources = (site_dir / url_path(RESOURCES_PAGE, lang).lstrip("/") / "index.html").resolve()
    resources_ids = set(re.findall(r'\sid="([^"]+)"', resources.read_text(encoding="utf-8")))
    for base in KNOWLEDGE:
        page_file = site_dir / url_path(base, lang).lstrip("/") / "index.html"
        html = page_file.read_text(encoding="utf-8")
        block = re.search(r'<aside class="vw-sources".*?</aside>', html, re.DOTALL)
        assert block, (base, lang)
        assert LABELS[lang]["based_on"] in block.group(0)
        # at the end: nothing of the article's own text follows it
        assert "<h2" not in html[block.end():html.index("</article>")], (base, lang)
        links = re.findall(r'<a href="([^"]+)" data-source="([^"]+)">([^<]+)</a>', block.group(0))
        assert [source_id for _, source_id, _ in links] == [ref.source for ref in load(base, lang).sources]
        for href, source_id, title in links:
            target, anchor = link_target(site_dir, page_file, href)
            assert target == resources, (base, lang, href)
            assert anchor == f"source-{source_id}" and anchor in resources_ids, (base, lang, href)
            assert html_lib.unescape(title) == typography.for_language(lang)[1](BY_ID[source_id].title[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resources_page_describes_each_source_and_lists_the_pages_based_on_it(site_dir, lang):
    html = built_page(site_dir, RESOURCES_PAGE, lang)
    for source_id in SOURCE_IDS:
        section = re.search(rf'<section class="vw-source-text" aria-labelledby="source-{source_id}">.*?</section>',
                            html, re.DOTALL)
        assert section, (lang, source_id)
        based = [base for base in KNOWLEDGE if source_id in [ref.source for ref in load(base, lang).sources]]
        assert section.group(0).count("<li>") == len(based), (lang, source_id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_modules_mark_the_sites_own_exercises(site_dir, lang):
    for base in module_pages():
        html = built_page(site_dir, base, lang)
        cases = len(meta(base, lang)["vignettes"])
        assert html.count('class="vw-own-note"') == cases + 3, base  # cases, reflection, self-assessment, checklist
        assert 'class="vw-own-additions"' in html, base
    collaboration = built_page(site_dir, "collaboration/index", lang)
    assert 'class="vw-own-additions"' in collaboration


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_handouts_name_the_sources_with_the_address_of_their_description(site_dir, lang):
    ui, polish = LABELS[lang], typography.for_language(lang)[1]
    for base in module_pages():
        module_id = base.split("/")[1]
        refs = load(base, lang).sources
        learner = squeeze(" ".join(pdf_text(site_dir, lang, f"{module_id}-learner-{lang}.pdf")))
        facilitator = squeeze(" ".join(pdf_text(site_dir, lang, f"{module_id}-facilitator-{lang}.pdf")))
        checklist = squeeze(" ".join(pdf_text(site_dir, lang, f"{module_id}-checklist-{lang}.pdf")))
        preparation = squeeze(pdf_text(site_dir, lang, f"{module_id}-workshop-pack-{lang}.pdf")[1])
        for text in (learner, facilitator, checklist, preparation):
            assert squeeze(ui["based_on"]) in text, module_id
            assert "/resources/" in text, module_id
            for ref in refs:
                assert squeeze(polish(BY_ID[ref.source].title[lang])) in text, (module_id, ref.source)
        for text in (learner, facilitator, preparation):
            for ref in refs:
                assert squeeze(polish(ref.part)) in text and f"#source-{ref.source}" in text, (module_id, ref.source)
            assert squeeze(ui["own_additions_module"])[:40] in text, module_id
        assert squeeze(ui["own_case"]) in learner and squeeze(ui["own_exercise"]) in checklist, module_id
    tips = squeeze(" ".join(pdf_text(site_dir, lang, f"collaboration-tips-{lang}.pdf")))
    assert squeeze(ui["based_on"]) in tips and "#source-collaboration-sheet" in tips


# --- 3. the session-plan skeleton -----------------------------------------------------------------

@pytest.mark.parametrize("base", module_pages())
def test_every_plan_follows_the_skeleton_in_every_language(base):
    plans = {}
    for lang in LANGUAGES:
        module = load(base, lang)
        assert isinstance(module, Module)
        kinds = [step.kind for step in module.session_plan]
        assert kinds[0] == "welcome-and-objectives" and kinds[-1] == "closing"
        assert set(REQUIRED_KINDS) <= set(kinds)
        assert "reading" not in [part for step in module.session_plan for part in step.covers]
        assert sum(step.minutes for step in module.session_plan) == module.duration_minutes
        if module.duration_minutes > BREAK_AFTER:
            assert "break" in kinds
        assert module.group_size.min <= module.group_size.max and module.materials and module.follow_up
        plans[lang] = [(s.kind, s.minutes, s.form, s.covers) for s in module.session_plan]
    assert plans["nl"] == plans["en"] == plans["fr"]


def test_notes_that_ask_for_a_before_and_after_match_the_plan():
    """A module whose notes have the self-assessment done at the start and at the end says so in its field, and
    its plan has a self-assessment step before the first case and another after the last."""
    start_and_end = re.compile(r"zelfbeoordeling[^.]*\bbegin\b[^.]*\beind", re.IGNORECASE)
    for base in module_pages():
        module = load(base, "nl")
        assert bool(start_and_end.search(module.facilitator_notes)) == module.self_assessment_before_after, base


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plan_shows_kinds_pre_reading_group_size_materials_and_follow_up(site_dir, lang):
    ui, polish = LABELS[lang], typography.for_language(lang)[1]
    for base in module_pages():
        module_id, module = base.split("/")[1], load(base, lang)
        html = built_page(site_dir, base, lang)
        notes = plain_text(html[html.index('class="vw-session-plan"'):html.index('class="vw-sources"')])
        pack = pdf_text(site_dir, lang, f"{module_id}-workshop-pack-{lang}.pdf")
        facilitator = pdf_text(site_dir, lang, f"{module_id}-facilitator-{lang}.pdf")
        for place, text in (("web", notes), ("pack", " ".join(pack[:2])), ("facilitator", " ".join(facilitator[:2]))):
            text = squeeze(text)
            assert squeeze(ui["pre_reading"]) in text, (module_id, place)
            for kind in {step.kind for step in module.session_plan}:
                assert squeeze(ui["step_kinds"][kind]) in text, (module_id, place, kind)
            assert squeeze(ui["group_size_range"].format(min=module.group_size.min, max=module.group_size.max)) in text
            for item in module.materials:
                assert squeeze(polish(item)) in text, (module_id, place, item)
            assert squeeze(polish(module.follow_up)) in text, (module_id, place)
        assert squeeze(ui["evaluation"]) in squeeze(" ".join(pack))


def plan_meta() -> dict:
    return meta(MODULE, "nl")


def kinds_of(data: dict) -> list[str]:
    return [step["kind"] for step in data["session_plan"]]


def remove_step(data: dict, kind: str) -> dict:
    """Drop the first step of `kind`, giving its minutes to the first case step (the sum stays right)."""
    plan = data["session_plan"]
    index = kinds_of(data).index(kind)
    step = plan.pop(index)
    next(s for s in plan if s["kind"] == "case")["minutes"] += step["minutes"]
    return data


def move_step(data: dict, kind: str, to: int) -> dict:
    plan = data["session_plan"]
    plan.insert(to, plan.pop(kinds_of(data).index(kind)))
    return data


def first_case_step(data: dict) -> dict:
    return next(s for s in data["session_plan"] if s["kind"] == "case")


def skeleton_defects() -> dict:
    def edit(change):
        def make() -> dict:
            data = copy.deepcopy(plan_meta())
            change(data)
            return data
        return make

    def number(data: dict, kind: str) -> int:
        return kinds_of(data).index(kind) + 1

    last = len(plan_meta()["session_plan"])
    case_at = number(plan_meta(), "case")
    defects = {f"no {kind} step": (edit(lambda d, k=kind: remove_step(d, k)), "session_plan",
                                   f"has no step of kind '{kind}'")
               for kind in REQUIRED_KINDS if kind != "case"}
    defects.update({
        "welcome not first": (edit(lambda d: move_step(d, "welcome-and-objectives", 1)), "session_plan[1].kind",
                              "a plan starts with 'welcome-and-objectives'"),
        "closing not last": (edit(lambda d: move_step(d, "closing", 1)), f"session_plan[{last}].kind",
                             "a plan ends with 'closing'"),
        "reflection only as an opener": (edit(lambda d: move_step(d, "reflection", 1)), "session_plan",
                                         "no step of kind 'reflection' after the first case"),
        "no break in a long plan": (edit(lambda d: remove_step(d, "break")), "session_plan",
                                    "has no step of kind 'break'"),
        "a reading step": (edit(lambda d: first_case_step(d)["covers"].append("reading")),
                           f"session_plan[{case_at}].covers", "read the module's text at home"),
        "a case step without its case": (edit(lambda d: first_case_step(d).update(covers=["reflection"])),
                                         f"session_plan[{case_at}].covers", "covers the case it works on"),
        "a case in no case step": (edit(lambda d: [s.update(covers=[d["vignettes"][0]["id"]])
                                                   for s in d["session_plan"] if s["kind"] == "case"]),
                                   "session_plan", f"case {plan_meta()['vignettes'][-1]['id']!r} is in no step"),
        "before/after without the second round": (edit(lambda d: d.update(self_assessment_before_after=True)),
                                                  "session_plan", "before the first case and another after"),
        "two rounds without before/after": (
            edit(lambda d: (d["session_plan"].insert(1, {**copy.deepcopy(
                d["session_plan"][kinds_of(d).index("self-assessment")]), "minutes": 5}),
                first_case_step(d).update(minutes=first_case_step(d)["minutes"] - 5))),
            "session_plan", "set self_assessment_before_after: true"),
        "an unknown kind": (edit(lambda d: d["session_plan"][1].update(kind="lecture")), "session_plan[2].kind",
                            "'welcome-and-objectives'"),
        "a step without its kind": (edit(lambda d: d["session_plan"][1].pop("kind")), "session_plan[2].kind",
                                    "is required but missing"),
        "group size upside down": (edit(lambda d: d.update(group_size={"min": 12, "max": 4})), "group_size",
                                   "min (12) is larger than max (4)"),
        "no materials": (edit(lambda d: d.update(materials=[])), "materials", "at least 1 item"),
        "no follow-up": (edit(lambda d: d.pop("follow_up")), "follow_up", "is required but missing"),
    })
    return defects


SKELETON_DEFECTS = skeleton_defects()


@pytest.mark.parametrize("case", SKELETON_DEFECTS)
def test_each_skeleton_rule_fails_with_one_clear_message(case):
    make, field, words = SKELETON_DEFECTS[case]
    expect_error(make(), f"{MODULE}.nl.md", "nl", field, words)


def test_the_unchanged_plan_passes():
    validate(plan_meta(), f"{MODULE}.nl.md", "nl")


# --- 4. structure of the cases: neutral anchors, old anchors kept, names not near-identical -------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_ids_are_neutral_and_former_ids_still_lead_to_the_case(site_dir, lang):
    for base in module_pages():
        data = meta(base, lang)
        html = built_page(site_dir, base, lang)
        for number, vignette in enumerate(data["vignettes"], 1):
            assert vignette["id"] == f"case-{number}", (base, lang)
            section = re.search(rf'<section class="vw-vignette" id="{vignette["id"]}".*?</section>', html, re.DOTALL)
            assert section, (base, lang, vignette["id"])
            for former in vignette.get("former_ids", []):
                assert f'id="{former}"' in section.group(0), (base, lang, former)


# Capitalised words in the cases that are not first names: places, regions, languages, services, days.
@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_a_third_of_the_cases_are_set_in_flanders_and_each_says_where(site_dir, lang):
    cases = [(base, case) for base in module_pages() for case in meta(base, lang)["vignettes"]]
    flemish = [case for _, case in cases if case["region"] == "vl"]
    assert 3 * len(flemish) >= len(cases), f"{len(flemish)} of {len(cases)} cases are set in Flanders"
    for base, case in cases:
        section = re.search(rf'<section class="vw-vignette" id="{case["id"]}".*?</section>', built_page(site_dir, base, lang),
                            re.DOTALL).group(0)
        region = LABELS[lang]["region_vl" if case["region"] == "vl" else "region_nl"]
        assert squeeze(f'{LABELS[lang]["case_region"]}:{region}') in squeeze(plain_text(section)), (base, case["id"])


NOT_NAMES = {"Dutch", "English", "French", "Flemish", "Flanders", "Flandre", "Vlaanderen", "Vlaamse", "Vlaams",
             "Nederland", "Nederlands", "Netherlands", "Pays-Bas", "Belgium", "Belgique", "België", "Brussel",
             "Bruxelles", "Brussels", "Gent", "Ghent", "Gand", "Antwerpen", "Antwerp", "Anvers", "Limburg",
             "Limbourg", "Oost-Vlaanderen", "West-Vlaanderen", "Flandre-Orientale", "Flandre-Occidentale", "Utrecht", "Rotterdam", "Amsterdam", "East", "West",
             "Turkish", "Turks", "Turkije", "Turkey", "Turquie", "Arabic", "Arabisch", "Moroccan", "Marokkaans",
             "Polish", "Pools", "Nachts", "Kind", "Gezin", "Veilig", "Thuis", "Jeugdzorg", "Kinderrechtenverdrag",
             "Opgroeien", "Teams", "WhatsApp"}
DAYS = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?$")
WORD = re.compile(r"[^\W\d_][\w’'-]*")
SENTENCE_START = ".!?:;\"'«“‘(—–-\n"


def case_texts() -> list[tuple[str, str, str]]:
    """(module file, case id, title and story) for every case of every module in every language."""
    return [(f"{base}.{lang}.md", v["id"], f"{v['title']}\n{v['story']}")
            for base in module_pages() for lang in LANGUAGES for v in meta(base, lang)["vignettes"]]


def first_names(texts: list[tuple[str, str, str]]) -> dict[str, set[str]]:
    """Name -> the cases it occurs in. A name is a capitalised word that occurs at least once inside a sentence
    and never in lower case in any case text (so sentence-initial words are not names), minus NOT_NAMES."""
    capitalised: dict[str, list[bool]] = {}
    lower: set[str] = set()
    where: dict[str, set[str]] = {}
    for file, case, text in texts:
        for match in WORD.finditer(text):
            word = re.sub(r"[’']s$", "", match.group(0))
            if word[0].islower():
                lower.add(word.lower())
                continue
            before = text[:match.start()].rstrip(" \t")
            capitalised.setdefault(word, []).append(not before or before[-1] in SENTENCE_START)
            where.setdefault(word, set()).add(f"{file}#{case}")
    return {word: where[word] for word, starts in capitalised.items()
            if not all(starts) and word.lower() not in lower and not word.isupper() and len(word) > 1
            and word not in NOT_NAMES and not DAYS.match(word)}


def normalised(name: str) -> str:
    """Spelling variants that sound alike (Yusuf/Youssef, Sofie/Sophie): compared after this."""
    text = unicodedata.normalize("NFD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    for old, new in (("ph", "f"), ("ou", "u"), ("oe", "u"), ("ij", "i"), ("y", "i"), ("ck", "k"), ("c", "k"),
                     ("th", "t"), ("dt", "t")):
        text = text.replace(old, new)
    return re.sub(r"([^aeiou])\1+", r"\1", text)  # doubled consonants only: Roos is not Rob


def distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def near_identical(a: str, b: str) -> bool:
    if a == b:
        return False
    for x, y in ((a.lower(), b.lower()), (normalised(a), normalised(b))):
        short, long = sorted((x, y), key=len)
        if x == y or distance(x, y) <= 1 or (long.startswith(short) and len(long) - len(short) <= 2):
            return True
    return False


def test_the_name_rules_catch_the_examples_of_the_issue():
    for a, b in (("Sam", "Sem"), ("Lisa", "Lina"), ("Mila", "Milan"), ("Yusuf", "Youssef"), ("Sofie", "Sophie")):
        assert near_identical(a, b), (a, b)
    for a, b in (("Sam", "Samira"), ("Daan", "Dorien"), ("Noor", "Roos"), ("Esra", "Esther"), ("Rob", "Roos")):
        assert not near_identical(a, b), (a, b)
    names = first_names([("x.nl.md", "case-1", "Mila (4) slaapt niet. Haar moeder Fatima belt. Op maandag komt "
                                                "Petra uit Gent. Elke avond huilt Mila.\nOp Monday she cries.")])
    assert set(names) == {"Mila", "Fatima", "Petra"}


def test_no_near_identical_person_names_across_all_cases():
    names = first_names(case_texts())
    assert len(names) >= len(module_pages()), sorted(names)  # every module's cases have named people
    clashes = [f"{a} ({', '.join(sorted(names[a]))}) / {b} ({', '.join(sorted(names[b]))})"
               for a, b in combinations(sorted(names), 2) if near_identical(a, b)]
    assert not clashes, "near-identical names in the cases:\n" + "\n".join(clashes)
