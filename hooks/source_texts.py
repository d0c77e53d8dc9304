"""The five source texts the site is built from (../shared/seeds/): one stable id each, in one place.

A page's `sources` field names them by these ids (`sources: [{source: k2o-vision, part: "..."}]`).
The ids are the same in every language; the title and a one-line description are given per
language here and shown on the resources page, where each source has the anchor `source-<id>`.
French is written with ordinary spaces and straight apostrophes: the build sets its typography.
"""

from __future__ import annotations

from dataclasses import dataclass

RESOURCES_PAGE = "resources/index"


@dataclass(frozen=True)
class SourceText:
    id: str
    file: str                      # the file in ../shared/seeds/
    title: dict[str, str]          # per language
    description: dict[str, str]    # per language: who wrote it and what it covers

    @property
    def anchor(self) -> str:
        """Its section on the resources page: 'source-k2o-vision'."""
        return f"source-{self.id}"

    def in_language(self, field: str, lang: str, default: str = "nl") -> str:
        texts = getattr(self, field)
        return texts.get(lang) or texts.get("en") or texts[default]


SOURCE_TEXTS: tuple[SourceText, ...] = (
    SourceText(
        "k2o-vision", "000_56f6426cf8c83e85.txt",
        {"nl": "K2O: missie, visie en uitgangspunten",
         "en": "K2O: mission, vision and principles",
         "fr": "K2O : mission, vision et principes"},
        {"nl": "De missie en visie van K2O: een kind ontwikkelt zich in relatie met een betekenisvolle "
               "volwassene; elk kind, elke ouder en elke opvoeding is uniek; in een pleeggezin of gezinshuis "
               "moeten meerdere volwassenen op elkaar afstemmen. Met vijf uitgangspunten.",
         "en": "K2O's mission and vision: a child develops in a relationship with a meaningful adult; every "
               "child, every parent and every upbringing is unique; in a foster family or family-style group "
               "home several adults must attune to each other. With five principles.",
         "fr": "La mission et la vision de K2O : un enfant se développe dans la relation avec un adulte qui "
               "compte pour lui ; chaque enfant, chaque parent et chaque éducation est unique ; en famille d'accueil ou en maison familiale, plusieurs adultes doivent s'accorder. Avec cinq "
               "principes."}),
    SourceText(
        "kindopweg-principles", "001_6d0d67ce7e2aa087.txt",
        {"nl": "KindOpWeg: uitgangspunten en kernbegrippen",
         "en": "KindOpWeg: principles and key concepts",
         "fr": "KindOpWeg : principes et notions clés"},
        {"nl": "De uitgangspunten van KindOpWeg voor opvoedingsondersteuning in de vorm van counseling: over "
               "opvoeding, over werken met ouders en kinderen, over goede ondersteuning, en de kernbegrippen "
               "(laagdrempelig, vraaggericht, op maat, empowerment, methodisch werken).",
         "en": "KindOpWeg's principles for parenting support in the form of counselling: on upbringing, on "
               "working with parents and children, on good support, and its key concepts (low-threshold, "
               "demand-led, tailored, empowerment, methodical work).",
         "fr": "Les principes de KindOpWeg pour le soutien à la parentalité sous forme de counseling : "
               "l'éducation, le travail avec les parents et les enfants, le bon soutien, et ses notions clés "
               "(accès facile, partir de la demande, sur mesure, empowerment, travail méthodique)."}),
    SourceText(
        "collaboration-sheet", "002_ccde73df84dbe693.txt",
        {"nl": "Hoe werken ouders, verzorgers en professionals beter samen met en voor het kind?",
         "en": "How do parents, carers and professionals work better together with and for the child?",
         "fr": "Comment les parents, les personnes qui prennent soin de l'enfant et les professionnels "
               "collaborent-ils mieux avec et pour l'enfant ?"},
        {"nl": "Tips over samenwerken in tien thema's, uit interviews en workshops met ouders, verzorgers, "
               "jongeren en professionals (Met Andere Ogen Doen-dag 2022), met korte uitspraken en lege regels "
               "voor wat een team wil toevoegen.",
         "en": "Tips on collaboration in ten themes, from interviews and workshops with parents, carers, young "
               "people and professionals (Met Andere Ogen Doen day 2022), with short quotes and empty lines for "
               "what a team wants to add.",
         "fr": "Des conseils pour collaborer en dix thèmes, issus d'entretiens et d'ateliers avec des parents, "
               "des personnes qui prennent soin d'enfants, des jeunes et des professionnels (journée Met Andere "
               "Ogen Doen 2022), avec de courtes citations et des lignes vides pour ce qu'une équipe veut ajouter."}),
    SourceText(
        "levensruimte-vision", "003_0c9fde5b136637b8.txt",
        {"nl": "Huize Levensruimte: visie en dialoogmodel",
         "en": "Huize Levensruimte: vision and dialogue model",
         "fr": "Huize Levensruimte : vision et modèle du dialogue"},
        {"nl": "De visie van Huize Levensruimte: het herstel van het gewone gezinsleven, de ruimere context van "
               "het gezin, de persoonlijke aanpak en het dialoogmodel met twee niveaus, basisklimaat en "
               "begeleiding.",
         "en": "The vision of Huize Levensruimte: restoring ordinary family life, the family's wider context, the "
               "personal approach and the dialogue model with two levels, basic climate and guidance.",
         "fr": "La vision de Huize Levensruimte : le retour à une vie de famille ordinaire, le contexte plus large "
               "de la famille, l'approche personnelle et le modèle du dialogue à deux niveaux, le climat de base "
               "et l'accompagnement."}),
    SourceText(
        "young-child-care", "004_75348aabc94c031e.txt",
        {"nl": "Leidende principes voor een zorgtraject voor een jong kind en zijn gezin (Vlaanderen)",
         "en": "Guiding principles for a care trajectory for a young child and their family (Flanders)",
         "fr": "Principes directeurs pour le parcours d'aide d'un jeune enfant et de sa famille (Flandre)"},
        {"nl": "Vlaamse leidende principes voor de zorg rond een jong kind (van de zwangerschap tot 3 jaar) en "
               "zijn gezin: vier soorten behoeften, indicatiestelling, vormen van zorg en samenwerking. Met een "
               "lijst brochures van de integrale jeugdhulp en hun talen.",
         "en": "Flemish guiding principles for care around a young child (from pregnancy to age 3) and their "
               "family: four kinds of needs, indication, forms of care and cooperation. With a list of brochures "
               "of Flemish integrated youth care and their languages.",
         "fr": "Des principes directeurs flamands pour l'aide autour d'un jeune enfant (de la grossesse à "
               "3 ans) et de sa famille : quatre sortes de besoins, indication, formes d'aide et coopération. "
               "Avec une liste de brochures de l'aide intégrale à la jeunesse et leurs langues."}),
)

BY_ID: dict[str, SourceText] = {source.id: source for source in SOURCE_TEXTS}
SOURCE_IDS: tuple[str, ...] = tuple(BY_ID)
