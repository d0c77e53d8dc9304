"""Lighthouse scores of each page type (the home page in each language): a report, not a test.

    python tools/lighthouse_report.py [--json] [--no-install]      (or: make lighthouse)

Installs the npm package `lighthouse` into .cache/lighthouse on first use, builds the site
with its address set to the local server (so canonical and hreflang links are on the same
host), serves it as a host does (nginx with deploy/nginx.conf: compressed, cached) and runs
Lighthouse's mobile audit (a mid-range phone on slow 4G, simulated) with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import nginx_server  # noqa: E402

PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "13.5.0"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"fcp_s": "first-contentful-paint", "lcp_s": "largest-contentful-paint"}
PAGE_TYPES = {"home (nl)": "/", "home (en)": "/en/", "home (fr)": "/fr/", "content page": "/vision/relationship/",
              "training overview": "/training/", "module": "/training/methodical-work/", "portfolio": "/portfolio/",
              "glossary": "/glossary/", "collaboration tips": "/collaboration/", "handouts": "/handouts/",
              "group summary": "/handouts/group-summary/", "for authors": "/authors/",
              "slide deck": "/slides/methodical-work.html"}


def install() -> None:
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
                   check=True, stdout=subprocess.DEVNULL)


def scores(url: str) -> dict:
    """The four category scores and the paint times (seconds) of one page."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(["node", str(CLI), url, "--output=json", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                             "--only-categories=" + ",".join(CATEGORIES)],
                            env=env, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    return {**{name: report["categories"][name]["score"] for name in CATEGORIES},
            **{name: round(report["audits"][audit]["numericValue"] / 1000, 2) for name, audit in METRICS.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--no-install", action="store_true", help="fail instead of installing Lighthouse")
    arguments = parser.parse_args()
    if not CLI.exists():
        if arguments.no_install:
            print("Lighthouse is not installed: run `make lighthouse` once", file=sys.stderr)
            return 1
        install()
    port = nginx_server.free_port()
    work = Path(tempfile.mkdtemp(prefix="vw-lighthouse-"))
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                        str(work / "site")], cwd=ROOT, env=env, check=True)
        with nginx_server.served(work / "site", work / "nginx", port) as base_url:
            results = {kind: scores(base_url + path) for kind, path in PAGE_TYPES.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if arguments.json:
        print(json.dumps(results))
    else:
        for kind, result in results.items():
            print(f"{kind}: " + ", ".join(f"{name} {value:.2f}" for name, value in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
