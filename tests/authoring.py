"""Helpers to build a copy of the site with one defect, as an author would cause it."""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path


from conftest import ROOT, copy_project, mkdocs
from conftest import edit_front_matter as set_field_in_front_matter  # noqa: F401  (for the tests)
from hooks import sources
from hooks.content_model import ContentError
from pages import DEFAULT_LANGUAGE, LANGUAGES


@dataclass
class BrokenBuild:
    returncode: int
    output: str
    files_changed: list[str]

    @property
    def messages(self) -> list[str]:
        """Warning and error lines, without MkDocs' closing 'Aborted with N warnings'."""
        return [line for line in self.output.splitlines()
                if re.match(r"(WARNING|ERROR)\s+-", line)]


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_with_defect(tmp_path: Path, edit, env: dict | None = None) -> BrokenBuild:
    """Copy the project, apply `edit(project_folder)`, build with --strict, report what happened."""
    project = copy_project(tmp_path / "project")
    edit(project)
    before = fingerprint(project / "docs")
    result = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project, env=env)
    after = fingerprint(project / "docs")
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    return BrokenBuild(result.returncode, result.stdout, changed)


@dataclass
class CheckedContent:
    messages: list[str]
    files_changed: list[str]


def check_with_defect(tmp_path: Path, edit) -> CheckedContent:
    """Copy docs/, apply `edit(project_folder)` and run, in this process, every check the build makes of
    the author's files (hooks/sources.py): the messages a build would print, and whether a file changed.
    Two end-to-end builds (tests/test_authoring.py) show that a build prints these and fails."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    edit(project)
    docs = project / "docs"
    before = fingerprint(docs)
    present = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    messages = []
    for src in sorted(present):
        try:
            sources.check_page(docs, src, DEFAULT_LANGUAGE)
        except ContentError as error:
            messages.append(str(error))
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            messages += [str(error) for error in sources.missing_translations(present, DEFAULT_LANGUAGE, lang)]
    after = fingerprint(docs)
    return CheckedContent(messages, sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name)))


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
