# Every target is a file (or a stamp) whose prerequisites are its inputs and its code, so a second
# `make all` with nothing changed does no work. `make help` lists the targets.
.DEFAULT_GOAL := all
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CONFIG ?=
OUT ?= .
# make splits its targets at spaces: an output folder "out/Osaava Pohjanmaa" broke every rule with make's own errors
ifneq ($(words $(OUT)),1)
$(error OUT="$(OUT)": make cannot write to a folder whose name has a space; use a name without one, or run python -m pipeline run --config CONFIG --out "$(OUT)")
endif

CODE := $(shell find pipeline -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.toml' -o -name '*.j2' \) 2>/dev/null)
MANIFEST := $(OUT)/processed/manifest.json
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
EXECUTED := $(patsubst notebooks/%.ipynb,$(OUT)/reports/notebooks/%.ipynb,$(NOTEBOOKS))

.PHONY: all install run test test-fast notebooks lab demo bench docs voikko voikko-if-possible clients clients-if-possible clean help FORCE

all: $(MANIFEST) ## set up .venv if needed and run the pipeline on the demo (or CONFIG=project.toml)

install: $(INSTALLED) ## create .venv and install the package with its dependencies

$(INSTALLED): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@# simplemma's dictionaries as tries in the user cache, so that no run pays seconds to decode them
	$(PY) -m pipeline.text.lemmas
	@# py3langid's model uncompressed in the user cache (0.5 s less per process)
	$(PY) -m pipeline.text.langid_model
	@$(MAKE) --no-print-directory voikko-if-possible
	@$(MAKE) --no-print-directory clients-if-possible
	@touch $@

# Voikko (Finnish morphology) is a system library: installed when this machine allows it (root and
# apt-get); elsewhere the pipeline uses simplemma and the Voikko-path tests report that they did not run.
voikko-if-possible:
	@if ldconfig -p 2>/dev/null | grep -c "libvoikko\.so\.1" >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi >/dev/null) \
	  || echo "make: Voikko could not be installed; simplemma is used instead"; \
	else echo "make: Voikko not installed (needs root: make voikko); simplemma is used instead"; fi

# The clients the steering group opens the reports in (Chromium, LibreOffice Calc and Impress) are system
# packages: installed when this machine allows it (root and apt-get); elsewhere tests/test_clients.py reports
# that it did not run, with the reason.
CLIENT_PACKAGES := chromium libreoffice-calc-nogui libreoffice-impress-nogui fonts-dejavu-core
clients-if-possible:
	@if command -v chromium >/dev/null && command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	     $(CLIENT_PACKAGES) >/dev/null) \
	  || echo "make: Chromium/LibreOffice could not be installed; the client tests will be skipped"; \
	else echo "make: Chromium/LibreOffice not installed (needs root: make clients); the client tests will be skipped"; fi

clients: ## install Chromium and LibreOffice for the client tests (Debian, as root; make install tries it too)
	apt-get update -qq && apt-get install -y --no-install-recommends $(CLIENT_PACKAGES)

# The inputs (the config, every file beside it and every file it names, wherever it is: `python -m
# pipeline.inputs`) are summed into a stamp that changes only when one of them does, so that file names with
# spaces or parentheses ("Feedback (svar).csv") need not be make prerequisites. One stamp per output folder:
# switching between projects (CONFIG=… OUT=…) does not rerun the one left as it was.
CONFIG_FILE := $(if $(CONFIG),$(CONFIG),raw/demo/project.toml)
INPUTS_STAMP := .make/inputs$(subst /,_,$(abspath $(OUT))).sha256

$(INPUTS_STAMP): FORCE | $(INSTALLED)
	@mkdir -p $(@D)
	@test -f "$(CONFIG_FILE)" || { echo "make: $(CONFIG_FILE): config file not found" >&2; exit 2; }
	@{ echo "$(CONFIG_FILE)"; { find "$$(cd "$$(dirname "$(CONFIG_FILE)")" && pwd)" -maxdepth 1 -type f ! -name '.*' -print; \
	   $(PY) -m pipeline.inputs "$(CONFIG_FILE)"; } | sort -u | tr '\n' '\0' | xargs -0 -r sha256sum; } > $@.new
	@if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

$(MANIFEST): $(INSTALLED) $(CODE) $(INPUTS_STAMP)
	$(PY) -m pipeline run $(if $(CONFIG),--config "$(CONFIG)") --out "$(OUT)"

run: $(MANIFEST) ## same as all: outputs in processed/, figures/, reports/

# the tests run in two processes (pytest-xdist), a test file to a process: machines here have two cores
test: $(INSTALLED) ## run the whole test suite (unit tests, end-to-end demo run, notebooks)
	$(PY) -m pytest -q -n 2 --dist loadfile

test-fast: $(INSTALLED) ## run the tests without the slow end-to-end and notebook tests
	$(PY) -m pytest -q -m "not slow" -n 2 --dist loadfile

notebooks: $(EXECUTED) ## execute the notebooks on the processed tables (outputs in reports/notebooks/)

$(OUT)/reports/notebooks/%.ipynb: notebooks/%.ipynb $(MANIFEST)
	@mkdir -p $(@D)
	PIPELINE_OUT=$(abspath $(OUT)) PIPELINE_CONFIG=$(abspath $(CONFIG_FILE)) $(PY) -m pipeline.notebooks $< $@

lab: $(INSTALLED) ## open the notebooks in JupyterLab on the run of CONFIG (installs JupyterLab into .venv once)
	@test -x $(VENV)/bin/jupyter-lab || $(PY) -m pip install --quiet -e '.[dev,notebooks]'
	PIPELINE_OUT=$(abspath $(OUT)) PIPELINE_CONFIG=$(abspath $(CONFIG_FILE)) $(VENV)/bin/jupyter-lab notebooks/

demo: $(INSTALLED) ## regenerate the bundled demo inputs in raw/demo/ (deterministic)
	$(PY) -m pipeline demo

bench: $(INSTALLED) ## run the benchmarks in bench/ and print their figures
	$(PY) bench/ingest_speed.py
	$(PY) bench/coding_speed.py
	$(PY) bench/coding_quality.py
	$(PY) bench/scale.py --sizes 10000,100000
	$(PY) bench/rerun.py

docs: $(INSTALLED) ## redraw the stage graph in docs/architecture.md from pipeline/stages.py
	$(PY) docs/update_graph.py

voikko: ## install the Finnish morphology library Voikko (Debian, as root; make install tries it too)
	apt-get update -qq && apt-get install -y libvoikko1 voikko-fi

clean: ## remove the outputs of OUT (processed/, figures/, reports/, its cache and make stamp), keeping raw/ and .venv
	@for d in "$(OUT)/processed" "$(OUT)/figures" "$(OUT)/reports"; do \
	  if [ -d "$$d" ]; then find "$$d" -mindepth 1 ! -name .gitkeep -delete; fi; done
	rm -rf "$(OUT)/.pipeline-cache" "$(INPUTS_STAMP)"

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14
