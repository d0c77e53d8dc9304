"""MkDocs hooks for Verbindend werken: a thin dispatcher from MkDocs events to the build's outputs.

mkdocs-static-i18n builds the default language first and then every other language in turn, running
all these events once per language with the same configuration. The state of one build (every
language) is one `Build` (hooks/build.py), made at the first `on_config` and kept on the configuration;
each output (handouts, slides, search index, glossary tooltips, generated pages) is its own module.

Author mistakes are reported as one warning naming file, field and language. `mkdocs build --strict`
(as CI and the tests run it) turns any warning into a failed build; the live preview keeps serving and
shows the error on the page.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from hooks import fragment_cache, glossary, interface_texts, page_kinds, site_fixes, sources, typography  # noqa: E402
from hooks.build import CONFIG_KEY, Build  # noqa: E402
from hooks.content_model import ID_PATTERN, ContentError  # noqa: E402

log = logging.getLogger("mkdocs.plugins.verbindend")


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


def on_config(config):
    """The first language's build makes the Build; the others find it on the configuration."""
    if os.environ.get("VW_OFFLINE"):
        site_fixes.configure_offline(config)
    if not config.plugins["i18n"].building:
        config[CONFIG_KEY] = Build(config)
    return config


def on_pre_build(config):
    """The first language starts rendering every language's handouts, which the pages list with their
    sizes; each language makes its slide decks, which its pages link."""
    build = Build.of(config)
    build.search.before_language(config.site_dir, build.language)
    if not config.plugins["i18n"].building:
        build.handouts.start(config.plugins["i18n"].build_languages)
    build.decks.make(build.language)


def on_files(files, config):
    """Warn for every page of the default language that the language being built lacks, and (once)
    for modules that still hold the placeholder texts of `make new-module`: previewable, never published."""
    build = Build.of(config)
    default, lang = build.catalogue.default, build.language
    if lang == default:
        unfinished = sources.placeholders(config.docs_dir)
        if unfinished:
            log.warning(f"placeholder texts from `make new-module` are still in {', '.join(unfinished)}: "
                        f"replace every '{sources.PLACEHOLDER}' with your own text before publishing")
        return files
    for error in sources.missing_translations({f.src_uri for f in files.documentation_pages()}, default, lang):
        log.warning(str(error))
    return files


def on_env(env, config, files):
    """Globals for Material's own templates (404 page, search base), compiled once for every build;
    our partials use the Build's environment."""
    build = Build.of(config)
    ui = build.labels[build.language]
    env.bytecode_cache = build.env.bytecode_cache
    env.globals["ui"] = ui
    env.globals["id_pattern"] = ID_PATTERN
    env.filters["interface_texts"] = interface_texts.page_texts  # each page carries only its components' texts
    env.globals["language_root"] = "/" + build.catalogue.prefix(build.language).rstrip("/") if \
        build.language != build.catalogue.default else ""
    for option in config.theme["palette"]:  # the colour-scheme toggle's names are label keys in mkdocs.yml
        toggle = option.get("toggle")
        if toggle:
            toggle["key"] = toggle.get("key") or toggle["name"]
            toggle["name"] = ui[toggle["key"]]
    return env


def on_post_template(output: str, template_name: str, config):
    """Every language renders 404.html to the same place; keep each to write it to its own folder."""
    if template_name == "404.html":
        build = Build.of(config)
        polish, _ = typography.for_language(build.language)
        output = site_fixes.mark_current_language(site_fixes.valid_theme_markup(output), build.language)
        output = build.not_found_pages[build.language] = polish(output)
    return output


def on_page_read_source(page: Page, config):
    raw = Path(page.file.abs_src_path).read_bytes()
    try:
        sources.check_page(config.docs_dir, page.file.src_uri, Build.of(config).catalogue.default)
    except ContentError as error:
        log.warning(str(error))
        return error_page(error, raw)
    return raw.decode("utf-8-sig")


def on_page_markdown(markdown: str, page: Page, config, files):
    build = Build.of(config)
    if sources.language_of(page.file.src_uri, build.catalogue.default) != build.language:
        notice = build.labels[build.language]["not_translated"]
        return f'!!! warning "{build.language.upper()}"\n\n    {notice}\n\n{markdown}'
    return markdown


def on_page_content(html: str, page: Page, config, files):
    build = Build.of(config)
    try:
        model, _ = sources.load(config.docs_dir, page.file.src_uri, build.catalogue.default)
    except ContentError:
        model = None  # already reported; the page shows the error
    return page_kinds.render_content(build, model, sources.base_of(page.file.src_uri), page, html, build.language)


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


def on_post_page(output: str, page: Page, config):
    """Valid markup for the theme's parts, glossary tooltips, then the language's typography (French
    spacing and apostrophes): added last, so that search results are not filled with definitions."""
    build = Build.of(config)
    lang = build.language
    output = site_fixes.mark_current_language(site_fixes.valid_theme_markup(output), lang)
    output = glossary.with_tooltips(build, output, sources.base_of(page.file.src_uri), page.url, lang)
    if not typography.has_rules(lang):
        return output
    polish, _ = typography.for_language(lang)
    return fragment_cache.cached((build.inputs_of("typography", typography), lang, output), lambda: polish(output))


@event_priority(-200)
def on_post_build(config):
    """After mkdocs-static-i18n has written the last language (its own hook runs at -100)."""
    build = Build.of(config)
    if not site_fixes.patch_alternate_fetch(config.site_dir):
        log.warning("Material's bundle changed: hooks/site_fixes.py cannot switch off its sitemap look-ups")
    if not site_fixes.patch_search_folding(config.site_dir):
        log.warning("Material's search worker changed: hooks/site_fixes.py cannot make search ignore accents")
    if config.plugins["i18n"].building:
        build.search.after_language(config.site_dir, build.language)
        return
    # the outer build: every language is written now
    build.handouts.write(config.site_dir)
    build.decks.write(config.site_dir)
    build.search.finish(config.site_dir, build.offline)
    for lang, html in build.not_found_pages.items():
        Path(config.site_dir, build.catalogue.prefix(lang), "404.html").write_text(html, encoding="utf-8")
    site_fixes.write_security_headers(config.site_dir)  # last: it hashes the inline scripts of every page
