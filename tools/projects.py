"""Throw-away copies of the project, for tests that break it on purpose and for the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_project(destination: Path) -> Path:
    """Copy what a build reads (docs, hooks, overrides, mkdocs.yml) to `destination`."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination
