# Two commands for a newcomer: `make serve` (preview) and `make test` (all tests).
# Each sets up what it needs: a virtual environment in .venv with the pinned packages,
# and for the tests the pinned npm packages (axe-core, the Nu HTML checker).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# make serve PORT=8001: a second preview beside another one.
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test deploy need-site-url bench serve-latency lighthouse map-data new clean
serve: $(VENV)/.site-deps            ## preview on http://127.0.0.1:$(PORT)/ with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(VENV)/.site-deps            ## build site/ and fail on any warning
	$(BIN)/mkdocs build --strict

test: $(VENV)/.dev-deps node_modules/.installed   ## every test, browser tests included
	$(BIN)/python -m pytest

deploy: need-site-url $(VENV)/.site-deps   ## build for SITE_URL and push to the gh-pages branch
	$(BIN)/mkdocs gh-deploy --strict --force --no-history

# Without SITE_URL the canonical links, the sitemap and the 404 page would point at the preview.
need-site-url:
	@test -n "$$SITE_URL" || { echo "make deploy: set the address the site is published at, e.g. SITE_URL=https://<user>.github.io/<repo>/ make deploy" >&2; exit 2; }

bench: $(VENV)/.site-deps            ## hooks benchmark: 300 and 600 pages without, with citations, with all hooks
	$(BIN)/python scripts/bench.py

serve-latency: $(VENV)/.site-deps    ## mkdocs serve: seconds from saving a page to its new text, with and without hooks
	$(BIN)/python scripts/serve_latency.py

lighthouse: $(VENV)/.dev-deps node_modules/.installed   ## Lighthouse scores of every page
	$(BIN)/python scripts/lighthouse.py

map-data: $(VENV)/.site-deps node_modules/.installed   ## the map's country outlines for the frames in places.yml
	$(BIN)/python -m explainer.map.outlines

# DIR and NAME reach the script as typed: copied unexpanded ($(value)) into variables the
# recipe's shell reads in double quotes, so no $, `, " or \ in them is read by make or sh.
# NAME counts only on make's command line (some systems set NAME in the environment); given
# empty or blank, the script refuses it.
new: export NEW_DIR := $(value DIR)
new: export NEW_NAME := $(value NAME)
new: export NEW_LANGUAGE := $(value SITE_LANGUAGE)
new: $(VENV)/.site-deps              ## a new explainer: make new DIR=../mein-thema [SITE_LANGUAGE=en] [NAME="Mein Thema"]
	@test -n "$$NEW_DIR" || { echo "make new: give a folder, e.g. make new DIR=../mein-thema" >&2; exit 2; }
	$(BIN)/python -m explainer.scaffold "$$NEW_DIR" --language "$${NEW_LANGUAGE:-de}" $(if $(filter command line,$(origin NAME)),--name "$$NEW_NAME")

clean:
	rm -rf site .pytest_cache test-artifacts

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The pinned packages, then the generator's own package (src/explainer) as an editable install.
$(VENV)/.site-deps: requirements.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
