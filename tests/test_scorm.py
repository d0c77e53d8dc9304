"""Issue 11: SCORM 1.2 packages, launched by an independent LMS-side runtime (scorm-again's Scorm12API).

The packages are made once for this file from the session's site build (`tools/scorm.py --site`);
an LMS page on 127.0.0.1 exposes Scorm12API as `window.API` and launches a SCO in an iframe.
scorm-again and the SCORM 1.2 schema files come from the npm registry (`make test` installs them).
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, once_per_run, run_axe, serve
from pages import LANGUAGES, module_pages
from test_answers_in_real_use import REFUSALS  # the three ways a browser refuses storage

sys.path.insert(0, str(ROOT))
from tools import scorm  # noqa: E402

NPM = ROOT / ".cache" / "scorm-test"
RUNTIME = NPM / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
SCHEMAS = NPM / "package" / "lib" / "schemas" / "definitionFiles" / "scorm12edition"
IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SAMPLE = {"nl": "methodical-work", "en": "attachment-connection", "fr": "young-child-needs"}  # one module per language
LIMIT = 4096

LMS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script></head>
<body><iframe id="sco" title="SCO" style="width:100%;height:850px"></iframe>
<script>
  /* Launch a SCO as a learning platform does: a fresh API object per launch, with the learner's
     stored data on a resume; every call is logged. A "broken" API answers "false" or throws. */
  window.calls = [];
  function logged(api) {
    ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue", "LMSGetValue"].forEach(function (name) {
      var original = api[name].bind(api);
      api[name] = function () {
        var args = [].slice.call(arguments), result = original.apply(null, args);
        window.calls.push([name].concat(args, [result]));
        return result;
      };
    });
    return api;
  }
  window.launch = function (href, resume) {
    var api = new Scorm12API({ autocommit: false, logLevel: 5 });
    if (resume) api.loadFromJSON(resume, "");
    window.API = logged(api);
    document.getElementById("sco").src = href;
  };
  window.launchBroken = function (href, how) {
    function fail() { if (how === "throws") throw new Error("LMS down"); return "false"; }
    var api = { LMSInitialize: fail, LMSFinish: fail, LMSGetValue: fail, LMSSetValue: fail, LMSCommit: fail,
                LMSGetLastError: function () { return "101"; }, LMSGetErrorString: function () { return "General exception"; },
                LMSGetDiagnostic: function () { return ""; } };
    if (how === "fails-after-start") {
      var real = new Scorm12API({ autocommit: false, logLevel: 5 });
      api.LMSInitialize = real.LMSInitialize.bind(real);
      api.LMSGetValue = real.LMSGetValue.bind(real);
    }
    window.API = logged(api);
    document.getElementById("sco").src = href;
  };
  window.launchWindow = function (href) {  /* the LMS opens the SCO in a new window (Moodle: "New window") */
    window.API = logged(new Scorm12API({ autocommit: false, logLevel: 5 }));
    window.open(href, "sco");
  };
  window.cmi = function () { return API.renderCMIToJSONObject ? API.renderCMIToJSONObject().cmi : null; };
</script></body></html>
"""


# --- packages, made once -------------------------------------------------------

@pytest.fixture(scope="session")
def packages(site_dir, tmp_path_factory) -> Path:
    """`make scorm`'s packages, from the session's site build: dist/scorm as the learner's organisation gets
    it, made once per test run."""
    def make(out: Path) -> None:
        result = subprocess.run([sys.executable, str(ROOT / "tools" / "scorm.py"), "--site", str(site_dir),
                                 "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

    return once_per_run(tmp_path_factory, "scorm", make)


@pytest.fixture(scope="module")
def project() -> scorm.Project:
    return scorm.Project.read(ROOT)


def package_names(project) -> list[str]:
    return [*(f"{lang}/{module}.zip" for lang in LANGUAGES for module in project.route),
            *(f"{lang}-course.zip" for lang in LANGUAGES)]


def manifest_of(archive: Path):
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(archive) as package:
        return ET.fromstring(package.read("imsmanifest.xml")), package.namelist(), package.read("imsmanifest.xml")


@dataclass
class Lms:
    """The test platform: its address, `unpack(package)` -> the package's folder there, and each
    package's SCO launch addresses in manifest order (as a platform reads them)."""

    base: str
    unpack: Callable[[str], str]
    launches: dict[str, list[str]]


@pytest.fixture(scope="module")
def lms(packages, project, tmp_path_factory):
    """A learning platform on 127.0.0.1: the LMS page, scorm-again, and the packages unpacked under /pkg/<name>/."""
    if not RUNTIME.exists():
        pytest.fail("scorm-again is missing: run the tests with `make test`, which installs it from the npm registry")
    folder = tmp_path_factory.mktemp("lms")
    (folder / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (folder / "scorm12.min.js").write_bytes(RUNTIME.read_bytes())
    unpacked = {}

    def unpack(name: str) -> str:
        if name not in unpacked:
            target = folder / "pkg" / name.replace("/", "-").removesuffix(".zip")
            with zipfile.ZipFile(packages / name) as package:
                package.extractall(target)
            unpacked[name] = f"pkg/{target.name}/"
        return unpacked[name]

    launches = {}
    for name in package_names(project):
        manifest, _, _ = manifest_of(packages / name)
        hrefs = {r.get("identifier"): r.get("href") for r in manifest.iter(f"{IMSCP}resource")
                 if r.get(f"{ADLCP}scormtype") == "sco"}
        launches[name] = [hrefs[item.get("identifierref")] + item.get("parameters", "")  # as a platform launches it
                          for item in manifest.iter(f"{IMSCP}item")]
    server = serve(folder)
    yield Lms(f"http://127.0.0.1:{server.server_address[1]}/", unpack, launches)
    server.shutdown()


class Platform:
    """One browser profile on the test LMS: launches SCOs and reads what the LMS recorded."""

    def __init__(self, context, lms: Lms):
        self.base, self.unpack, self.launches = lms.base, lms.unpack, lms.launches
        self.tab = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.tab.on("request", lambda request: self.requests.append(request.url))
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))
        self.tab.on("response", lambda response: response.status >= 400 and self.errors.append(f"{response.status} {response.url}"))
        self.tab.goto(self.base + "lms.html")

    def launch(self, package: str, href: str | None = None, resume: dict | None = None, broken: str | None = None):
        folder = self.unpack(package)
        href = href or self.launches[package][0]
        if broken:
            self.tab.evaluate("([href, how]) => launchBroken(href, how)", [folder + href, broken])
        else:
            self.tab.evaluate("([href, resume]) => launch(href, resume)", [folder + href, resume])
        self.tab.wait_for_function("(href) => { const f = document.getElementById('sco').contentWindow;"
                                   " return f && f.location.href.endsWith(href) && f.document.readyState === 'complete'"
                                   " && f.VerbindendWerken && f.VerbindendWerken.moduleStore; }", arg=folder + href)
        return self.frame

    @property
    def frame(self):
        return self.tab.frame_locator("#sco")

    def sco(self):
        return next(f for f in self.tab.frames if f.parent_frame is not None)

    def cmi(self) -> dict:
        return self.tab.evaluate("cmi()")

    def calls(self, name: str | None = None) -> list[list]:
        calls = self.tab.evaluate("window.calls")
        return [c for c in calls if name is None or c[0] == name]

    def wait_for_commit(self, after: int) -> None:
        self.tab.wait_for_function(f"() => window.calls.filter(c => c[0] === 'LMSCommit').length > {after}")

    def commits(self) -> int:
        return len(self.calls("LMSCommit"))

    def leave(self, finishes: bool = True) -> None:
        finished = len(self.calls("LMSFinish"))
        self.tab.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.tab.wait_for_function("() => document.getElementById('sco').contentDocument.URL === 'about:blank'")
        if finishes:
            self.tab.wait_for_function(f"() => window.calls.filter(c => c[0] === 'LMSFinish').length > {finished}")

    def outside(self, package: str) -> list[str]:
        """Requests that were not for the LMS page itself nor inside the package's folder."""
        inside = (self.base + self.unpack(package), self.base + "lms.html", self.base + "scorm12.min.js")
        return [url for url in self.requests if not url.startswith((*inside, "data:", "blob:", "about:"))]


@pytest.fixture()
def platform(browser, lms):
    contexts = []

    def new_profile() -> Platform:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return Platform(context, lms)

    yield new_profile
    for context in contexts:
        context.close()


def module_data(frame) -> dict:
    return json.loads(frame.locator("#vw-module-data").text_content())


def statements(data: dict) -> list[str]:
    return [s["id"] for theme in data["themes"] for s in theme["statements"]]


def rate_all(frame, data: dict, rating_of=lambda index: str(index % 5 + 1)) -> dict[str, str]:
    ratings = {}
    for index, statement in enumerate(statements(data)):
        ratings[statement] = "na" if index == 2 else rating_of(index)
        frame.locator(f'input[name="rating-{statement}"][value="{ratings[statement]}"]').check()
    return ratings


def long_text(seed: int, words: int = 700) -> str:
    """Text that compresses like a real long answer (not a repeated phrase)."""
    rng = random.Random(seed)
    vocabulary = ["ouder", "kind", "gesprek", "samen", "vertrouwen", "afspraak", "school", "thuis", "zorg", "vraag",
                  "luisteren", "begrip", "plan", "doel", "stap", "week", "moeder", "vader", "broer", "zus", "team"]
    return " ".join(rng.choice(vocabulary) + str(rng.randint(0, 999)) for _ in range(words)) + "."


def decoded(platform: Platform, data: str) -> dict:
    return platform.sco().evaluate("(data) => VerbindendWerken.LmsBridge.unpack(data, JSON.parse("
                                   "document.getElementById('vw-module-data').textContent).id)", data)


# --- the packages and their manifests ------------------------------------------------

def test_every_module_and_language_has_a_package_and_a_course(packages, project):
    made = sorted(str(p.relative_to(packages)) for p in packages.rglob("*.zip"))
    assert made == sorted(package_names(project))
    assert project.route == [base.split("/")[1] for base in module_pages()]  # the catalogue's route order


@pytest.fixture(scope="module")
def schema():
    import xmlschema

    if not SCHEMAS.exists():
        pytest.fail("the SCORM 1.2 schema files are missing: run the tests with `make test`")
    # ADL's ims_xml.xsd binds the reserved xml prefix, which XML parsers refuse; the W3C's own xml.xsd
    # (shipped with xmlschema) declares the same xml:lang attribute.
    xml_xsd = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml_minimal.xsd"
    return xmlschema.XMLSchema([str(SCHEMAS / "imscp_rootv1p1p2.xsd"), str(SCHEMAS / "adlcp_rootv1p2.xsd")],
                               uri_mapper=lambda uri: xml_xsd.as_uri() if uri.endswith("ims_xml.xsd") else uri)


def test_manifests_are_valid_scorm_12_and_list_every_file(packages, project, schema):
    for name in package_names(project):
        manifest, names, raw = manifest_of(packages / name)
        lang = name[:2]
        schema.validate(raw.decode("utf-8"))
        assert names[0] == "imsmanifest.xml"
        assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
        assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
        organization = manifest.find(f"{IMSCP}organizations/{IMSCP}organization")
        assert manifest.find(f"{IMSCP}organizations").get("default") == organization.get("identifier")
        assert manifest.get(XML_LANG) == organization.get(XML_LANG) == lang
        resources = {r.get("identifier"): r for r in manifest.iter(f"{IMSCP}resource")}
        items = organization.findall(f"{IMSCP}item")
        for item in items:
            sco = resources[item.get("identifierref")]
            assert sco.get(f"{ADLCP}scormtype") == "sco" and sco.get("href") in names
            assert item.get(XML_LANG) == lang
        listed = {f.get("href") for r in resources.values() for f in r.iter(f"{IMSCP}file")}
        assert listed == set(names) - {"imsmanifest.xml"}, name
        if name.endswith("-course.zip"):
            assert [i.get("identifier") for i in items] == [f"item-{m}" for m in project.route]
        for item in items:
            module_id = item.get("identifier").removeprefix("item-")
            assert item.findtext(f"{IMSCP}title") == project.module_title(module_id, lang)
            assert any(n.endswith(f"handouts/{module_id}-learner-{lang}.pdf") for n in names)  # its PDFs are inside
    assert not schema.is_valid(raw.decode("utf-8").replace('adlcp:scormtype="sco"', 'adlcp:scormtype="scorm"'))


def test_package_page_is_the_site_page_without_search_and_with_outside_links(packages, site_dir, project):
    with zipfile.ZipFile(packages / "en/methodical-work.zip") as package:
        html = package.read("en/training/methodical-work/index.html").decode("utf-8")
    site = (site_dir / "en/training/methodical-work/index.html").read_text(encoding="utf-8")
    for part in ('class="vw-statement', 'data-answer="reflection"', 'data-answer="checklist"', 'class="vw-term',
                 'class="vw-downloads', 'id="vw-module-data"'):
        assert html.count(part) == site.count(part) > 0, part  # same templates, tooltips and handouts
    assert 'data-md-component="search"' in site and 'data-md-component="search"' not in html
    assert 'for="__search"' not in html
    links = re.findall(rf'<a [^>]*href="{re.escape(project.site_url)}en/vision/relationship/"[^>]*>', html)
    assert links and all('target="_blank"' in a and 'rel="noopener"' in a for a in links)
    assert 'rel="next"' not in html and 'rel="prev"' not in html
    assert "lz-string.min.js" in html and 'data-vw-component="lms-bridge answer-form' in html


def test_unchanged_site_reuses_the_packages(packages, project):
    before = {p: p.stat().st_mtime_ns for p in packages.rglob("*.zip")}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "scorm.py"), "--out", str(packages)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "reused" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in packages.rglob("*.zip")} == before
    key = scorm.inputs_key(project)
    moved = scorm.Project(project.root, dataclasses.replace(project.catalogue, site_url="https://elsewhere.example/"))
    assert scorm.inputs_key(moved) != key  # another SITE_URL makes other packages


# --- the SCO in a learning platform ------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_sco_reports_status_interactions_and_finish(platform, lang):
    lms = platform()
    package = f"{lang}/{SAMPLE[lang]}.zip"
    frame = lms.launch(package)
    assert lms.calls("LMSInitialize")[0][-1] == "true"
    lms.wait_for_commit(0)
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"
    assert frame.locator("html").get_attribute("lang") == lang
    data = module_data(frame)
    ratings = rate_all(frame, data)
    lms.tab.wait_for_function("(count) => Object.keys(cmi().interactions).length === count", arg=len(ratings))
    recorded = {i["id"]: (i["type"], i["student_response"]) for i in lms.cmi()["interactions"].values()}
    assert recorded == {statement: ("likert", rating) for statement, rating in ratings.items()}
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"  # the reflections are not written yet
    lms.leave()  # left unfinished
    assert lms.calls("LMSFinish")[-1][-1] == "true"
    left = {c[1]: c[2] for c in lms.calls("LMSSetValue")}
    assert left["cmi.core.exit"] == "suspend" and re.fullmatch(r"\d{4}:\d\d:\d\d\.\d\d", left["cmi.core.session_time"])
    stored = lms.cmi()

    frame = lms.launch(package, resume={"core": {"lesson_status": stored["core"]["lesson_status"], "entry": "resume"},
                                        "suspend_data": stored["suspend_data"]})
    for index, reflection in enumerate(data["reflections"]):
        frame.locator(f'textarea[data-id="{reflection["id"]}"]').fill(f"Mijn antwoord {index}.")
    lms.tab.wait_for_function("() => cmi().core.lesson_status === 'completed'")
    lms.leave()
    assert [c[1:3] for c in lms.calls("LMSSetValue") if c[1] == "cmi.core.exit"][-1] == ["cmi.core.exit", ""]
    assert lms.outside(package) == [] and lms.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_long_reflections_fit_and_a_resume_elsewhere_restores_what_was_kept(platform, lang):
    first = platform()
    package = f"{lang}/{SAMPLE[lang]}.zip"
    frame = first.launch(package)
    data = module_data(frame)
    ratings = rate_all(frame, data)
    texts = {r["id"]: long_text(seed, words=150 * (seed + 1)) for seed, r in enumerate(data["reflections"])}
    for reflection_id, text in texts.items():
        frame.locator(f'textarea[data-id="{reflection_id}"]').fill(text)
    ticked = [box.get_attribute("data-id") for box in frame.locator("input[data-answer=checklist]").all()[::2]]
    for item in ticked:
        frame.locator(f'input[data-answer=checklist][data-id="{item}"]').check()
    first.sco().wait_for_function(  # the last tick has reached the LMS
        """(ticks) => { const kept = VerbindendWerken.LmsBridge.unpack(parent.API.cmi.suspend_data,
                            VerbindendWerken.moduleStore.moduleId);
                        return kept && Object.values(kept.record.checklist).filter(Boolean).length === ticks; }""",
        arg=len(ticked))
    kept = decoded(first, first.cmi()["suspend_data"])
    first.leave()
    stored = first.cmi()
    suspend = stored["suspend_data"]
    assert 0 < len(suspend) <= LIMIT
    assert kept["record"]["rounds"][-1]["ratings"] == ratings
    assert {k for k, v in kept["record"]["checklist"].items() if v} == set(ticked)
    omitted = set(kept["elsewhere"]["reflections"])
    assert omitted and omitted < set(texts)  # not everything fits, yet some whole reflections do
    assert all(kept["record"]["reflections"][r] == texts[r] for r in set(texts) - omitted)  # whole, never cut
    assert stored["core"]["lesson_status"] == "completed"
    # The learner is told, where they type, which answer stays in this browser only; this browser keeps all.
    first.launch(package, resume={"core": {"lesson_status": stored["core"]["lesson_status"], "entry": "resume"},
                                  "suspend_data": suspend})
    frame = first.frame
    for reflection_id in omitted:
        note = frame.locator(f"#lms-note-{reflection_id}")
        assert note.is_visible() and note.inner_text()
        assert frame.locator(f'textarea[data-id="{reflection_id}"]').get_attribute("aria-describedby") == f"lms-note-{reflection_id}"
        assert frame.locator(f'textarea[data-id="{reflection_id}"]').input_value() == texts[reflection_id]

    other = platform()  # another computer: a fresh browser profile, the LMS's stored data
    frame = other.launch(package, resume={"core": {"lesson_status": stored["core"]["lesson_status"], "entry": "resume"},
                                          "suspend_data": suspend})
    for statement, rating in ratings.items():
        assert frame.locator(f'input[name="rating-{statement}"][value="{rating}"]').is_checked()
    for box in frame.locator("input[data-answer=checklist]").all():
        assert box.is_checked() == (box.get_attribute("data-id") in ticked)
    for reflection_id, text in texts.items():
        area = frame.locator(f'textarea[data-id="{reflection_id}"]')
        if reflection_id in omitted:
            assert area.input_value() == "" and frame.locator(f"#lms-note-{reflection_id}").is_visible()
        else:
            assert area.input_value() == text
    other.wait_for_commit(0)
    assert len(other.cmi()["suspend_data"]) <= LIMIT
    assert other.outside(package) == [] and first.outside(package) == []
    assert other.errors == [] and first.errors == []


def test_course_package_launches_each_module_as_its_own_sco(platform, project):
    lms = platform()
    package = "nl-course.zip"
    hrefs = lms.launches[package]
    assert hrefs == [scorm.page_path(project, "nl", module) + "?interactions=off" for module in project.route]
    for module, href in zip(project.route, hrefs):
        before = len(lms.calls("LMSInitialize"))
        frame = lms.launch(package, href=href)
        assert module_data(frame)["id"] == module
        assert len(lms.calls("LMSInitialize")) == before + 1
        lms.wait_for_commit(0)
        assert lms.cmi()["core"]["lesson_status"] == "incomplete"
    assert lms.outside(package) == [] and lms.errors == []


def test_sco_in_a_window_of_its_own_finds_the_api_through_its_opener(platform):
    lms = platform()
    package = "fr/many-adults.zip"
    href = lms.unpack(package) + lms.launches[package][0]
    with lms.tab.expect_popup() as popup:
        lms.tab.evaluate("(href) => launchWindow(href)", href)
    window = popup.value
    window.wait_for_load_state()
    statement = statements(module_data(window))[0]
    window.locator(f'input[name="rating-{statement}"][value="2"]').check()
    lms.tab.wait_for_function("(id) => Object.values(cmi().interactions).some(i => i.id === id)", arg=statement)
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"
    window.close(run_before_unload=True)
    lms.tab.wait_for_function("() => window.calls.some(c => c[0] === 'LMSFinish')")


@pytest.mark.parametrize("how", ["returns-false", "throws", "fails-after-start"])
def test_a_broken_lms_never_breaks_the_page_nor_loses_answers(platform, how):
    lms = platform()
    package = "en/methodical-work.zip"
    frame = lms.launch(package, broken=how)
    data = module_data(frame)
    first = statements(data)[0]
    frame.locator(f'input[name="rating-{first}"][value="3"]').check()
    frame.locator("textarea[data-answer=reflection]").first.fill("Kept here.")
    message = frame.locator(".vw-lms-message")
    message.wait_for(state="visible")
    assert "learning platform" in message.inner_text()
    lms.leave(finishes=how == "fails-after-start")
    frame = lms.launch(package, broken=how)  # same browser: every answer is still there
    assert frame.locator(f'input[name="rating-{first}"][value="3"]').is_checked()
    assert frame.locator("textarea[data-answer=reflection]").first.input_value() == "Kept here."
    assert lms.errors == [] and lms.outside(package) == []


def test_outside_a_learning_platform_the_package_works_like_the_site(browser, lms):
    package = "fr/young-child-needs.zip"
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(lms.base + lms.unpack(package) + lms.launches[package][0])
    statement = statements(module_data(tab))[0]
    tab.locator(f'input[name="rating-{statement}"][value="5"]').check()
    tab.reload()
    assert tab.locator(f'input[name="rating-{statement}"][value="5"]').is_checked()
    assert tab.locator(".vw-lms-note, .vw-lms-message").count() == 0
    assert errors == []
    context.close()


@pytest.mark.parametrize("api", ["working", "broken"])
def test_package_page_in_a_platform_has_no_accessibility_violations(browser, lms, api):
    """The SCO page as the LMS shows it, with the bridge's notes on screen (the LMS's API in the page's own window)."""
    package = "nl/methodical-work.zip"
    context = browser.new_context()
    context.add_init_script(path=str(RUNTIME))
    context.add_init_script("window.API = new Scorm12API({ autocommit: false, logLevel: 5 });" if api == "working" else
                            "window.API = { LMSInitialize: () => 'false', LMSGetLastError: () => '101' };")
    tab = context.new_page()
    tab.goto(lms.base + lms.unpack(package) + lms.launches[package][0])
    area = tab.locator("textarea[data-answer=reflection]").first
    area.fill(long_text(7, words=1200))
    shown = tab.locator(".vw-lms-note" if api == "working" else ".vw-lms-message").first
    shown.wait_for(state="visible")
    assert run_axe(tab) == []
    context.close()


# --- issue 18: what real platforms and real browsers bring -----------------------------------------

def test_a_course_package_writes_no_interactions_so_a_module_can_be_opened_again(platform):
    """Moodle 4.5 cannot start a SCO a second time in one player visit once it wrote interactions."""
    lms = platform()
    package = "nl-course.zip"
    for visit, href in enumerate(lms.launches[package][:2] + lms.launches[package][:1], 1):
        frame = lms.launch(package, href=href)
        lms.wait_for_commit(0)
        commits = lms.commits()
        statement = statements(module_data(frame))[0]
        frame.locator(f'input[name="rating-{statement}"][value="{visit}"]').check()
        lms.wait_for_commit(commits)
        assert lms.cmi()["interactions"] == {}
        assert decoded(lms, lms.cmi()["suspend_data"])["record"]["rounds"][-1]["ratings"][statement] == str(visit)
    assert not [c for c in lms.calls("LMSSetValue") if c[1].startswith("cmi.interactions.")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_score_is_the_share_answered_and_a_finished_module_scores_100(platform, lang):
    lms = platform()
    package = f"{lang}/{SAMPLE[lang]}.zip"
    frame = lms.launch(package)
    data = module_data(frame)
    total = len(statements(data)) + len(data["reflections"])
    first = statements(data)[0]
    frame.locator(f'input[name="rating-{first}"][value="2"]').check()
    lms.tab.wait_for_function("(raw) => cmi().core.score.raw === raw", arg=str(round(100 / total)))
    assert (lms.cmi()["core"]["score"]["min"], lms.cmi()["core"]["score"]["max"]) == ("0", "100")
    rate_all(frame, data)
    for reflection in data["reflections"]:
        frame.locator(f'textarea[data-id="{reflection["id"]}"]').fill("Klaar.")
    lms.tab.wait_for_function("() => cmi().core.lesson_status === 'completed' && cmi().core.score.raw === '100'")


def test_in_preview_the_module_is_browsed_never_completed(platform):
    lms = platform()
    package = "fr/young-child-needs.zip"
    frame = lms.launch(package, resume={"core": {"lesson_mode": "browse"}})
    assert lms.tab.evaluate("API.cmi.core.lesson_mode") == "browse"
    data = module_data(frame)
    rate_all(frame, data)
    for reflection in data["reflections"]:
        frame.locator(f'textarea[data-id="{reflection["id"]}"]').fill("Juste pour voir.")
    lms.tab.wait_for_function("() => calls.filter(c => c[0] === 'LMSCommit').length > 1")
    lms.leave()
    statuses = [c[2] for c in lms.calls("LMSSetValue") if c[1] == "cmi.core.lesson_status"]
    assert statuses and set(statuses) == {"browsed"}
    assert not [c for c in lms.calls("LMSSetValue") if c[1] == "cmi.core.score.raw"]




@pytest.mark.parametrize("how", REFUSALS)
def test_when_the_browser_refuses_storage_the_platform_keeps_every_answer(browser, lms, how):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(REFUSALS[how])
    try:
        first = Platform(context, lms)
        package = "en/attachment-connection.zip"
        frame = first.launch(package)
        data = module_data(frame)
        ratings = rate_all(frame, data)
        frame.locator("textarea[data-answer=reflection]").first.fill("Only the platform keeps this.")
        message = frame.locator("[data-store-message]")
        message.wait_for(state="visible")
        assert "the learning platform does" in message.inner_text()
        first.sco().wait_for_function("""(count) => { const kept = VerbindendWerken.LmsBridge.unpack(parent.API.cmi.suspend_data,
            VerbindendWerken.moduleStore.moduleId); return kept && Object.keys(kept.record.reflections).length === 1
            && Object.keys(kept.record.rounds[kept.record.rounds.length - 1].ratings).length === count; }""",
                                      arg=len(ratings))
        stored = first.cmi()
        first.leave()
        assert first.errors == []
        # the next visit, in the same refusing browser: everything comes back from the platform
        frame = first.launch(package, resume={"core": {"lesson_status": stored["core"]["lesson_status"], "entry": "resume"},
                                              "suspend_data": stored["suspend_data"]})
        for statement, rating in ratings.items():
            assert frame.locator(f'input[name="rating-{statement}"][value="{rating}"]').is_checked()
        assert frame.locator("textarea[data-answer=reflection]").first.input_value() == "Only the platform keeps this."
        # a reflection too long for the platform: the learner is told it is kept nowhere once the page closes
        area = frame.locator("textarea[data-answer=reflection]").nth(1)
        area.fill(long_text(3, words=1500))
        note = frame.locator(f"#lms-note-{area.get_attribute('data-id')}")
        note.wait_for(state="visible")
        assert "cannot keep it" in note.inner_text()
    finally:
        context.close()


def many_rounds(data: dict, count: int) -> list[dict]:
    rng = random.Random(11)
    rounds = []
    for n in range(count):
        started = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}T09:00:00.000Z"
        ratings = {s: rng.choice(["1", "2", "3", "4", "5", "na"]) for s in statements(data)}
        rounds.append({"started": started, "ratings": ratings, "times": {s: started for s in ratings}})
    return rounds


def test_what_does_not_fit_in_the_platform_is_named_on_the_page_and_stays_named_everywhere(platform):
    """Earlier rounds and a long reflection do not fit in 4,096 characters: this browser says it keeps
    them, another browser says where they are, and that stays so after the other browser writes."""
    first = platform()
    package = "nl/methodical-work.zip"
    frame = first.launch(package)
    data = module_data(frame)
    long_reflection = data["reflections"][0]["id"]
    record = {"format": "verbindend-werken/answers", "version": 2, "module": data["id"], "updated": "2026-06-01T09:00:00.000Z",
              "rounds": many_rounds(data, 60), "checklist": {},
              "reflections": {long_reflection: long_text(5, words=1500)}}
    first.sco().evaluate("(record) => localStorage.setItem('verbindend-werken:answers:' + record.module, JSON.stringify(record))",
                         record)
    first.leave()
    frame = first.launch(package)
    first.wait_for_commit(0)
    kept = decoded(first, first.cmi()["suspend_data"])
    dropped = kept["elsewhere"]["rounds"]
    assert dropped and set(dropped) < {r["started"] for r in record["rounds"]}
    assert kept["elsewhere"]["reflections"] == [long_reflection]
    assert kept["record"]["rounds"][-1]["started"] == record["rounds"][-1]["started"]
    rounds_note = frame.locator("#lms-note-rounds")
    assert rounds_note.is_visible() and "in deze browser" in rounds_note.inner_text()
    stored = first.cmi()
    first.leave()

    second = platform()  # another computer: it has only what the platform kept
    resume = {"core": {"lesson_status": stored["core"]["lesson_status"], "entry": "resume"}, "suspend_data": stored["suspend_data"]}
    frame = second.launch(package, resume=resume)
    assert "in de browser waarin je ze gaf" in frame.locator("#lms-note-rounds").inner_text()
    assert frame.locator(f"#lms-note-{long_reflection}").is_visible()
    statement = statements(data)[0]
    second.wait_for_commit(0)
    commits = second.commits()
    frame.locator(f'input[name="rating-{statement}"][value="1"]').check()  # the second browser writes the copy again
    second.wait_for_commit(commits)
    again = decoded(second, second.cmi()["suspend_data"])
    assert again["elsewhere"]["reflections"] == [long_reflection]
    assert set(dropped) <= set(again["elsewhere"]["rounds"])  # still named; a round more may have given way
    assert again["record"]["rounds"][-1]["ratings"][statement] == "1"
    stored = second.cmi()
    second.leave()

    third = platform()  # a third computer still hears where those answers are
    frame = third.launch(package, resume={"core": resume["core"], "suspend_data": stored["suspend_data"]})
    assert frame.locator(f"#lms-note-{long_reflection}").is_visible()
    assert frame.locator("#lms-note-rounds").is_visible()
    assert first.errors == [] and second.errors == [] and third.errors == []
