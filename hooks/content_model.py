"""The content model: what an author may write in a page's front matter.

Every page is read and validated once, against one of these pydantic models.
The web page and the printable PDF both render from the validated objects,
so they cannot drift apart. Models forbid unknown keys: a typo in a field
name is an error, not a silently ignored line.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from hooks.source_texts import SOURCE_IDS

# The one pattern of every id (answers are stored under these); the browser gets it in each page's JSON.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SCALE_POINTS = 5


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceRef(Strict):
    """One source text a page is based on (its id in hooks/source_texts.py) and which part of it,
    e.g. {source: k2o-vision, part: "Uitgangspunten 1 en 2"}. The part is translated; the id is not."""

    source: str
    part: Text

    @field_validator("source")
    @classmethod
    def known_source(cls, source: str) -> str:
        if source not in SOURCE_IDS:
            raise ValueError(f"{source!r} is not a known source text: use one of {', '.join(SOURCE_IDS)} "
                             "(hooks/source_texts.py)")
        return source


class PageMeta(Strict):
    """Front matter every page needs: a title and a description for search engines.

    `sources`: which of the five source texts (hooks/source_texts.py) the page is based on, and which
    part of each. Required on every knowledge page (see `needs_sources`): vision/*, principles/*,
    collaboration/index, young-child/*, every training module, and also resources/index (it lists the
    brochures of source 004) and glossary/index (its definitions retell terms of all five sources).
    Not required on the home page, the training overview, about/*, authors, handouts/* and the
    portfolio: they explain and link to the site itself and make no claims of their own about a
    model, law or service; they may still name sources. Shown at the end of the page and in its handouts.
    """

    title: Text
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)]
    # Set by the translation workflow: hash of the Dutch source a translation was made from.
    translated_from: str | None = None
    # Material options an author may use.
    hide: list[Literal["navigation", "toc", "footer"]] = []
    sources: list[SourceRef] = []

    def source_structure(self) -> list[tuple[str, object]]:
        """The source ids, in order: the same in every language (only `part` is translated)."""
        return [("sources", [ref.source for ref in self.sources])]

    def structure(self) -> list[tuple[str, object]]:
        return self.source_structure()


class Vignette(Strict):
    """A case. Its id is neutral (case-1, ...): a person's name in an anchor outlives a rewrite of the story.
    `former_ids` are the anchors it had before; they keep working as links."""

    id: Id
    former_ids: list[Id] = []
    # Where the case is set: the Netherlands or Flanders (its roles, services and words follow).
    region: Literal["nl", "vl"]
    title: Text
    story: Text
    questions: list[Text] = Field(min_length=1)
    discussion: Text


class Reflection(Strict):
    id: Id
    question: Text


class Statement(Strict):
    id: Id
    text: Text


class Theme(Strict):
    id: Id
    title: Text
    statements: list[Statement] = Field(min_length=1)


class SelfAssessment(Strict):
    scale: list[Text]
    not_applicable: Text | None = None
    themes: list[Theme] = Field(min_length=1)

    @field_validator("scale")
    @classmethod
    def five_labels(cls, scale: list[str]) -> list[str]:
        if len(scale) != SCALE_POINTS:
            raise ValueError(f"needs exactly {SCALE_POINTS} labels (low to high), found {len(scale)}")
        return scale


class ChecklistItem(Strict):
    id: Id
    text: Text


# issue 12: how a step of a workshop is worked on; the label per language is in hooks/labels/.
WorkForm = Literal["plenary", "pairs", "small-groups", "alone"]
# What a session-plan step may cover besides a case (by its id): the parts of the module a deck shows.
# Not 'reading': participants read the module's text at home before the session (training overview).
STEP_PARTS = ("reflection", "self-assessment", "checklist", "key-points")
# issue 19: what kind of step it is. Every plan follows one skeleton (see _check_skeleton):
# welcome-and-objectives first, closing last, at least one case, a reflection after the first case,
# the self-assessment (twice, before the first and after the last case, when the module asks for a
# before/after), the checklist, the evaluation (the workshop pack prints its form) and a break in
# every plan longer than BREAK_AFTER minutes. 'key-points' looks back on the text read at home (theory);
# 'exercise' is another practice exercise of the module (e.g. sorting statements, a role play).
StepKind = Literal["welcome-and-objectives", "key-points", "case", "exercise", "reflection", "self-assessment",
                   "checklist", "break", "evaluation", "closing"]
REQUIRED_KINDS = ("welcome-and-objectives", "case", "reflection", "self-assessment", "checklist", "evaluation",
                  "closing")
BREAK_AFTER = 90


class SessionStep(Strict):
    """One step of a workshop: its kind, how long, what happens, in which form. `covers` names the module's
    parts (a case id, or one of STEP_PARTS) this step works on: the slides follow that order."""

    kind: StepKind
    minutes: int = Field(gt=0, le=600)
    activity: Text
    form: WorkForm
    covers: list[Id] = []


class GroupSize(Strict):
    """How many participants a workshop of the module is made for."""

    min: int = Field(ge=1, le=100)
    max: int = Field(ge=1, le=100)

    @model_validator(mode="after")
    def min_not_above_max(self) -> "GroupSize":
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Module(PageMeta):
    """A training module, after the Carpentries lesson schema."""

    id: Id
    duration_minutes: int = Field(gt=0, le=600)
    audience: Text
    related: list[Text] = []
    objectives: list[Text] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)
    vignettes: list[Vignette] = Field(min_length=1)
    reflection: list[Reflection] = Field(min_length=1)
    self_assessment: SelfAssessment
    checklist: list[ChecklistItem] = Field(min_length=1)
    facilitator_notes: Text
    session_plan: list[SessionStep] = Field(min_length=1)
    # true: the workshop has participants fill in the self-assessment at the start and again at the end
    # (a before/after); the plan must then have a self-assessment step before the first case and one after the last.
    self_assessment_before_after: bool = False
    group_size: GroupSize
    materials: list[Text] = Field(min_length=1)
    # An assignment for the weeks after the workshop.
    follow_up: Text

    def ids(self) -> list[tuple[str, str]]:
        """Every (field path, id) of the module in document order, e.g. ('checklist[2].id', 'check-x')."""
        pairs = [(f"vignettes[{i}].id", v.id) for i, v in enumerate(self.vignettes, 1)]
        pairs += [(f"vignettes[{i}].former_ids", old) for i, v in enumerate(self.vignettes, 1) for old in v.former_ids]
        pairs += [(f"reflection[{i}].id", r.id) for i, r in enumerate(self.reflection, 1)]
        for t, theme in enumerate(self.self_assessment.themes, 1):
            pairs.append((f"self_assessment.themes[{t}].id", theme.id))
            pairs += [(f"self_assessment.themes[{t}].statements[{i}].id", s.id)
                      for i, s in enumerate(theme.statements, 1)]
        pairs += [(f"checklist[{i}].id", c.id) for i, c in enumerate(self.checklist, 1)]
        return pairs

    def structure(self) -> list[tuple[str, object]]:
        """What must be identical in every language: ids, their order, counts and non-text facts."""
        return [*self.source_structure(),
                ("id", self.id), ("duration_minutes", self.duration_minutes), ("related", self.related),
                ("objectives", f"{len(self.objectives)} items"), ("key_points", f"{len(self.key_points)} items"),
                *((f"vignettes[{i}].questions", f"{len(v.questions)} items") for i, v in enumerate(self.vignettes, 1)),
                *((f"vignettes[{i}].region", v.region) for i, v in enumerate(self.vignettes, 1)),
                ("self_assessment.not_applicable", self.self_assessment.not_applicable is not None),
                *self.ids(),
                *((f"session_plan[{i}]", (step.kind, step.minutes, step.form, step.covers))
                  for i, step in enumerate(self.session_plan, 1)),
                ("self_assessment_before_after", self.self_assessment_before_after),
                ("group_size", (self.group_size.min, self.group_size.max)),
                ("materials", f"{len(self.materials)} items")]


class CollaborationTheme(Strict):
    id: Id
    title: Text
    meaning: Text
    why_it_matters: Text
    # Only what the source has people say under this theme, retold; never invented.
    parents_told_us: list[Text] = []
    # Tips the source itself gives (its "Praktische tip"), shown apart from the site's own `tips`.
    source_tips: list[Text] = []
    tips: list[Text] = Field(min_length=1)
    reflection: Text


class CollaborationPage(PageMeta):
    themes: list[CollaborationTheme] = Field(min_length=1)

    def structure(self) -> list[tuple[str, object]]:
        return self.source_structure() + [pair for i, t in enumerate(self.themes, 1)
                for pair in ((f"themes[{i}].id", t.id), (f"themes[{i}].tips", f"{len(t.tips)} items"),
                             (f"themes[{i}].parents_told_us", f"{len(t.parents_told_us)} items"),
                             (f"themes[{i}].source_tips", f"{len(t.source_tips)} items"))]


class GlossaryTerm(Strict):
    id: Id
    term: Text
    also: list[Text] = []
    definition: Text
    # false: the term is listed in the glossary only, never shown as a tooltip (a word that is
    # mostly used in its everyday sense, e.g. 'verbinding').
    tooltip: bool = True
    # Only these exact forms (case and all) get the tooltip, instead of `term` and `also` in any case.
    exact: list[Text] = []

    def forms(self) -> list[str]:
        """The words in a page's text that get this term's tooltip."""
        if not self.tooltip:
            return []
        return list(self.exact) or [self.term, *self.also]


class GlossaryPage(PageMeta):
    terms: list[GlossaryTerm] = Field(min_length=1)

    def structure(self) -> list[tuple[str, object]]:
        return self.source_structure() + [(f"terms[{term_id!r}]", "defined")
                                          for term_id in sorted(t.id for t in self.terms)]


class ContentError(Exception):
    """An author's mistake, phrased for the author: file, field, language, what to do."""

    def __init__(self, path: str, lang: str, field: str | None, problem: str):
        self.path, self.lang, self.field, self.problem = path, lang, field, problem
        where = f"field '{field}' " if field else ""
        super().__init__(f"docs/{path} [{lang}]: {where}{problem}")


def model_for(src_uri: str) -> type[PageMeta]:
    """Which model a page's front matter follows, decided by where the page lives."""
    stem = src_uri.split("/")
    if stem[0] == "training" and not stem[-1].startswith("index."):
        return Module
    if stem[0] == "collaboration" and stem[-1].startswith("index."):
        return CollaborationPage
    if stem[0] == "glossary" and stem[-1].startswith("index."):
        return GlossaryPage
    return PageMeta


# Knowledge pages: they state what the sources say, so each must name its sources (see PageMeta).
KNOWLEDGE_SECTIONS = ("vision", "principles", "collaboration", "young-child", "resources", "glossary")


def needs_sources(src_uri: str) -> bool:
    """Whether a page must name its sources: knowledge pages and training modules (not the overview)."""
    stem = src_uri.split("/")
    return len(stem) > 1 and (stem[0] in KNOWLEDGE_SECTIONS or model_for(src_uri) is Module)


def _field_path(loc: tuple, data: dict) -> str:
    """Turn pydantic's location (('themes', 3, 'tips')) into a path an author can find."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            item_id = node[step].get("id") if isinstance(node, list) and isinstance(node[step], dict) else None
            parts[-1] += f"[{item_id!r}]" if item_id else f"[{step + 1}]"
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts)


def validate(meta: dict, src_uri: str, lang: str) -> PageMeta:
    """Validate one page's front matter; raise one ContentError naming the first problem."""
    model = model_for(src_uri)
    try:
        page = model.model_validate(meta)
    except ValidationError as error:
        first = error.errors()[0]
        problem = {
            "missing": "is required but missing",
            "extra_forbidden": f"is not a known field (allowed: {', '.join(model.model_fields)})",
        }.get(first["type"], first["msg"].removeprefix("Value error, "))
        raise ContentError(src_uri, lang, _field_path(first["loc"], meta), problem) from None
    if needs_sources(src_uri) and not page.sources:
        raise ContentError(src_uri, lang, "sources",
                           "is required on a knowledge page: name the source text(s) it is based on and which "
                           "part of each, e.g. sources: [{source: k2o-vision, part: \"...\"}] "
                           f"(source ids: {', '.join(SOURCE_IDS)})")
    _check_unique(((f"sources[{i}].source", ref.source) for i, ref in enumerate(page.sources, 1)),
                  src_uri, lang, "source")
    if isinstance(page, Module):
        _check_module_ids(page, src_uri, lang)
    if isinstance(page, GlossaryPage):
        _check_unique(((f"terms[{t.id!r}]", t.id) for t in page.terms), src_uri, lang, "id")
        _check_unique(((f"terms[{t.id!r}].term", t.term.lower()) for t in page.terms), src_uri, lang, "term")
    if isinstance(page, CollaborationPage):
        _check_unique(((f"themes[{t.id!r}]", t.id) for t in page.themes), src_uri, lang, "id")
    return page


def _check_module_ids(module: Module, src_uri: str, lang: str) -> None:
    expected = src_uri.split("/")[-1].split(".")[0]
    if module.id != expected:
        raise ContentError(src_uri, lang, "id", f"is {module.id!r} but must equal the file name {expected!r}")
    _check_unique(module.ids(), src_uri, lang, "id")
    _check_session_plan(module, src_uri, lang)


def _check_session_plan(module: Module, src_uri: str, lang: str) -> None:
    """The steps fill the module's time exactly, and each covers a part the module has."""
    total = sum(step.minutes for step in module.session_plan)
    if total != module.duration_minutes:
        raise ContentError(src_uri, lang, "session_plan",
                           f"the steps' minutes add up to {total}, but duration_minutes is "
                           f"{module.duration_minutes}: make them equal")
    known = {*STEP_PARTS, *(v.id for v in module.vignettes)}
    for i, step in enumerate(module.session_plan, 1):
        for part in step.covers:
            if part == "reading":
                raise ContentError(src_uri, lang, f"session_plan[{i}].covers",
                                   "'reading' is not a step of the session: participants read the module's text "
                                   "at home beforehand (see the training overview); look back on it in a step of "
                                   "kind 'key-points' instead")
            if part not in known:
                raise ContentError(src_uri, lang, f"session_plan[{i}].covers",
                                   f"{part!r} is not a case id of this module nor one of: {', '.join(STEP_PARTS)}")
    _check_skeleton(module, src_uri, lang)


def _check_skeleton(module: Module, src_uri: str, lang: str) -> None:
    """The one skeleton every session plan follows (issue 19); the first rule broken is reported."""
    plan = module.session_plan
    kinds = [step.kind for step in plan]

    def fail(field: str, problem: str) -> None:
        raise ContentError(src_uri, lang, field, problem)

    for kind in REQUIRED_KINDS:
        if kind not in kinds:
            fail("session_plan", f"has no step of kind '{kind}': every plan has the steps "
                                 f"{', '.join(REQUIRED_KINDS)} (a break too when it is longer than {BREAK_AFTER} minutes)")
    if kinds[0] != "welcome-and-objectives":
        fail("session_plan[1].kind", f"is '{kinds[0]}', but a plan starts with 'welcome-and-objectives'")
    if kinds[-1] != "closing":
        fail(f"session_plan[{len(plan)}].kind", f"is '{kinds[-1]}', but a plan ends with 'closing'")
    cases = [i for i, kind in enumerate(kinds) if kind == "case"]
    case_ids = {v.id for v in module.vignettes}
    for i in cases:
        if not case_ids & set(plan[i].covers):
            fail(f"session_plan[{i + 1}].covers", "a step of kind 'case' covers the case it works on: add its id "
                                                  f"({', '.join(sorted(case_ids))})")
    covered = {part for i in cases for part in plan[i].covers}
    for vignette in module.vignettes:
        if vignette.id not in covered:
            fail("session_plan", f"case {vignette.id!r} is in no step of kind 'case': give it one")
    if not any(kind == "reflection" for kind in kinds[cases[0] + 1:]):
        fail("session_plan", "has no step of kind 'reflection' after the first case: reflection is more than an "
                             "opener; put a reflection step after the case(s)")
    assessments = [i for i, kind in enumerate(kinds) if kind == "self-assessment"]
    if module.self_assessment_before_after:
        if not (assessments[0] < cases[0] and assessments[-1] > cases[-1]):
            fail("session_plan", "self_assessment_before_after is true: give the plan a step of kind "
                                 "'self-assessment' before the first case and another after the last case")
    elif len(assessments) > 1:
        fail("session_plan", f"has {len(assessments)} steps of kind 'self-assessment': for a before/after "
                             "set self_assessment_before_after: true, otherwise keep one")
    if module.duration_minutes > BREAK_AFTER and "break" not in kinds:
        fail("session_plan", f"has no step of kind 'break': a session of {module.duration_minutes} minutes "
                             f"(longer than {BREAK_AFTER}) needs one")


def _check_unique(pairs, src_uri: str, lang: str, what: str) -> None:
    seen: dict[str, str] = {}
    for field, value in pairs:
        if value in seen:
            raise ContentError(src_uri, lang, field, f"{what} {value!r} is used twice (first in {seen[value]})")
        seen[value] = field


def check_same_structure(source: PageMeta, source_uri: str, source_lang: str,
                         translation: PageMeta, src_uri: str, lang: str) -> None:
    """Raise at the first id, order or count in which a translation differs from its source."""
    pairs = zip_longest(source.structure(), translation.structure(), fillvalue=(None, None))
    for (source_field, expected), (field, found) in pairs:
        if (source_field, expected) != (field, found):
            found_text = "missing" if field is None else repr(found)
            expected_text = "nothing" if source_field is None else repr(expected)
            raise ContentError(src_uri, lang, field or source_field,
                               f"is {found_text} but {expected_text} in the {source_lang} version docs/{source_uri}: "
                               "ids, their order and the number of items must be the same in every language")
