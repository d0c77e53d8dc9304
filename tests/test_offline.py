"""Issue 7: the offline workshop bundle, unpacked and opened from file:// in Chromium."""

from __future__ import annotations

import pytest

from page_types import PAGE_TYPES, PageType, search


def search_from_file(tab, lang: str) -> None:
    tab.wait_for_timeout(1000)  # the search index script loads after the page
    search(tab, lang)


SEARCH_FROM_FILE = PageType("search in use", "principles/index", search_from_file)


@pytest.fixture()
def offline_page(browser):
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.requests = requests
    yield tab
    context.close()


def left_the_machine(requests: list[str]) -> list[str]:
    return [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]


def test_navigation_and_language_switch_work_from_file(offline_bundle, offline_page):
    tab = offline_page
    tab.goto((offline_bundle / "index.html").as_uri())
    tab.locator(".md-select").first.hover()
    tab.locator('.md-select__link[hreflang="en"]').click()
    assert tab.url.endswith("/en/index.html")
    tab.locator(".md-select").first.hover()
    tab.locator('.md-select__link[hreflang="nl"]').click()
    assert tab.url == (offline_bundle / "index.html").as_uri()
    tab.locator("nav.md-nav--primary a[href$='vision/index.html']").first.click()
    assert tab.url.endswith("/vision/index.html")
    assert tab.locator("article h1").inner_text()
    tab.locator(".md-select").first.hover()
    tab.locator('.md-select__link[hreflang="fr"]').click()
    assert tab.url.endswith("/fr/vision/index.html")
    assert tab.locator("html").get_attribute("lang") == "fr"
    assert left_the_machine(tab.requests) == []


def test_search_works_from_file(offline_bundle, offline_page):
    tab = offline_page
    tab.goto((offline_bundle / "en" / "principles" / "index.html").as_uri(), wait_until="load")
    tab.wait_for_timeout(1000)
    tab.keyboard.press("/")
    tab.keyboard.type("parents", delay=80)
    results = tab.locator(".md-search-result__item a")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.startswith("file://") and "/en/" in h for h in hrefs)
    assert left_the_machine(tab.requests) == []


def test_self_assessment_saves_exports_and_prints_from_file(offline_bundle, offline_page):
    tab = offline_page
    tab.goto((offline_bundle / "en" / "training" / "methodical-work.html").as_uri())
    tab.locator('input[name="rating-separate-facts"][value="4"]').check()
    tab.reload()
    assert tab.locator('input[name="rating-separate-facts"][value="4"]').is_checked()
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Export (JSON)").click()
    assert download.value.suggested_filename == "verbindend-werken-methodical-work.json"
    tab.emulate_media(media="print")
    assert not tab.locator(".md-header").is_visible()
    assert tab.get_by_role("radiogroup").first.is_visible()
    assert left_the_machine(tab.requests) == []


def test_bundle_contains_the_handouts(offline_bundle):
    assert (offline_bundle / "handouts" / "methodical-work-checklist-nl.pdf").exists()
    assert (offline_bundle / "fr" / "handouts" / "collaboration-tips-fr.pdf").exists()
    html = (offline_bundle / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker-shim.js" in html


def offline_file(offline_bundle, source: str, lang: str):
    """'vision/relationship' in 'en' -> <bundle>/en/vision/relationship.html (no directory URLs offline)."""
    return offline_bundle / ("" if lang == "nl" else lang) / f"{source}.html"


@pytest.mark.parametrize("lang", ["nl"])  # the other languages' pages are built by the same templates
@pytest.mark.parametrize("kind", [k for k in PAGE_TYPES if k.name != "search in use"] + [SEARCH_FROM_FILE],
                         ids=lambda kind: kind.name)
def test_every_page_type_opens_from_file_without_console_errors(offline_bundle, browser, kind, lang):
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(offline_file(offline_bundle, kind.source, lang).as_uri(), wait_until="load")
    tab.wait_for_timeout(500)
    if kind.action:
        kind.action(tab, lang)
    tab.wait_for_timeout(300)
    context.close()
    assert errors == []


def test_bundle_leaves_out_the_not_found_pages(offline_bundle):
    """They need a web server (their links and styles are absolute addresses)."""
    assert list(offline_bundle.rglob("404.html")) == []
