"""Create a new training module in every language from hooks/templates/module.md.

    python -m hooks.scaffold my-module-id      (or: make new-module ID=my-module-id)

Never overwrites a file. The scale labels come from each language's interface texts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from jinja2 import Template

from hooks.content_model import ID_PATTERN
from hooks.translations import DOCS, LABELS, languages

TEMPLATE = Path(__file__).resolve().parent / "templates" / "module.md"
VALID_ID = re.compile(ID_PATTERN)


def scaffold(module_id: str, docs: Path = DOCS) -> list[Path]:
    if not VALID_ID.match(module_id):
        raise ValueError(f"'{module_id}' is not a valid id: use lowercase letters, digits and hyphens, e.g. 'my-topic'")
    targets = [docs / "training" / f"{module_id}.{lang}.md" for lang in languages()]
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise FileExistsError(f"not overwriting existing files: {', '.join(existing)}")
    template = Template(TEMPLATE.read_text(encoding="utf-8"), keep_trailing_newline=True)
    for lang, target in zip(languages(), targets):
        labels = yaml.safe_load((LABELS / f"{lang}.yml").read_text(encoding="utf-8"))
        target.write_text(template.render(id=module_id, scale=labels["scale"], not_applicable=labels["not_applicable"]),
                          encoding="utf-8")
    return targets


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    try:
        created = scaffold(argv[0])
    except (ValueError, FileExistsError) as error:
        print(f"new-module: {error}", file=sys.stderr)
        return 1
    for path in created:
        print(f"created {path.relative_to(DOCS.parent)}")
    print(f"next: add 'training/{argv[0]}.md' to nav in mkdocs.yml, then write the texts (search for TODO)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
