"""MkDocs hooks for Verbindend werken: a thin dispatcher from MkDocs events to small functions.

mkdocs-static-i18n builds the default language first and then every other
language in turn, running all these events once per language. The current
build's language is `config.theme.language`.

Author mistakes are reported as one warning naming file, field and language.
`mkdocs build --strict` (as CI and the tests run it) turns any warning into a
failed build; the live preview keeps serving and shows the error on the page.
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from hooks import fragment_cache, glossary, interface_texts, pdf, render, site_fixes, slides, sources  # noqa: E402
from hooks import source_texts, translations, typography, workshop  # noqa: E402
from hooks.content_model import (  # noqa: E402
    CollaborationPage, ContentError, GlossaryPage, Module, check_same_structure)

log = logging.getLogger("mkdocs.plugins.verbindend")
LABELS_DIR = Path(__file__).resolve().parent / "labels"
GLOSSARY_PAGE = "glossary/index"
TRAINING_OVERVIEW = "training/index"
HANDOUTS_PAGE = "handouts/index"
AUTHORS_PAGE = "authors/index"
COLLABORATION_PAGE = "collaboration/index"
PORTFOLIO_PAGE = "portfolio/index"
HOME_PAGE = "index"
GROUP_SUMMARY_PAGE = "handouts/group-summary"

_nav = None
_not_found_pages: dict[str, str] = {}
# Search: every language's build writes its index to the site root, and mkdocs-static-i18n
# finally overwrites it with a merge of all languages. Each other language's index is moved
# under /<lang>/, where its pages look (the `config` block in overrides/main.html); the
# default language's own index is kept here before the merge and put back after it.
_default_search_index: list[bytes] = []
_printed: dict[str, list[pdf.Printed]] = {}  # the current build's PDFs, by language
_env = None  # the templates shared by every page and PDF
_decks: dict[str, dict[str, str]] = {}  # the current build's slide decks: language -> {site path: HTML}
_zips: dict[str, pdf.Bundle] = {}       # per language: every PDF of that language in one zip


# --- small helpers --------------------------------------------------------

def build_language(config) -> str:
    return config.theme["language"]


def i18n_languages(config) -> tuple[str, list[str]]:
    """(default language, every configured language) from mkdocs-static-i18n's settings."""
    languages = config.plugins["i18n"].config.languages
    default = next(lang.locale for lang in languages if lang.default)
    return default, [lang.locale for lang in languages]


def load_labels(default: str, languages: list[str]) -> dict[str, dict]:
    """Interface texts per language; every language must translate every key of the default."""
    labels = {}
    for lang in languages:
        path = LABELS_DIR / f"{lang}.yml"
        if not path.exists():
            raise PluginError(f"hooks/labels/{lang}.yml [{lang}]: interface texts missing: "
                              f"copy hooks/labels/{default}.yml and translate it")
        texts = yaml.load(path.read_text(encoding="utf-8"), Loader=sources.YAML_LOADER)
        labels[lang] = typography.polish_labels(texts, lang)
    for lang, texts in labels.items():
        missing = sorted(set(labels[default]) - set(texts))
        if missing:
            raise PluginError(f"hooks/labels/{lang}.yml [{lang}]: field '{missing[0]}' is required but missing")
    return labels


def base_uri(src_uri: str) -> str:
    """'training/x.en.md' -> 'training/x'."""
    return src_uri.rsplit(".", 2)[0] if sources.LANG_SUFFIX.search(src_uri) else src_uri[:-3]


def load_translation(config, base: str, lang: str) -> tuple:
    """(validated model, file) of `base` in `lang`, falling back to the default language."""
    default, _ = i18n_languages(config)
    for candidate in (f"{base}.{lang}.md", f"{base}.{default}.md"):
        path = Path(config.docs_dir) / candidate
        if path.exists():
            return sources.load(config.docs_dir, candidate, default)[0], path
    return None, None


def language_prefix(config, lang: str) -> str:
    default, _ = i18n_languages(config)
    return "" if lang == default else f"{lang}/"


def section_url(config, lang: str, section: str, page: Page) -> str:
    """Relative address of a section's index page ('portfolio') from `page`, also in the offline bundle."""
    return get_relative_url(language_prefix(config, lang) + page_address(config, f"{section}/index"), page.url)


def template_env(config):
    """One template environment for the whole build (every language): compiling is slow.
    Jinja reloads a template whose file changed, so the live preview stays current."""
    global _env
    if _env is None:
        _env = config.theme.get_env()
        _env.bytecode_cache = fragment_cache.compiled_templates()
        _env.filters["markdown"] = render.markdown_filter(config.markdown_extensions, config.mdx_configs)
    return _env


@functools.lru_cache(maxsize=1)
def version_date() -> str:
    """The site's version: the date of the last commit (stable between rebuilds), else today."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=LABELS_DIR.parent.parent,
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:
        out = ""
    return out or datetime.date.today().isoformat()


def module_bases(config) -> list[str]:
    """'training/<id>' for every module, from the default language's files, in the onboarding route's order."""
    default, _ = i18n_languages(config)
    folder = Path(config.docs_dir, "training")
    bases = sorted(f"training/{p.name.removesuffix(f'.{default}.md')}" for p in folder.glob(f"*.{default}.md")
                   if not p.name.startswith("index."))
    return workshop.in_route_order(bases, folder / f"index.{default}.md")


def page_address(config, base: str) -> str:
    """Address of a page within its language: 'vision/index' -> 'vision/', 'vision/x' -> 'vision/x/'."""
    if not config.use_directory_urls:
        return f"{base}.html"
    if base == "index" or base.endswith("/index"):
        return base.removesuffix("index")
    return f"{base}/"


def related_links(config, module: Module, lang: str, from_url: str | None = None) -> list[dict]:
    """A module's `related` pages as {title, href}, titled in `lang`: addressed relative to the module
    page at `from_url`, or absolute (for the printed handout) when it is None."""
    links = []
    for path in module.related:
        base, anchor = sources.related_page(path), path.partition("#")[2]
        try:
            target, _ = load_translation(config, base, lang)
        except ContentError:
            target = None  # reported with that page itself
        url = language_prefix(config, lang) + page_address(config, base)
        href = get_relative_url(url, from_url) if from_url is not None else f"{config.site_url or '/'}{url}"
        links.append({"title": target.title if target else base, "href": href + (f"#{anchor}" if anchor else "")})
    return links


def source_links(config, model, lang: str, from_url: str | None = None) -> list[dict]:
    """A page's `sources` as {id, title, part, href}: each links to its description on the resources page,
    relative to the page at `from_url`, or absolute (for a printed handout) when it is None."""
    url = language_prefix(config, lang) + page_address(config, source_texts.RESOURCES_PAGE)
    href = get_relative_url(url, from_url) if from_url is not None else f"{config.site_url or '/'}{url}"
    links = []
    for ref in model.sources:
        text = source_texts.BY_ID[ref.source]
        links.append({"id": ref.source, "title": text.in_language("title", lang), "part": ref.part,
                      "href": f"{href}#{text.anchor}"})
    return links


def source_text_sections(config, lang: str, from_url: str) -> list[dict]:
    """The five source texts for the resources page, each with the pages (in `lang`) based on it."""
    default, _ = i18n_languages(config)
    used_by: dict[str, list[dict]] = {text.id: [] for text in source_texts.SOURCE_TEXTS}
    for path in sorted(Path(config.docs_dir).rglob(f"*.{default}.md")):
        base = base_uri(path.relative_to(config.docs_dir).as_posix())
        try:
            model, _ = load_translation(config, base, lang)
        except ContentError:
            continue  # reported with that page itself
        href = get_relative_url(language_prefix(config, lang) + page_address(config, base), from_url)
        for ref in model.sources:
            used_by[ref.source].append({"title": model.title, "href": href})
    return [{"anchor": text.anchor, "title": text.in_language("title", lang),
             "description": text.in_language("description", lang), "pages": used_by[text.id]}
            for text in source_texts.SOURCE_TEXTS]


def handouts_for(config, lang: str) -> list[pdf.Handout]:
    """Every PDF of one language, described by its inputs; its HTML is rendered only on a cache miss."""
    env, ui, version = template_env(config), config.extra["labels"][lang], version_date()
    site = config.site_url or "/"
    handouts = []
    labels = LABELS_DIR / f"{lang}.yml"
    for base in module_bases(config):
        try:
            module, source = load_translation(config, base, lang)
        except ContentError:
            continue  # reported with the page itself
        url = f"{site}{language_prefix(config, lang)}{base}/"
        handouts += pdf.module_handouts(env, module, ui, lang, url, version, (source, labels),
                                        related_links(config, module, lang), source_links(config, module, lang))
    try:
        collaboration, source = load_translation(config, COLLABORATION_PAGE, lang)
    except ContentError:
        collaboration = None
    if isinstance(collaboration, CollaborationPage):
        url = f"{site}{language_prefix(config, lang)}collaboration/"
        handouts += pdf.collaboration_handouts(env, collaboration, ui, lang, url, version, (source, labels),
                                               source_links(config, collaboration, lang))
    return handouts


def decks_for(config, lang: str) -> dict[str, str]:
    """Every module's slide deck in one language: {path in the site: HTML}, reused while its inputs stay."""
    env, ui, prefix = template_env(config), config.extra["labels"][lang], language_prefix(config, lang)
    default, _ = i18n_languages(config)
    decks = {}
    for base in module_bases(config):
        try:
            module, source = load_translation(config, base, lang)
            body = sources.load(config.docs_dir, Path(source).relative_to(config.docs_dir).as_posix(), default)[1]
        except ContentError:
            continue  # reported with the page itself
        path = slides.deck_path(module.id, prefix)
        module_url = get_relative_url(prefix + page_address(config, base), path)
        polish, _ = typography.for_language(lang)
        decks[path] = fragment_cache.cached(
            (*slides.RENDERER_FILES, *typography.SOURCE_FILES, source, LABELS_DIR / f"{lang}.yml", lang, path,
             module_url),
            lambda: polish(slides.render_deck(env, module, body, ui, lang, path, module_url)))
    return decks


def write_speaker_view(config, lang: str) -> None:
    """reveal.js's notes plugin with its speaker view in this language, beside the language's decks."""
    plugin = slides.NOTES_PLUGIN.read_text(encoding="utf-8")
    try:
        plugin = slides.speaker_view_plugin(plugin, config.extra["labels"][lang], lang)
    except ValueError as error:
        log.warning(str(error))  # the English speaker view still works
    Path(config.site_dir, slides.speaker_view_path(language_prefix(config, lang))).write_text(plugin, encoding="utf-8")


def downloads(config, page: Page, lang: str, printed: list[pdf.Printed]) -> list[dict]:
    ui = config.extra["labels"][lang]
    labels = {"checklist": ui["checklist_pdf"], "learner": ui["handout_pdf"], "facilitator": ui["facilitator_pdf"],
              "workshop-pack": ui["workshop_pack_pdf"], "collaboration": ui["collaboration_handout"],
              "worksheets": ui["worksheets_pdf"]}
    folder = language_prefix(config, lang) + "handouts/"
    return [{"href": get_relative_url(folder + p.handout.file_name, page.url), "pages": p.pages,
             "kilobytes": max(1, round(p.size / 1024)), "label": labels[p.handout.kind],
             "group": p.handout.group, "module": p.handout.module} for p in printed]


def slides_link(config, page: Page, lang: str, module_id: str) -> dict:
    href = get_relative_url(slides.deck_path(module_id, language_prefix(config, lang)), page.url)
    return {"href": href, "label": config.extra["labels"][lang]["slides"]}


def report(error: ContentError) -> None:
    log.warning(str(error))


def error_page(error: ContentError, raw: bytes) -> str:
    """What the live preview shows for a broken page: the message on top, then the author's text as
    far as it can be read (so links to its sections keep working and nothing else breaks)."""
    text = raw.decode("utf-8", errors="replace")
    match = sources.FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    if not body.lstrip().startswith("# "):
        body = f"# {Path(error.path).name}\n\n{body}"
    heading, _, rest = body.lstrip().partition("\n")
    return (f"---\ndescription: 'This page has an error that its author must fix.'\n---\n\n{heading}\n\n"
            f"!!! failure \"docs/{error.path} [{error.lang}]\"\n\n    {error}\n{rest}")


# --- events ---------------------------------------------------------------

def on_config(config):
    default, languages = i18n_languages(config)
    config.extra["labels"] = load_labels(default, languages)
    if os.environ.get("VW_OFFLINE"):
        site_fixes.configure_offline(config)
    return config


def on_pre_build(config):
    """Keep the default language's search index once it is complete (another language starts),
    and print this language's handouts, which its pages list with their sizes."""
    default, _ = i18n_languages(config)
    index = site_fixes.search_index_path(config.site_dir)
    lang = build_language(config)
    if lang == default:
        _default_search_index.clear()
    elif not _default_search_index and index.exists():
        _default_search_index.append(index.read_bytes())
    printed, rendered = pdf.print_all(handouts_for(config, lang))
    _printed[lang] = printed
    _zips[lang] = pdf.zip_all(printed, f"verbindend-werken-handouts-{lang}.zip")
    _decks[lang] = decks_for(config, lang)
    log.info(f"PDF handouts [{lang}]: {rendered} rendered, {len(printed) - rendered} from cache")


def on_files(files, config):
    """Warn for every page of the default language that the language being built lacks, and (once)
    for modules that still hold the placeholder texts of `make new-module`: previewable, never published."""
    default, _ = i18n_languages(config)
    lang = build_language(config)
    if lang == default:
        unfinished = sources.placeholders(config.docs_dir)
        if unfinished:
            log.warning(f"placeholder texts from `make new-module` are still in {', '.join(unfinished)}: "
                        f"replace every '{sources.PLACEHOLDER}' with your own text before publishing")
        return files
    present = {f.src_uri for f in files.documentation_pages()}
    for src in sorted(present):
        if src.endswith(f".{default}.md") and f"{base_uri(src)}.{lang}.md" not in present:
            report(ContentError(f"{base_uri(src)}.{lang}.md", lang, None,
                                f"page missing: translate {src}; until then visitors see the Dutch text"))
    return files


def on_env(env, config, files):
    """Globals for Material's own templates (404 page, search base), compiled once for every build;
    our partials use template_env."""
    default, _ = i18n_languages(config)
    lang = build_language(config)
    env.bytecode_cache = fragment_cache.compiled_templates()
    env.globals["ui"] = config.extra["labels"][lang]
    env.filters["interface_texts"] = interface_texts.page_texts
    env.globals["language_root"] = "" if lang == default else f"/{lang}"
    localise_palette_toggle(config, config.extra["labels"][lang])
    return env


def localise_palette_toggle(config, ui: dict) -> None:
    """The colour-scheme toggle's names are label keys in mkdocs.yml: give them this language's text."""
    for option in config.theme["palette"]:
        toggle = option.get("toggle")
        if not toggle:
            continue
        toggle["key"] = toggle.get("key") or toggle["name"]
        toggle["name"] = ui[toggle["key"]]


def on_post_template(output: str, template_name: str, config):
    """Every language renders 404.html to the same place; keep each to write it to its own folder."""
    if template_name == "404.html":
        polish, _ = typography.for_language(build_language(config))
        output = site_fixes.mark_current_language(site_fixes.valid_theme_markup(output), build_language(config))
        output = _not_found_pages[build_language(config)] = polish(output)
    return output


@event_priority(-200)
def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_page_read_source(page: Page, config):
    default, _ = i18n_languages(config)
    src = page.file.src_uri
    try:
        model, _ = sources.load(config.docs_dir, src, default)
        lang = sources.language_of(src, default)
        if lang != default and hasattr(model, "structure"):
            _check_against_default(config, src, lang, model, default)
    except ContentError as error:
        report(error)
        return error_page(error, Path(page.file.abs_src_path).read_bytes())
    return Path(page.file.abs_src_path).read_bytes().decode("utf-8-sig")


def _check_against_default(config, src: str, lang: str, model, default: str) -> None:
    source_uri = f"{base_uri(src)}.{default}.md"
    if not (Path(config.docs_dir) / source_uri).exists():
        return
    try:
        source, _ = sources.load(config.docs_dir, source_uri, default)
    except ContentError:
        return  # reported when the default language is built
    check_same_structure(source, source_uri, default, model, src, lang)


def on_page_markdown(markdown: str, page: Page, config, files):
    default, _ = i18n_languages(config)
    lang = build_language(config)
    if sources.language_of(page.file.src_uri, default) != lang:
        notice = config.extra["labels"][lang]["not_translated"]
        return f'!!! warning "{lang.upper()}"\n\n    {notice}\n\n{markdown}'
    return markdown


def on_page_content(html: str, page: Page, config, files):
    default, _ = i18n_languages(config)
    lang = build_language(config)
    ui = config.extra["labels"][lang]
    html = site_fixes.localise_permalinks(site_fixes.label_task_items(html), ui["permalink"])
    try:
        model, _ = sources.load(config.docs_dir, page.file.src_uri, default)
    except ContentError:
        return html  # already reported; the page shows the error
    env = template_env(config)
    toc = page.toc.items[0].children if page.toc.items else []
    printed = _printed.get(lang, [])
    if isinstance(model, Module):
        page.toc.items[0].children = render.module_toc(model, toc, ui)
        own = downloads(config, page, lang, [p for p in printed if p.handout.module == model.id])
        deck = slides_link(config, page, lang, model.id)
        related = related_links(config, model, lang, page.url)
        body = html
        portfolio_url = section_url(config, lang, "portfolio", page)
        cited = source_links(config, model, lang, page.url)
        html = fragment_cache.cached(
            (*pdf.RENDERER_FILES, Path(render.__file__), Path(page.file.abs_src_path), LABELS_DIR / f"{lang}.yml",
             body, repr(own), repr(deck), repr(related), portfolio_url, repr(cited)),
            lambda: render.module_page(env, model, body, ui, own, deck, related, portfolio_url, cited))
    elif isinstance(model, CollaborationPage):
        page.toc.items[0].children = render.sources_toc(render.collaboration_toc(model, toc), ui)
        html = render.collaboration_page(env, model, html, ui, config.use_directory_urls)
        html += render.sources_block(env, source_links(config, model, lang, page.url), ui,
                                     ui["own_additions_collaboration"].replace("{own_tips}", ui["own_tips"]))
    elif isinstance(model, GlossaryPage):
        html = render.glossary_page(env, model, html, ui, lang)
    elif base_uri(page.file.src_uri) == TRAINING_OVERVIEW:
        html = render.training_overview(env, _modules_in_nav(config, page), html, ui)
    elif base_uri(page.file.src_uri) == PORTFOLIO_PAGE:
        html = render.portfolio(env, _modules_in_nav(config, page), html, ui)
    elif base_uri(page.file.src_uri) == HANDOUTS_PAGE:
        html = render.handout_list(env, _handout_groups(config, page, lang, printed), html, _zip_link(config, page, lang))
    elif base_uri(page.file.src_uri) == GROUP_SUMMARY_PAGE:
        html = render.group_summary(env, workshop.summary_modules(_modules_of(config, lang)), html, ui)
    elif base_uri(page.file.src_uri) == HOME_PAGE:
        html = render.home_page(env, html, ui)
    elif base_uri(page.file.src_uri) == AUTHORS_PAGE:
        html = render.translation_status(env, translations.status(Path(config.docs_dir)), html, ui)
    if base_uri(page.file.src_uri) == source_texts.RESOURCES_PAGE:
        html = render.source_texts(env, source_text_sections(config, lang, page.url), html, ui)
    if model.sources and not isinstance(model, (Module, CollaborationPage)):
        if page.toc.items:
            page.toc.items[0].children = render.sources_toc(
                page.toc.items[0].children, ui, base_uri(page.file.src_uri) == source_texts.RESOURCES_PAGE)
        html += render.sources_block(env, source_links(config, model, lang, page.url), ui)
    # Generated sections are link targets too: let MkDocs' anchor check know them.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | render.anchor_ids(html)
    return html


@event_priority(-200)
def on_page_context(context, page: Page, config, nav):
    """Language menu: link each translation of this page by a relative address. mkdocs-static-i18n
    leaves the home pages' links absolute ('/en/'), which breaks from file:// or a sub-folder."""
    alternates = getattr(page.file, "alternates", {})
    # mkdocs-static-i18n sets the menu as an attribute of `extra` (what the templates read), not as a key
    for item in getattr(config.extra, "alternate", None) or []:
        if item["lang"] in alternates:
            item["link"] = alternates[item["lang"]].url
    return context


def _split_glossary_search_results(config, lang: str) -> None:
    try:
        glossary_page, _ = load_translation(config, GLOSSARY_PAGE, lang)
    except ContentError:
        return  # reported with the page
    if isinstance(glossary_page, GlossaryPage):
        location = "glossary/" if config.use_directory_urls else "glossary/index.html"
        site_fixes.split_glossary_in_search_index(config.site_dir, language_prefix(config, lang), location,
                                                  glossary_page.terms)


def _handout_groups(config, page: Page, lang: str, printed: list[pdf.Printed]) -> list[dict]:
    """The handouts page: one group per module (titled by the module, in the onboarding route's order,
    with its slides), then the collaboration tips and worksheets."""
    groups: dict[str, dict] = {}
    for item in downloads(config, page, lang, printed):
        group = groups.setdefault(item["group"], {"id": f"handouts-{len(groups) + 1}", "title": item["group"],
                                                  "downloads": [], "slides": None})
        group["downloads"].append(item)
        if item["module"]:
            group["slides"] = slides_link(config, page, lang, item["module"])
    return list(groups.values())


def _zip_link(config, page: Page, lang: str) -> dict | None:
    bundle = _zips.get(lang)
    if bundle is None:
        return None
    href = get_relative_url(language_prefix(config, lang) + "handouts/" + bundle.file_name, page.url)
    return {"href": href, "label": config.extra["labels"][lang]["all_pdfs_zip"],
            "kilobytes": max(1, round(bundle.size / 1024))}


def _modules_of(config, lang: str) -> list[Module]:
    """Every module in one language, in the onboarding route's order (modules with errors left out)."""
    modules = []
    for base in module_bases(config):
        try:
            module, _ = load_translation(config, base, lang)
        except ContentError:
            continue
        modules.append(module)
    return modules


def _modules_in_nav(config, overview: Page) -> list[tuple[str, Module]]:
    default, _ = i18n_languages(config)
    modules = []
    for page in _nav.pages if _nav else []:
        try:
            model, _ = sources.load(config.docs_dir, page.file.src_uri, default)
        except ContentError:
            continue
        if isinstance(model, Module):
            modules.append((get_relative_url(page.url, overview.url), model))
    return modules


def on_post_page(output: str, page: Page, config):
    """Valid markup for the theme's parts, glossary tooltips, then the language's typography (French
    spacing and apostrophes): added last, so that search results are not filled with definitions."""
    lang = build_language(config)
    output = _with_glossary_tooltips(site_fixes.mark_current_language(site_fixes.valid_theme_markup(output), lang),
                                     page, config)
    if not typography.has_rules(lang):
        return output
    polish, _ = typography.for_language(lang)
    return fragment_cache.cached((*typography.SOURCE_FILES, lang, output), lambda: polish(output))


def _with_glossary_tooltips(output: str, page: Page, config) -> str:
    if base_uri(page.file.src_uri) == GLOSSARY_PAGE:
        return output
    default, _ = i18n_languages(config)
    lang = build_language(config)
    try:
        terms, glossary_file = load_translation(config, GLOSSARY_PAGE, lang)
    except ContentError:
        return output
    if not isinstance(terms, GlossaryPage):
        return output
    span = glossary.article_span(output)
    if not span:
        return output
    article = output[span[0]:span[1]]
    glossary_url = section_url(config, lang, "glossary", page)
    more = config.extra["labels"][lang]["glossary_entry_link"]
    annotated = fragment_cache.cached(  # keyed by the article alone: the navigation grows with the site
        (*glossary.SOURCE_FILES, glossary_file, glossary_url, more, article),
        lambda: glossary.annotate_article(article, terms.terms, glossary_url, more))
    return output[:span[0]] + annotated + output[span[1]:]


@event_priority(-200)
def on_post_build(config):
    """After mkdocs-static-i18n has written the last language (its own hook runs at -100)."""
    default, languages = i18n_languages(config)
    if not site_fixes.patch_alternate_fetch(config.site_dir):
        log.warning("Material's bundle changed: hooks/site_fixes.py cannot switch off its sitemap look-ups")
    if not site_fixes.patch_search_folding(config.site_dir):
        log.warning("Material's search worker changed: hooks/site_fixes.py cannot make search ignore accents")
    if build_language(config) != default and config.plugins["i18n"].building:
        site_fixes.move_search_index(config.site_dir, build_language(config))
    if not config.plugins["i18n"].building:  # the outer build: every language is written now
        for lang, printed in _printed.items():
            folder = Path(config.site_dir, language_prefix(config, lang), "handouts")
            folder.mkdir(parents=True, exist_ok=True)
            for item in printed:
                shutil.copyfile(item.path, folder / item.handout.file_name)
            if lang in _zips:
                shutil.copyfile(_zips[lang].path, folder / _zips[lang].file_name)
        for lang, decks in _decks.items():
            for path, html in decks.items():
                target = Path(config.site_dir, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(html, encoding="utf-8")
            if decks:
                write_speaker_view(config, lang)
        if _default_search_index:
            site_fixes.restore_search_index(config.site_dir, _default_search_index[0], default)
        for lang in languages:
            _split_glossary_search_results(config, lang)
        if os.environ.get("VW_OFFLINE"):
            for lang in languages:
                site_fixes.inline_search_index(config.site_dir, language_prefix(config, lang))
        for lang, html in _not_found_pages.items():
            Path(config.site_dir, "" if lang == default else lang, "404.html").write_text(html, encoding="utf-8")
        site_fixes.write_security_headers(config.site_dir)  # last: it hashes the inline scripts of every page
