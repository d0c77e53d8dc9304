"""Benchmark: build times as ratios to a plain MkDocs build of the same Markdown, measured in one run.

    python tools/bench.py          (or: make bench)

Measures, each in a fresh process on a throw-away copy of the project:
  (a) plain: Material + mkdocs-static-i18n, the same docs, without the project's hooks and overrides
  (b) full build, cold PDF cache
  (c) full build, warm PDF cache (and warm compiled-template cache)
  (c0) the same without the compiled-template cache: what the project's own work adds to a plain build
  (d) full build of a synthetic copy with ten times the modules and pages (PDF cache warmed first)
  (d0) plain build of that copy: how much of the growth the theme and MkDocs bring by themselves
  (e) a one-language build, as the live preview (`make serve-nl`) rebuilds after an edit
  (f) `make scorm` from scratch: the site build plus every SCORM package (warm PDF cache)
  (g) `make scorm` again on the unchanged site: the packages are reused
plus page weight per page type (HTML + CSS + JS + fonts, gzip-compressed, search index excluded) and,
when tools/lighthouse_report.py can run, Lighthouse scores. Results go to bench/results.json and
BENCHMARKS.md. Times are reported as ratios to (a) so that they compare across machines.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.projects import copy_project  # noqa: E402

# Issue 20: our own share at ten times the content, (d)/(d0), at most (c)/(a) plus OWN_SHARE_SLACK.
TARGETS = {"warm_over_plain": 1.15, "cold_over_plain": 6.0, "own_share_slack": 0.1, "page_kb": 150,
           "lighthouse_performance": 0.99}
# Wrapper that runs mkdocs and prints the peak memory of it and its worker processes.
MEASURED_MKDOCS = (
    "import atexit, resource, runpy, sys\n"
    "def peak():\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    print(f'PEAK_RSS_KB={max(own, kids)}', file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['mkdocs'] + sys.argv[1:]\n"
    "runpy.run_module('mkdocs', run_name='__main__')\n"
)


def plain_config(project: Path) -> None:
    """The same site as plain Material + mkdocs-static-i18n: no hooks, no theme overrides."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text)
    text = text.replace("  custom_dir: overrides\n", "").replace("  favicon: assets/favicon.svg\n", "")
    text = re.sub(r"\nextra_css:\n(  [-#].*\n)+", "\n", text)  # list items and their comments
    text = re.sub(r"\nextra_javascript:\n(  [-#].*\n)+", "\n", text)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def multiply(project: Path, factor: int = 10) -> None:
    """Ten times the modules and pages: copies of every page (and module, with a new id) in every language."""
    docs = project / "docs"
    for page in sorted(docs.rglob("*.md")):
        for n in range(2, factor + 1):
            stem, lang, _ = page.name.rsplit(".", 2)
            copy = page.with_name(f"{stem}-copy{n}.{lang}.md")
            text = page.read_text(encoding="utf-8")
            if page.parent.name == "training" and stem != "index":
                text = text.replace(f"id: {stem}\n", f"id: {stem}-copy{n}\n", 1)
            copy.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nnav:\n(.*\n?)*", "\n", config)  # navigation built from the files
    config = config.replace("  omitted_files: warn\n", "  omitted_files: info\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


def timed_build(project: Path, site: Path, cache: Path, **extra_env: str) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VW_PDF_CACHE": str(cache), **extra_env}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED_MKDOCS, "build", "--site-dir", str(site)],
                            cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    peak = int(re.search(r"PEAK_RSS_KB=(\d+)", result.stderr).group(1))
    pages = sum(1 for _ in site.rglob("*.html"))
    rendered = sum(int(n) for n in re.findall(r"PDF handouts \[\w+\]: (\d+) rendered", result.stderr))
    return {"seconds": round(seconds, 2), "pages": pages, "ms_per_page": round(1000 * seconds / pages, 1),
            "peak_memory_mb": round(peak / 1024), "pdfs_rendered": rendered}


def timed_scorm(project: Path, out: Path, cache: Path) -> dict:
    """`make scorm` (tools/scorm.py) on `project`, in a fresh process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VW_PDF_CACHE": str(cache)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "scorm.py"), "--project", str(project), "--out", str(out)],
                            env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"make scorm failed in {project}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    packages = sum(1 for _ in out.rglob("*.zip"))
    return {"seconds": round(seconds, 2), "packages": packages, "output": result.stdout.strip()}


def median_build(project: Path, site: Path, cache: Path, repeat: int = 3, **extra_env: str) -> dict:
    """The median of several builds: one build of a second or so is at the mercy of noise."""
    runs = sorted((timed_build(project, site, cache, **extra_env) for _ in range(repeat)), key=lambda r: r["seconds"])
    return dict(runs[len(runs) // 2], repeats=repeat)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def page_weight(site: Path, page: str) -> dict:
    """Compressed bytes of one page and everything it loads from the site (search index excluded)."""
    html_file = site / page
    html = html_file.read_text(encoding="utf-8")
    assets = {(html_file.parent / ref).resolve() for ref in
              re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"#?]+\.(?:css|js))"', html)}
    css_fonts = set()
    for css in (a for a in assets if a.suffix == ".css"):
        css_fonts |= {(css.parent / ref).resolve() for ref in
                      re.findall(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf))", css.read_text(encoding="utf-8"))}
    files = [html_file, *sorted(assets | css_fonts)]
    total = sum(gzip_size(f) for f in files if f.exists())
    return {"page": page, "kb_compressed": round(total / 1024, 1), "files": len(files)}


PAGE_TYPES = {"home": "index.html", "content page": "vision/relationship/index.html",
              "module": "training/methodical-work/index.html", "glossary": "glossary/index.html",
              "training overview": "training/index.html", "home (fr)": "fr/index.html"}


def lighthouse() -> dict | None:
    """Scores from tools/lighthouse_report.py, or None where Lighthouse is not installed."""
    script = ROOT / "tools" / "lighthouse_report.py"
    result = subprocess.run([sys.executable, str(script), "--json", "--no-install"], capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else None


def main() -> int:
    load_at_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="vw-bench-"))
    try:
        plain = copy_project(work / "plain")
        plain_config(plain)
        full = copy_project(work / "full")
        synthetic = copy_project(work / "synthetic")
        multiply(synthetic)
        synthetic_plain = copy_project(work / "synthetic-plain")
        multiply(synthetic_plain)
        plain_config(synthetic_plain)
        cache = work / "pdf-cache"
        timed_build(plain, work / "site-warmup", cache)  # fill the OS file cache before measuring
        runs = {"a_plain": median_build(plain, work / "site-a", cache),
                "b_cold": timed_build(full, work / "site-b", cache),
                "c_warm": median_build(full, work / "site-c", cache),
                "c0_no_template_cache": median_build(full, work / "site-c0", cache, VW_TEMPLATE_CACHE="off")}
        timed_build(full, work / "site-e0", cache, BUILD_ONLY_LOCALE="nl")  # its PDFs carry other addresses
        runs["e_preview_nl"] = median_build(full, work / "site-e", cache, BUILD_ONLY_LOCALE="nl")
        timed_build(synthetic, work / "site-d0", cache)  # warm the synthetic copy's PDF cache
        runs["d_synthetic_10x"] = timed_build(synthetic, work / "site-d", cache)
        runs["d0_synthetic_plain"] = timed_build(synthetic_plain, work / "site-d0-plain", cache)
        scorm = {"f_scorm_fresh": timed_scorm(full, work / "scorm", cache)}
        scorm["g_scorm_unchanged"] = timed_scorm(full, work / "scorm", cache)
        base = runs["a_plain"]["seconds"]
        for run in [*runs.values(), *scorm.values()]:
            run["ratio_to_plain"] = round(run["seconds"] / base, 2)
        weights = [dict(page_weight(work / "site-c", path), type=kind) for kind, path in PAGE_TYPES.items()]
        results = {
            "date": datetime.datetime.now().isoformat(timespec="minutes"),
            "machine": f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
                       f" · load average {load_at_start:.1f} at the start (other work on the machine slows every figure)",
            "runs": runs,
            "scorm": scorm,
            "warm_over_plain": runs["c_warm"]["ratio_to_plain"],
            "cold_over_plain": runs["b_cold"]["ratio_to_plain"],
            "synthetic_over_warm": round(runs["d_synthetic_10x"]["seconds"] / runs["c_warm"]["seconds"], 2),
            "plain_growth": round(runs["d0_synthetic_plain"]["seconds"] / runs["a_plain"]["seconds"], 2),
            "own_share_10x": round(runs["d_synthetic_10x"]["seconds"] / runs["d0_synthetic_plain"]["seconds"], 2),
            "page_weight": weights,
            "lighthouse": lighthouse(),
        }
        results["targets"] = {
            "warm ≤ 1.15 × plain": results["warm_over_plain"] <= TARGETS["warm_over_plain"],
            "cold ≤ 6 × plain": results["cold_over_plain"] <= TARGETS["cold_over_plain"],
            "unchanged rebuild renders no PDF": runs["c_warm"]["pdfs_rendered"] == 0,
            "own share at 10× ≤ today's + 0.1": results["own_share_10x"]
            <= results["warm_over_plain"] + TARGETS["own_share_slack"],
            "every page ≤ 150 KB compressed": all(w["kb_compressed"] <= TARGETS["page_kb"] for w in weights),
        }
        if results["lighthouse"]:
            results["targets"]["Lighthouse performance ≥ 0.99 on every page type"] = all(
                s["performance"] >= TARGETS["lighthouse_performance"] for s in results["lighthouse"].values())
        (ROOT / "bench").mkdir(exist_ok=True)
        previous = ROOT / "bench" / "results.json"
        if previous.exists():  # the run before this one, for the report's before/after
            before = json.loads(previous.read_text())
            results["previous"] = {name: before.get(name) for name in ("date", "warm_over_plain", "cold_over_plain")}
            results["previous"]["own_share_10x"] = round(
                before["runs"]["d_synthetic_10x"]["seconds"] / before["runs"]["d0_synthetic_plain"]["seconds"], 2)
        (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        (ROOT / "BENCHMARKS.md").write_text(report(results), encoding="utf-8")
        print(report(results))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(results: dict) -> str:
    lines = ["# Benchmarks", "", f"Latest run: {results['date']} on {results['machine']}.",
             "Made by `make bench` (tools/bench.py). Times are ratios to (a), measured in the same run;",
             "(a), (c), (c0) and (e) are the median of three builds.", "",
             "| build | seconds | × plain | pages | ms/page | peak memory | PDFs rendered |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    names = {"a_plain": "(a) plain Material + i18n, no hooks", "b_cold": "(b) full, cold PDF cache",
             "c_warm": "(c) full, warm PDF cache",
             "c0_no_template_cache": "(c0) as (c), without the compiled-template cache",
             "d_synthetic_10x": "(d) full, 10× modules and pages",
             "d0_synthetic_plain": "(d0) plain, 10× modules and pages",
             "e_preview_nl": "(e) one language (`make serve-nl` rebuild after an edit)"}
    for key, run in results["runs"].items():
        lines.append(f"| {names[key]} | {run['seconds']} | {run['ratio_to_plain']} | {run['pages']} | "
                     f"{run['ms_per_page']} | {run['peak_memory_mb']} MB | {run['pdfs_rendered']} |")
    scorm_names = {"f_scorm_fresh": "(f) `make scorm` from scratch (site build + packages)",
                   "g_scorm_unchanged": "(g) `make scorm` again, site unchanged (packages reused)"}
    if results.get("scorm"):
        lines += ["", "| SCORM packages | seconds | × plain | packages |", "| --- | --- | --- | --- |"]
        lines += [f"| {scorm_names[key]} | {run['seconds']} | {run['ratio_to_plain']} | {run['packages']} |"
                  for key, run in results["scorm"].items()]
    without_cache = results["runs"]["c0_no_template_cache"]["ratio_to_plain"]
    lines += ["", f"(c)/(a) = {results['warm_over_plain']} (target ≤ 1.15; {without_cache} without the template cache); "
                  f"(b)/(a) = {results['cold_over_plain']} "
                  "(target ≤ 6); "
                  f"(d)/(d0) = {results['own_share_10x']} (our share at ten times the content; target ≤ (c)/(a) + 0.1 = "
                  f"{round(results['warm_over_plain'] + TARGETS['own_share_slack'], 2)}); "
                  f"(d)/(c) = {results['synthetic_over_warm']} (the plain build itself grows (d0)/(a) = "
                  f"{results['plain_growth']}).", "",
              "| page type | page | KB compressed (HTML + CSS + JS + fonts) |", "| --- | --- | --- |"]
    if results.get("previous"):
        before = results["previous"]
        lines[-3:-3] = [f"Before (the run of {before['date']}): (c)/(a) = {before['warm_over_plain']}, "
                        f"(b)/(a) = {before['cold_over_plain']}, (d)/(d0) = {before['own_share_10x']}.", ""]
    lines += [f"| {w['type']} | `{w['page']}` | {w['kb_compressed']} |" for w in results["page_weight"]]
    lines += ["", "Targets: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}"
                                          for name, ok in results["targets"].items())]
    if results["lighthouse"]:
        lines += ["", "Lighthouse per page type: mobile audit (simulated slow 4G), the site served by nginx with",
                  "deploy/nginx.conf (compressed, cached) as a host serves it (tools/lighthouse_report.py).", "",
                  "| page type | performance | accessibility | best practices | SEO | first contentful paint "
                  "| largest contentful paint |", "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {kind} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
                  f"{s['fcp_s']} s | {s['lcp_s']} s |" for kind, s in results["lighthouse"].items()]
    else:
        lines += ["", "Lighthouse: not available on this machine (run `make lighthouse` once to install it)."]
    test_durations = ROOT / "bench" / "make-test.md"  # measured by hand: `make test` from a clean clone
    if test_durations.exists():
        lines += ["", test_durations.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
