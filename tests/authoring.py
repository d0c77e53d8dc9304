"""Helpers to build a copy of the site with one defect, as an author would cause it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from conftest import copy_project, mkdocs


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


def set_field_in_front_matter(path: Path, mutate) -> None:
    """Change a page's front matter as an author would: `mutate(data)` edits the parsed YAML."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    data = yaml.safe_load(front)
    mutate(data)
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---" + body, encoding="utf-8")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
