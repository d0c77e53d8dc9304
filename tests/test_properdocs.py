"""Issue 20: the site builds the same with ProperDocs, the maintained MkDocs 1.x fork (`properdocs build`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT

GENERATOR = re.compile(rb'\s*<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(site_dir, tmp_path):
    """Same files, and the same bytes in each apart from the generator line of every page."""
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
                            cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                           "VW_PDF_CACHE": str(ROOT / ".cache" / "pdf")},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    assert result.returncode == 0, result.stdout
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == files
    assert b"ProperDocs" in (site / "index.html").read_bytes()
    different = [name for name in files
                 if GENERATOR.sub(b"", (site / name).read_bytes()) != GENERATOR.sub(b"", (site_dir / name).read_bytes())]
    assert different == []
