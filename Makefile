# planparse — every target installs what it needs from this repo's own files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: help setup run test test-deps ocr-deps lint golden schemas eval bench corpora clean

help:
	@echo "make run      set up .venv and convert corpora/ into $(OUT)/"
	@echo "make test     ruff, mypy and the whole test suite (installs chromium for the browser test)"
	@echo "make ocr-deps install Debian's tesseract Chinese model for OCR of scanned PDFs (make setup does)"
	@echo "make golden   regenerate golden/ on purpose (review the diff like code)"
	@echo "make schemas  regenerate schemas/ from the pydantic models"
	@echo "make eval     accuracy of corpora/ (per variant) and tests/real/ (per input form) against their gold"
	@echo "make bench    speed and memory benchmark (writes bench/out/)"
	@echo "make corpora  re-render corpora/*.pdf from corpora/*.txt"

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ocr-deps

# Debian's tesseract and its simplified- and traditional-Chinese models for OCR of scanned PDFs (the tesserocr
# wheel brings the engine library; the model comes from Debian, never a download at run time).
ocr-deps:
	@if ! ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata /usr/share/tesseract-ocr/*/tessdata/chi_tra.traineddata >/dev/null 2>&1; then \
	  echo "installing Debian tesseract-ocr, tesseract-ocr-chi-sim and tesseract-ocr-chi-tra for OCR of scanned PDFs"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra >/dev/null) \
	  || echo "could not install tesseract-ocr-chi-sim/-chi-tra (not root?): scanned PDFs fail with ocr_unavailable (without chi_tra, traditional scans are read by chi_sim)"; \
	fi

run: setup
	$(BIN)/planparse parse corpora -o $(OUT)

# Debian's chromium (+ a CJK font so the review-page screenshot is readable) for the
# HTML browser test — never a browser download.
test-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  echo "installing Debian chromium and fonts-wqy-microhei for the browser test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) \
	  || echo "could not install chromium (not root?): the browser test will fail; install Debian's chromium"; \
	fi

test: setup test-deps lint
	$(BIN)/python -m pytest

# ruff (errors, imports, bug-prone patterns) and mypy with the pydantic plugin: part of `make test`.
lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/python -m mypy

golden: setup
	PLANPARSE_REGEN_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py
	@git --no-pager diff --stat -- golden/ || true

schemas: setup
	$(BIN)/planparse schema > schemas/planparse.schema.json

eval: setup
	$(BIN)/planparse parse corpora -o $(OUT)/eval -q || true
	$(BIN)/planparse eval --gold tests/gold --pred $(OUT)/eval
	$(BIN)/planparse parse tests/real/docs -o $(OUT)/eval-real -q --jobs 2 || true
	$(BIN)/planparse eval --gold tests/real/gold --pred $(OUT)/eval-real --forms tests/real/forms.json
	$(BIN)/planparse parse tests/holdout/docs -o $(OUT)/eval-holdout -q --jobs 2 || true
	$(BIN)/planparse eval --gold tests/holdout/gold --pred $(OUT)/eval-holdout --forms tests/holdout/forms.json
	$(BIN)/planparse parse tests/unseen/docs -o $(OUT)/eval-unseen -q --jobs 2 || true
	$(BIN)/planparse eval --gold tests/unseen/gold --pred $(OUT)/eval-unseen --forms tests/unseen/forms.json

bench: setup
	$(BIN)/python tests/tools/bench.py --out bench/out

corpora: setup
	$(BIN)/python tests/tools/render_pdf.py corpora

clean:
	rm -rf $(OUT) bench/out .pytest_cache
