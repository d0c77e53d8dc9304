"""Issue 20: cache keys are computed from everything that goes into an output, so no cache can serve an old
page or PDF: hook code (followed through imports), templates (followed through includes), installed
packages and the mkdocs.yml settings."""

from __future__ import annotations

import sys
import types

import jinja2
import pytest
from mkdocs.config import load_config

from conftest import ROOT
from hooks import content_model, fragment_cache, glossary, pdf, typography


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def env(config):
    return config.theme.get_env()


def test_code_is_followed_through_imports():
    """The glossary's tooltips depend on the content model (which words get one) and the shared text walk."""
    assert {path.name for path in fragment_cache.code_of(glossary)} >= {"glossary.py", "content_model.py", "html_text.py"}
    assert {path.name for path in fragment_cache.code_of(pdf)} >= {"pdf.py", "typography.py", "content_model.py"}


def test_changing_imported_code_renews_the_key(tmp_path, config, env, monkeypatch):
    helper, user = tmp_path / "helper.py", tmp_path / "user.py"
    helper.write_text("WORDS = 1\n")
    user.write_text("from hooks.helper import WORDS\n")
    for name, path in (("hooks.helper", helper), ("hooks.user", user)):
        module = types.ModuleType(name)
        module.__file__ = str(path)
        monkeypatch.setitem(sys.modules, name, module)
    sys.modules["hooks.user"].helper = sys.modules["hooks.helper"]
    before = fragment_cache.inputs_key(config, env, [sys.modules["hooks.user"]], [])
    helper.write_text("WORDS = 2\n")
    assert fragment_cache.inputs_key(config, env, [sys.modules["hooks.user"]], []) != before


def test_changing_an_included_template_renews_the_key(tmp_path, config):
    (tmp_path / "page.html").write_text('{% extends "frame.html" %}{% block body %}{% include "part.html" %}{% endblock %}')
    (tmp_path / "frame.html").write_text("<main>{% block body %}{% endblock %}</main>")
    (tmp_path / "part.html").write_text("one")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
    assert {p.name for p in fragment_cache.templates_of(env, "page.html")} == {"page.html", "frame.html", "part.html"}
    before = fragment_cache.inputs_key(config, env, [typography], ["page.html"])
    (tmp_path / "part.html").write_text("two")
    assert fragment_cache.inputs_key(config, env, [typography], ["page.html"]) != before


def test_the_pdf_templates_cover_every_partial_they_print(env):
    printed = {p.relative_to(ROOT / "overrides").as_posix() for p in fragment_cache.templates_of(env, *pdf.TEMPLATES)}
    assert {"partials/module/self_assessment.html", "partials/collaboration.html", "pdf/base.html"} <= printed


def test_upgrading_a_package_renews_the_key(config, env, monkeypatch):
    before = fragment_cache.inputs_key(config, env, [content_model], [])
    upgraded = fragment_cache.installed_packages().replace("mkdocs_material-", "mkdocs_material-0.", 1)
    monkeypatch.setattr(fragment_cache, "installed_packages", lambda: upgraded)
    assert fragment_cache.inputs_key(config, env, [content_model], []) != before


@pytest.mark.parametrize("setting", ["markdown_extensions", "mdx_configs", "site_url", "theme"])
def test_changing_a_setting_renews_the_key(setting, env):
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = fragment_cache.inputs_key(config, env, [content_model], [])
    changes = {"markdown_extensions": lambda: config["markdown_extensions"].append("smarty"),
               "mdx_configs": lambda: config["mdx_configs"]["toc"].update(permalink="#"),
               "site_url": lambda: config.__setitem__("site_url", "https://elsewhere.example/"),
               "theme": lambda: config.theme["features"].append("navigation.tabs")}
    changes[setting]()
    assert fragment_cache.inputs_key(config, env, [content_model], []) != before


def test_a_markdown_setting_renews_every_pdf():
    """The handouts print front-matter Markdown: an extension setting in mkdocs.yml renews each one."""
    from test_handouts import built_handouts

    before = {h.file_name: h.cache_key for h in built_handouts("en")}
    configs = load_config(str(ROOT / "mkdocs.yml"))["mdx_configs"]
    after = {h.file_name: h.cache_key for h in built_handouts("en", mdx_configs={**configs, "toc": {"permalink": "#"}})}
    assert before.keys() == after.keys()
    assert all(before[name] != after[name] for name in before)
