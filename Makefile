# Anju — two commands on a fresh machine: `make demo` and `make test`.
# Needs only Python 3.11+ and make; everything else is installed into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | cksum | cut -d' ' -f1)
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
ADDR   ?= 127.0.0.1:8000

.PHONY: demo test test-spark serve bench clean-demo messages venv

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Anju needs Python 3.11 or newer, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "安装依赖 / installing pinned dependencies into $(VENV) …"
	@$(PIP) install -r requirements-dev.txt 2>&1 | grep -v "^WARNING: Location" || true
	@$(PIP) install --no-deps -e . 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -c "import django, rest_framework, anju" 
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

## make demo: install, create the SQLite database under var/, load the demo district, serve it
demo: $(STAMP)
	@$(BIN)/anju demo load
	@echo ""
	@echo "打开 Open http://$(ADDR)/  (Ctrl-C 停止 to stop)"
	@$(BIN)/anju serve $(ADDR)

## make test: install and run the whole suite (DATABASE_URL=postgres://… to run it on PostgreSQL)
test: $(STAMP)
	@$(BIN)/python -m pytest $(PYTEST_ARGS)

## make test-spark: install the optional Spark backend (requirements-spark.txt; needs Java) and run its test in
## local mode: the same trained model scores and groups the records on Spark as on DuckDB
test-spark: $(STAMP)
	@command -v java >/dev/null || { echo "需要 Java 运行环境 / a Java runtime is needed (Debian: apt-get install default-jre-headless)"; exit 1; }
	@$(PIP) install -r requirements-spark.txt 2>&1 | grep -v "^WARNING: Location" || true
	@ANJU_TEST_SPARK=1 $(BIN)/python -m pytest anju/lib/fusion/tests/test_spark.py $(PYTEST_ARGS)

## make bench: run every benchmark under benchmarks/
bench: $(STAMP)
	@$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

## make messages: rebuild the translation catalogues after changing strings
messages: $(STAMP)
	@cd anju && ../$(BIN)/django-admin makemessages -l zh_Hans --ignore "lib/*" --ignore "locale/*" --settings=anju.settings --pythonpath=..
	@$(BIN)/python anju/locale/translate_zh.py

clean-demo:
	rm -f var/anju.sqlite3 var/anju.sqlite3-wal var/anju.sqlite3-shm
