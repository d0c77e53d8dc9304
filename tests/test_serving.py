"""Issue 21: the site served as in production, by nginx with deploy/nginx.conf (the `base_url` fixture).

Every kind of response carries the security headers the build wrote (nginx drops them in a location
with add_header lines of its own unless it includes them again), text is compressed, Material's
fingerprinted files are cached for a year and everything else briefly, a missing address gets the
not-found page of its language with status 404, and handouts come with their type and file name.
Browser checks of the same server: test_web_standards.py, test_site.py and the other browser tests.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hooks import site_fixes
from tools import nginx_server

YEAR, FIVE_MINUTES = "max-age=31536000", "max-age=300"


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: dict[str, str]   # lower-case names
    body: bytes


def fetch(base_url: str, path: str, gzip: bool = True) -> Fetched:
    """One GET as a browser sends it (accepting gzip), without following redirects."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": "gzip" if gzip else "identity"})
    response = connection.getresponse()
    fetched = Fetched(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    connection.close()
    return fetched


def one(site_dir: Path, pattern: str) -> str:
    """The site address of the one built file matching `pattern` (for names with a content hash)."""
    found = sorted(site_dir.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site_dir).as_posix()


@pytest.fixture(scope="module")
def security_headers(site_dir) -> dict[str, str]:
    return site_fixes.read_security_headers(site_dir / site_fixes.SECURITY_HEADERS_FILE)


# kind: (address, or a glob in the built site; expected status, type, cache)
RESPONSES = {
    "home page": ("/", 200, "text/html; charset=utf-8", FIVE_MINUTES),
    "content page (en)": ("/en/vision/relationship/", 200, "text/html; charset=utf-8", FIVE_MINUTES),
    "module page (fr)": ("/fr/training/methodical-work/", 200, "text/html; charset=utf-8", FIVE_MINUTES),
    "portfolio": ("/portfolio/", 200, "text/html; charset=utf-8", FIVE_MINUTES),
    "slide deck": ("/en/slides/methodical-work.html", 200, "text/html; charset=utf-8", FIVE_MINUTES),
    "speaker view plugin": ("/fr/slides/speaker-view.js", 200, "application/javascript; charset=utf-8",
                            FIVE_MINUTES),
    "Material's script": ("glob:assets/javascripts/bundle.*.min.js", 200, "application/javascript; charset=utf-8",
                          YEAR),
    "Material's style": ("glob:assets/stylesheets/main.*.min.css", 200, "text/css; charset=utf-8", YEAR),
    "Material's search worker": ("glob:assets/javascripts/workers/search.*.min.js", 200,
                                 "application/javascript; charset=utf-8", YEAR),
    "the site's own style": ("/assets/css/site.css", 200, "text/css; charset=utf-8", FIVE_MINUTES),
    "the site's own script": ("/assets/components/init.js", 200, "application/javascript; charset=utf-8",
                              FIVE_MINUTES),
    "icon": ("/assets/favicon.svg", 200, "image/svg+xml; charset=utf-8", FIVE_MINUTES),
    "search index": ("/en/search/search_index.json", 200, "application/json; charset=utf-8", FIVE_MINUTES),
    "handout PDF": ("/en/handouts/methodical-work-checklist-en.pdf", 200, "application/pdf", FIVE_MINUTES),
    "zip of all PDFs": ("/fr/handouts/verbindend-werken-handouts-fr.zip", 200, "application/zip", FIVE_MINUTES),
    "missing page": ("/vision/mistyped-page/", 404, "text/html; charset=utf-8", None),
    "missing PDF (en)": ("/en/handouts/no-such-handout-en.pdf", 404, "text/html; charset=utf-8", None),
    "address without its slash": ("/en/vision", 301, "text/html", FIVE_MINUTES),  # nginx's own short page
    "the build's header file": ("/security-headers.conf", 404, "text/html; charset=utf-8", None),
}


def address(site_dir: Path, kind: str) -> str:
    path = RESPONSES[kind][0]
    return one(site_dir, path.removeprefix("glob:")) if path.startswith("glob:") else path


def test_nginx_accepts_the_deploy_configuration(site_dir, tmp_path):
    config = nginx_server.main_config(site_dir, nginx_server.free_port(), tmp_path)
    verdict = nginx_server.check(config, tmp_path)
    assert verdict.returncode == 0, verdict.stdout
    assert "syntax is ok" in verdict.stdout and "test is successful" in verdict.stdout
    assert "[warn]" not in verdict.stdout and "[emerg]" not in verdict.stdout, verdict.stdout


def test_nginx_check_rejects_a_broken_configuration(site_dir, tmp_path):
    """The check above can fail: a location without its closing brace is refused."""
    config = nginx_server.main_config(site_dir, nginx_server.free_port(), tmp_path)
    site_conf = tmp_path / "site.conf"
    site_conf.write_text(site_conf.read_text(encoding="utf-8").replace("location / {", "location / {{", 1))
    assert nginx_server.check(config, tmp_path).returncode != 0


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_carries_the_security_headers(base_url, site_dir, security_headers, kind):
    response = fetch(base_url, address(site_dir, kind))
    _, status, content_type, _ = RESPONSES[kind]
    assert response.status == status
    assert response.headers["content-type"] == content_type
    assert response.headers["content-security-policy"] == security_headers["Content-Security-Policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert "server" not in response.headers or "/" not in response.headers["server"]  # no version number


@pytest.mark.parametrize("kind", RESPONSES)
def test_fingerprinted_files_are_cached_for_a_year_and_the_rest_briefly(base_url, site_dir, kind):
    response = fetch(base_url, address(site_dir, kind))
    expected = RESPONSES[kind][3]
    if expected is None:  # a not-found page is never kept
        assert "cache-control" not in response.headers and "expires" not in response.headers
    else:
        assert response.headers["cache-control"] == expected


@pytest.mark.parametrize("kind", [kind for kind, (_, status, kind_type, _) in RESPONSES.items()
                                  if status == 200 and kind != "icon"])  # the icon: 178 bytes, not worth it
def test_text_is_sent_compressed_and_pdfs_and_zips_as_they_are(base_url, site_dir, kind):
    path = address(site_dir, kind)
    response = fetch(base_url, path)
    if RESPONSES[kind][2] in ("application/pdf", "application/zip"):  # compressed already
        assert "content-encoding" not in response.headers
        return
    assert response.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["vary"]
    plain = fetch(base_url, path, gzip=False)
    assert "content-encoding" not in plain.headers
    assert len(response.body) < len(plain.body)


@pytest.mark.parametrize("path,lang,heading", [
    ("/vision/mistyped-page/", "nl", "Deze pagina bestaat niet"),
    ("/no-such-folder/page.html", "nl", "Deze pagina bestaat niet"),
    ("/en/vision/mistyped-page/", "en", "This page does not exist"),
    ("/en/handouts/no-such-handout-en.pdf", "en", "This page does not exist"),
    ("/fr/vision/mistyped-page", "fr", "Cette page n’existe pas"),
    ("/fr/slides/no-such-deck.html", "fr", "Cette page n’existe pas"),
])
def test_missing_address_gets_the_not_found_page_of_its_language_with_status_404(base_url, path, lang, heading):
    response = fetch(base_url, path, gzip=False)
    page = response.body.decode("utf-8")
    assert response.status == 404
    assert f'<html lang="{lang}"' in page
    assert re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL).group(1).strip() == heading


def test_address_without_its_slash_is_redirected_on_the_same_host(base_url):
    response = fetch(base_url, "/en/vision")
    assert response.status == 301
    assert response.headers["location"] == "/en/vision/"  # relative: right behind a proxy or on HTTPS too


@pytest.mark.parametrize("path,disposition", [
    ("/en/handouts/methodical-work-checklist-en.pdf", 'inline; filename="methodical-work-checklist-en.pdf"'),
    ("/handouts/methodical-work-workshop-pack-nl.pdf", 'inline; filename="methodical-work-workshop-pack-nl.pdf"'),
    ("/fr/handouts/verbindend-werken-handouts-fr.zip", 'attachment; filename="verbindend-werken-handouts-fr.zip"'),
])
def test_handouts_open_or_download_under_their_own_name(base_url, site_dir, path, disposition):
    response = fetch(base_url, path)
    assert response.status == 200
    assert response.headers["content-disposition"] == disposition
    assert response.body == (site_dir / path.lstrip("/")).read_bytes()


def test_slide_decks_open_in_the_browser(base_url):
    response = fetch(base_url, "/fr/slides/many-adults.html")
    assert response.status == 200 and "content-disposition" not in response.headers
