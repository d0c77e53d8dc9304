"""Lighthouse scores of the home page in each language: a report, not a test.

    python tools/lighthouse_report.py [--json] [--no-install]      (or: make lighthouse)

Installs the npm package `lighthouse` into .cache/lighthouse on first use, builds the site
with its address set to the local server (so canonical and hreflang links are on the same
host), serves it on 127.0.0.1 and runs Lighthouse with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "13.5.0"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
HOMES = {"nl": "/", "en": "/en/", "fr": "/fr/"}


def install() -> None:
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
                   check=True, stdout=subprocess.DEVNULL)


class ProductionLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves as the README's web-server configuration does: gzip for text, long caching for
    Material's fingerprinted assets."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSIBLE and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scores(url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(["node", str(CLI), url, "--output=json", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                             "--only-categories=" + ",".join(CATEGORIES)],
                            env=env, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


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
    port = free_port()
    site = Path(tempfile.mkdtemp(prefix="vw-lighthouse-"))
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)
    handler = functools.partial(ProductionLikeHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        results = {lang: scores(f"http://127.0.0.1:{port}{path}") for lang, path in HOMES.items()}
    finally:
        server.shutdown()
    if arguments.json:
        print(json.dumps(results))
    else:
        for lang, result in results.items():
            print(f"{lang}: " + ", ".join(f"{name} {value:.2f}" for name, value in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
