"""Slides to project: one reveal.js deck per module and language, from the validated module.

The session plan drives the order: after the title and objectives, each step gets a section slide,
followed by the parts of the module it covers (a case, the reading, the reflection questions, ...).
Parts no step covers follow at the end, so nothing of the module is left out. Facilitator notes,
case discussions and timings go into presenter notes (`<aside class="notes">`), which reveal.js
shows only in its speaker view. Long texts are split over several slides instead of being shrunk.
"""

from __future__ import annotations

import html
import json
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from hooks import fragment_cache, site_fixes, sources, typography
from hooks.content_model import Module

REVEAL = "assets/vendor/reveal"   # vendored reveal.js distribution files (with their LICENSE)
TEMPLATE = "slides/deck.html"
log = logging.getLogger("mkdocs.plugins.verbindend")
NOTES_PLUGIN = Path(__file__).resolve().parent.parent / "overrides" / REVEAL / "plugin" / "notes" / "notes.js"
# Characters of text one slide holds at 1280 × 720 with body text of 32 px (30 px after reveal's margin).
SLIDE_BUDGET = 480
BLOCK = re.compile(r"<(p|ul|ol|blockquote|h[3-6]|table|pre|div)\b.*?</\1>", re.DOTALL)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")
TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r"^##\s+(.+?)\s*(\{[^}]*\})?\s*$", re.MULTILINE)


@dataclass
class Slide:
    title: str
    blocks: list[Markup]
    notes: list[Markup] = field(default_factory=list)
    kind: str = "content"          # 'title', 'section' or 'content'
    eyebrow: str = ""              # small line above the title, e.g. 'Step 2 of 6'


def text_length(html: str) -> int:
    return len(TAG.sub("", html))


def split_long_block(block: str) -> list[str]:
    """A paragraph longer than one slide holds, cut at sentence ends into paragraphs that fit."""
    match = re.fullmatch(r"<p>(.*)</p>", block.strip(), re.DOTALL)
    if not match or text_length(block) <= SLIDE_BUDGET:
        return [block]
    parts, current = [], ""
    for sentence in SENTENCE_END.split(match.group(1)):
        if current and text_length(current) + text_length(sentence) > SLIDE_BUDGET:
            parts.append(f"<p>{current}</p>")
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    return parts + ([f"<p>{current}</p>"] if current else [])


def list_items(items: list[str], ordered: bool, start: int = 1) -> str:
    tag = "ol" if ordered else "ul"
    begin = f' start="{start}"' if ordered and start != 1 else ""
    return f"<{tag}{begin}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


def chunk_items(items: list[str], ordered: bool) -> list[list[Markup]]:
    """A list split over slides, each slide's part within the budget, numbering continued."""
    chunks, current, start = [], [], 1
    for item in items:
        if current and sum(map(len, current)) + len(item) > SLIDE_BUDGET:
            chunks.append([Markup(list_items(current, ordered, start))])
            start += len(current)
            current = []
        current.append(item)
    if current:
        chunks.append([Markup(list_items(current, ordered, start))])
    return chunks


def chunk_html(html: str) -> list[list[Markup]]:
    """Rendered Markdown split into slides: whole blocks, each slide within the budget."""
    blocks = [piece for block in BLOCK.finditer(html) for piece in split_long_block(block.group(0))] or [html]
    chunks, current = [], []
    for block in blocks:
        if current and sum(map(text_length, current)) + text_length(block) > SLIDE_BUDGET:
            chunks.append(current)
            current = []
        current.append(Markup(block))
    return chunks + ([current] if current else [])


def continued(title: str, index: int, ui: dict) -> str:
    return title if index == 0 else f"{title} ({ui['slides_continued']})"


def spread(title: str, chunks: list[list[Markup]], ui: dict, notes: list[Markup] | None = None) -> list[Slide]:
    """One slide per chunk; the notes go with the last slide of the part."""
    slides = [Slide(continued(title, i, ui), chunk) for i, chunk in enumerate(chunks)]
    if slides and notes:
        slides[-1].notes = notes
    return slides


def reading_headings(body: str) -> list[str]:
    return [match.group(1) for match in HEADING.finditer(body)]


def part_slides(part: str, module: Module, body: str, ui: dict, markdown) -> list[Slide]:
    """The slides of one part of the module: a case (by id), or one of STEP_PARTS."""
    for vignette in module.vignettes:
        if vignette.id == part:
            title = f"{ui['vignettes']}: {vignette.title}"
            story = spread(title, chunk_html(str(markdown(vignette.story))), ui)
            questions = spread(f"{ui['questions']}: {vignette.title}", chunk_items(vignette.questions, True), ui,
                               [Markup(f"<p><strong>{escape(ui['discussion_print'])}</strong></p>"),
                                markdown(vignette.discussion)])
            return story + questions
    if part == "reading":
        return spread(ui["reading"], chunk_items(reading_headings(body), False), ui) if reading_headings(body) else []
    if part == "reflection":
        return spread(ui["reflection"], chunk_items([r.question for r in module.reflection], True), ui)
    if part == "self-assessment":
        themes = [t.title for t in module.self_assessment.themes]
        return spread(ui["self_assessment"], chunk_items(themes, False), ui)
    if part == "checklist":
        return spread(ui["checklist"], chunk_items([c.text for c in module.checklist], False), ui)
    if part == "key-points":
        return spread(ui["key_points"], chunk_items(module.key_points, False), ui)
    return []


def step_notes(step, start: int, ui: dict, forms: dict, markdown) -> list[Markup]:
    """The step's timing (minutes, clock time from the start, form) and activity, for the speaker view."""
    end = start + step.minutes
    timing = (f"{ui['slides_notes_plan']}: {step.minutes} {ui['minutes']} "
              f"({start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}) · {forms[step.form]}")
    return [Markup(f"<p><strong>{escape(timing)}</strong></p>"), markdown(step.activity)]


def deck(module: Module, body: str, ui: dict, markdown) -> list[Slide]:
    """Every slide of one module's deck, in the order of its session plan."""
    forms = {"plenary": ui["form_plenary"], "pairs": ui["form_pairs"], "small-groups": ui["form_small_groups"],
             "alone": ui["form_alone"]}
    plan_rows = "".join(f"<li>{escape(s.minutes)} {escape(ui['minutes'])} · {escape(ui['step_kinds'][s.kind])} · "
                        f"{escape(forms[s.form])} · "
                        f"{escape(TAG.sub('', str(markdown(s.activity))).strip())}</li>" for s in module.session_plan)
    title_notes = [Markup(f"<p><strong>{escape(ui['session_plan'])}</strong></p><ol>{plan_rows}</ol>"),
                   Markup(f"<p><strong>{escape(ui['facilitator_notes'])}</strong></p>"),
                   markdown(module.facilitator_notes)]
    slides = [Slide(module.title, [Markup(f"<p>{escape(module.description)}</p>")], title_notes, kind="title")]
    slides += spread(ui["objectives"], chunk_items(module.objectives, False), ui)
    shown: set[str] = set()
    start, total = 0, len(module.session_plan)
    for number, step in enumerate(module.session_plan, 1):
        activity = chunk_html(str(markdown(step.activity)))
        section = Slide(f"{ui['step_kinds'][step.kind]} – {forms[step.form]}", activity[0],
                        step_notes(step, start, ui, forms, markdown),
                        kind="section", eyebrow=ui["slides_step"].format(number=number, total=total))
        slides.append(section)
        for extra in activity[1:]:
            slides.append(Slide(section.title, extra, kind="section", eyebrow=section.eyebrow))
        for part in step.covers:
            if part not in shown:
                shown.add(part)
                slides += part_slides(part, module, body, ui, markdown)
        start += step.minutes
    for part in [v.id for v in module.vignettes] + ["reflection", "key-points"]:
        if part not in shown:
            slides += part_slides(part, module, body, ui, markdown)
    return slides


def deck_path(module_id: str, language_prefix: str) -> str:
    """Where a deck goes in the site: '<language root>slides/<module id>.html' (works from file:// too)."""
    return f"{language_prefix}slides/{module_id}.html"


def speaker_view_path(language_prefix: str) -> str:
    """Where the notes plugin in the decks' language goes: beside them."""
    return f"{language_prefix}slides/{site_fixes.SPEAKER_VIEW_SCRIPT}"


def render_deck(env: Environment, module: Module, body: str, ui: dict, lang: str, path: str,
                module_url: str) -> str:
    """The deck as a standalone HTML page; `path` is its place in the site, `module_url` relative to it."""
    root = "../" * path.count("/")
    return env.get_template(TEMPLATE).render(
        module=module, slides=deck(module, body, ui, env.filters["markdown"]), ui=ui, lang=lang,
        assets=root + "assets/", reveal=root + REVEAL + "/", module_url=module_url,
        speaker_view=site_fixes.SPEAKER_VIEW_SCRIPT)


class Decks:
    """The build's decks as an output: made per language before its pages (which link them), reused from
    the HTML cache while their inputs stay, written into the site at the end."""

    def __init__(self, build):
        self.build = build
        self.made: dict[str, dict[str, str]] = {}  # language -> {path in the site: HTML}

    def make(self, lang: str) -> None:
        build, catalogue = self.build, self.build.catalogue
        ui, prefix = build.labels[lang], catalogue.prefix(lang)
        polish, _ = typography.for_language(lang)
        inputs = build.inputs_of("slides", sys.modules[__name__], (TEMPLATE,))
        decks = self.made[lang] = {}
        for module, source in catalogue.modules_in(lang):
            body = sources.load(catalogue.docs_dir, source.relative_to(catalogue.docs_dir).as_posix(), catalogue.default)[1]
            path = deck_path(module.id, prefix)
            module_url = get_relative_url(catalogue.address(f"training/{module.id}", lang), path)
            decks[path] = fragment_cache.cached(
                (inputs, source, build.labels_file(lang), lang, path, module_url),
                lambda: polish(render_deck(build.env, module, body, ui, lang, path, module_url)))

    def link(self, page_url: str, lang: str, module_id: str) -> dict:
        href = get_relative_url(deck_path(module_id, self.build.catalogue.prefix(lang)), page_url)
        return {"href": href, "label": self.build.labels[lang]["slides"]}

    def write(self, site_dir: str) -> None:
        """Each language's decks, and beside them the notes plugin with its speaker view in that language."""
        plugin = NOTES_PLUGIN.read_text(encoding="utf-8")
        for lang, decks in self.made.items():
            for path, html in decks.items():
                target = Path(site_dir, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
            if decks:
                try:
                    view = speaker_view_plugin(plugin, self.build.labels[lang], lang)
                except ValueError as error:
                    log.warning(str(error))  # the English speaker view still works
                    view = plugin
                Path(site_dir, speaker_view_path(self.build.catalogue.prefix(lang))).write_text(view, encoding="utf-8")


# --- the speaker view in the deck's language ----------------------------------------------------
# reveal.js's notes plugin writes its speaker view (a whole page, in English) into a pop-up. It has no
# setting for its texts, so each language gets a copy of the plugin with that page's texts replaced by
# labels from hooks/labels/. Each entry: the text as it stands in the page, with {} where the words go.
SPEAKER_VIEW_PAGE_TEXTS = [  # in the page's HTML
    ("<title>{}</title>", "reveal.js - Speaker View", "speaker_view_title"),
    ('<div id="connection-status">{}</div>', "Loading speaker view...", "speaker_view_loading"),
    ('<span class="overlay-element label">{}</span>', "Upcoming", "speaker_view_upcoming"),
    ('<h4 class="label">{} <span', "Time", "speaker_view_time"),
    ('<span class="reset-button">{}</span>', "Click to Reset", "speaker_view_reset"),
    ('style="display: none">{}</h4>', "Pacing – Time to finish current slide", "speaker_view_pacing"),
    ('<h4 class="label">{}</h4>', "Notes", "speaker_view_notes"),
]
SPEAKER_VIEW_SCRIPT_TEXTS = [  # in the strings of its script
    ("'default': '{}'", "Default", "speaker_view_layout_default"),
    ("'wide': '{}'", "Wide", "speaker_view_layout_wide"),
    ("'tall': '{}'", "Tall", "speaker_view_layout_tall"),
    ("'notes-only': '{}'", "Notes only", "speaker_view_layout_notes_only"),
    ("layoutLabel.innerHTML = '{}'", "Layout", "speaker_view_layout"),
    ("connectionStatus.innerHTML = '{}'",
     "Cross origin error.<br>The speaker window can only be opened from the same origin.", "speaker_view_other_origin"),
    ("connectionStatus.innerHTML = '{}'",
     "Error connecting to main window.<br>Please try closing and reopening the speaker view.",
     "speaker_view_no_connection"),
]
SPEAKER_VIEW_CLOCK = "toLocaleTimeString( {}, { hour12: true, "  # a 12-hour American clock


def _replace_once(view: str, old: str, new: str) -> str:
    if view.count(old) != 1:
        raise ValueError(f"reveal.js's speaker view no longer has {old!r}: update hooks/slides.py")
    return view.replace(old, new)


def _in_script_string(text: str) -> str:
    """Text for a single-quoted JavaScript string that the speaker view writes as HTML."""
    return html.escape(text, quote=False).replace("\\", "\\\\").replace("'", "\\'")


def speaker_view_plugin(plugin: str, ui: dict, lang: str) -> str:
    """The notes plugin's code with its speaker view in `lang`: the page's language, its texts (from
    the labels `ui`) and its clock. Raises ValueError when the plugin no longer has one of the texts."""
    literal = next(m for m in site_fixes.JS_STRING.finditer(plugin) if "<script>" in m.group(1))
    view = _replace_once(site_fixes.js_string_value(literal.group(1)), '<html lang="en">', f'<html lang="{lang}">')
    for frame, english, key in SPEAKER_VIEW_PAGE_TEXTS:
        view = _replace_once(view, frame.format(english), frame.format(html.escape(ui[key], quote=False)))
    for frame, english, key in SPEAKER_VIEW_SCRIPT_TEXTS:
        view = _replace_once(view, frame.format(english), frame.format(_in_script_string(ui[key])))
    view = _replace_once(view, SPEAKER_VIEW_CLOCK.replace("{}", "'en-US'"),
                         SPEAKER_VIEW_CLOCK.replace("{}", f"'{lang}'").replace("hour12: true, ", ""))
    return plugin[:literal.start()] + json.dumps(view) + plugin[literal.end():]
