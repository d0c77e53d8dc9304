"""What one build holds from its first event to its last, for every language: made at `on_config`,
kept on the MkDocs configuration, and passed to every output. Nothing of a build lives in module globals,
so two builds in one process (a test, the live preview) never see each other's state."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import yaml
from mkdocs.exceptions import PluginError

from hooks import fragment_cache, render, sources, typography
from hooks.catalogue import Catalogue, version_date
from hooks.handouts import Handouts
from hooks.search_index import SearchIndexes
from hooks.slides import Decks

LABELS_DIR = Path(__file__).resolve().parent / "labels"
CONFIG_KEY = "verbindend_build"


def load_labels(catalogue: Catalogue) -> dict[str, dict]:
    """Interface texts per language; every language must translate every key of the default."""
    labels, default = {}, catalogue.default
    for lang in catalogue.languages:
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


class Build:
    def __init__(self, config):
        self.config = config
        self.catalogue = Catalogue.from_config(config)
        self.labels = load_labels(self.catalogue)
        self.version = version_date()
        self.offline = bool(os.environ.get("VW_OFFLINE"))
        # One template environment for the whole build (every language): compiling is slow. Jinja
        # reloads a template whose file changed, so the live preview stays current.
        self.env = config.theme.get_env()
        self.env.bytecode_cache = fragment_cache.compiled_templates()
        self.env.filters["markdown"] = render.markdown_filter(config.markdown_extensions, config.mdx_configs)
        self.inputs: dict[str, str] = {}
        self.handouts = Handouts(self)
        self.decks = Decks(self)
        self.search = SearchIndexes(self)
        self.not_found_pages: dict[str, str] = {}

    @staticmethod
    def of(config) -> Build:
        return config[CONFIG_KEY]

    @property
    def language(self) -> str:
        """The language being built: mkdocs-static-i18n builds one after another with the same config."""
        return self.config.theme["language"]

    def labels_file(self, lang: str) -> Path:
        return LABELS_DIR / f"{lang}.yml"

    def inputs_of(self, output: str, module: ModuleType, templates: tuple[str, ...] = ()) -> str:
        """The inputs key of one output (its code, templates, the packages and settings), once per build."""
        if output not in self.inputs:
            self.inputs[output] = fragment_cache.inputs_key(self.config, self.env, (module,), templates)
        return self.inputs[output]
