"""Translation status: which pages are missing or out of date in each language.

A translation records the Dutch source it was made from as a short hash in its
front matter (`translated_from: 3f2a…`). When the Dutch page changes, its hash
changes and every translation of it becomes "out of date" until a translator
updates it and stamps it again:

    python -m hooks.translations status            # report; exit 1 if anything is missing or out of date
    python -m hooks.translations stamp docs/x.en.md  # record that this translation matches its source now
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LABELS = Path(__file__).resolve().parent / "labels"
DEFAULT_LANGUAGE = "nl"
STAMP_LINE = re.compile(r"^translated_from:.*\n", re.MULTILINE)


@dataclass(frozen=True)
class Status:
    page: str       # 'vision/relationship' (docs/ path without language suffix)
    lang: str
    state: str      # 'up to date', 'out of date' or 'missing'

    @property
    def path(self) -> str:
        return f"docs/{self.page}.{self.lang}.md"


def languages() -> list[str]:
    """Every language with interface texts, the default language first."""
    others = sorted(p.stem for p in LABELS.glob("*.yml") if p.stem != DEFAULT_LANGUAGE)
    return [DEFAULT_LANGUAGE, *others]


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def recorded_hash(path: Path) -> str | None:
    """The `translated_from:` value of the front matter (read without parsing all of the YAML)."""
    front = re.match(r"\A---\s*\n(.*?)\n---", path.read_text(encoding="utf-8", errors="replace"), re.DOTALL)
    stamp_line = STAMP_LINE.search(front.group(1) + "\n") if front else None
    return stamp_line.group(0).split(":", 1)[1].strip() if stamp_line else None


def status(docs: Path = DOCS) -> list[Status]:
    rows = []
    for source in sorted(docs.rglob(f"*.{DEFAULT_LANGUAGE}.md")):
        page = source.relative_to(docs).as_posix().removesuffix(f".{DEFAULT_LANGUAGE}.md")
        current = source_hash(source)
        for lang in languages()[1:]:
            translation = docs / f"{page}.{lang}.md"
            if not translation.exists():
                state = "missing"
            elif recorded_hash(translation) != current:
                state = "out of date"
            else:
                state = "up to date"
            rows.append(Status(page, lang, state))
    return rows


def stamp(translation: Path, docs: Path = DOCS) -> None:
    """Write the current hash of the Dutch source into the translation's front matter."""
    lang = translation.name.rsplit(".", 2)[1]
    source = translation.with_name(translation.name.replace(f".{lang}.md", f".{DEFAULT_LANGUAGE}.md"))
    text = translation.read_text(encoding="utf-8")
    line = f"translated_from: {source_hash(source)}\n"
    if STAMP_LINE.search(text):
        text = STAMP_LINE.sub(line, text, count=1)
    else:
        text = re.sub(r"\A---\s*\n", lambda m: m.group(0) + line, text, count=1)
    translation.write_text(text, encoding="utf-8")


def stamp_problem(translation: Path) -> str | None:
    """Why `translation` cannot be stamped, in words for a translator; None when it can."""
    match = re.search(r"\.([a-z]{2})\.md$", translation.name)
    if not translation.exists():
        return "no such file (give the path of a translation, e.g. docs/vision/relationship.en.md)"
    if not match or match.group(1) == DEFAULT_LANGUAGE:
        return f"not a translation: give a file ending in .<language>.md other than .{DEFAULT_LANGUAGE}.md"
    source = translation.with_name(translation.name.replace(f".{match.group(1)}.md", f".{DEFAULT_LANGUAGE}.md"))
    if not source.exists():
        return f"its Dutch source {source.name} does not exist"
    return None


def main(argv: list[str]) -> int:
    if argv[:1] == ["stamp"] and len(argv) > 1:
        for name in argv[1:]:
            problem = stamp_problem(Path(name))
            if problem:
                print(f"stamp: {name}: {problem}", file=sys.stderr)
                return 1
            stamp(Path(name))
            print(f"stamped {name}")
        return 0
    if argv[:1] not in (["status"], []):
        print(__doc__)
        return 2
    rows = status()
    todo = [row for row in rows if row.state != "up to date"]
    for row in todo:
        print(f"{row.path} [{row.lang}]: {row.state} (source docs/{row.page}.{DEFAULT_LANGUAGE}.md)")
    done = len(rows) - len(todo)
    print(f"{done} of {len(rows)} translations up to date")
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
