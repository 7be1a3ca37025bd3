# Vietnamese news-analysis workbench. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
CORPUS ?= $(SHARED)/corpus/rss-2025-2026/articles.jsonl.gz

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# plotly.js's 1.5 MB cartesian bundle from the npm registry, for the reports that need
	@# no more (analysis.plotly_bundle); without it they embed the full 4.8 MB one.
	$(BIN)/python -m analysis.plotly_bundle
	@touch $(STAMP)

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: install
install: $(STAMP) ## Create .venv and install the package with its dev extras

.PHONY: report
report: $(STAMP) ## Main job: rerun every notebook on the corpus into reports/ (HTML, offline)
	$(BIN)/analysis run --corpus $(CORPUS) --out reports $(if $(SAMPLE),--sample $(SAMPLE),)

.PHONY: data
data: $(STAMP) ## Build every analysis table of the corpus into the cache (data/processed)
	$(BIN)/analysis tables --corpus $(CORPUS) $(if $(SAMPLE),--sample $(SAMPLE),)

.PHONY: notebooks
notebooks: $(STAMP) ## Pair notebooks/*.py with .ipynb files for JupyterLab (jupytext)
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.py

.PHONY: lab
lab: notebooks ## Open the notebooks in JupyterLab with the project's environment
	$(BIN)/jupyter lab notebooks

.PHONY: test
test: $(STAMP) ## Run the test suite (unit + integration on ../shared)
	$(BIN)/python -m pytest -q

.PHONY: test-fast
test-fast: $(STAMP) ## Unit tests only (../shared only to fit the event model, once)
	$(BIN)/python -m pytest -q -m "not integration"

.PHONY: lint
lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

.PHONY: format
format: $(STAMP) ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

.PHONY: score-pages
score-pages: $(STAMP) ## Score the page parser on ../shared/corpus/pages-dev
	$(BIN)/analysis score-pages $(SHARED)/corpus/pages-dev

.PHONY: lead-model
lead-model: $(STAMP) ## Retrain the page parser's lead model on baomoi and report what it fixes
	$(BIN)/python benchmarks/train_lead_model.py

.PHONY: topic-model
topic-model: $(STAMP) ## Retrain the named-topic classifier (cross-validated figures, learning curve)
	$(BIN)/python benchmarks/train_topic_classifier.py --curve

.PHONY: event-model
event-model: $(STAMP) ## Cross-validate the lifecycle-event model's choices, then score it on dev
	$(BIN)/python benchmarks/train_event_model.py

.PHONY: event-agreement
event-agreement: $(STAMP) ## How far event readings agree (helpers against the human dev gold, two helper readings), and the model against each
	$(BIN)/python benchmarks/event_label_agreement.py

.PHONY: stage-claims
stage-claims: $(STAMP) ## How far to trust the tracker's stages: on the RSS corpus as fitted, and out of fold
	$(BIN)/python benchmarks/score_stage_claims.py --draws 5

.PHONY: completion-scope
completion-scope: $(STAMP) ## How far to trust "completion (in part)": two readings of each completion the tracker counts, RSS and baomoi
	$(BIN)/python benchmarks/score_completion_scope.py

.PHONY: investment-figures
investment-figures: $(STAMP) ## How far to trust the tracker's investment figures: a reading of each amount tied to a project
	$(BIN)/python benchmarks/score_investment.py
	$(BIN)/python benchmarks/score_investment.py --corpus $(SHARED)/corpus/baomoi-2017/articles.jsonl.gz \
		--labels data/labels/investment_figures_baomoi.csv --name investment_figures_baomoi

.PHONY: time-periods
time-periods: $(STAMP) ## How far to trust the periods events give their times ("quý IV-2026", "cuối năm nay"): a reading of each
	$(BIN)/python benchmarks/score_time_periods.py

.PHONY: promises
promises: $(STAMP) ## How far to trust the tracker's promises and slips: a reading of each planned start and completion, and of what became of each promise
	$(BIN)/python benchmarks/score_promises.py

.PHONY: score-events
score-events: $(STAMP) ## Score lifecycle events on ../shared/gold/events_dev.jsonl
	$(BIN)/analysis score-events $(SHARED)/gold/events_dev.jsonl

.PHONY: score-mentions
score-mentions: $(STAMP) ## Score mention finding on ../shared/gold/mentions_dev.jsonl
	$(BIN)/analysis score-mentions $(SHARED)/gold/mentions_dev.jsonl

.PHONY: mentions-fresh
mentions-fresh: $(STAMP) ## Score mention finding on fresh labelled sets no rule was written from (the figure to trust), and round 9's items where the finder once found no project (read to write rules)
	$(BIN)/python benchmarks/score_mentions_fresh.py

.PHONY: bench
bench: $(STAMP) ## Benchmarks on the RSS corpus: loader, mentions, topics, report run
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_mentions.py
	$(BIN)/python benchmarks/bench_events.py
	$(BIN)/python benchmarks/bench_topics.py --choose-k
	$(BIN)/python benchmarks/bench_report.py

.PHONY: bench-scale
bench-scale: $(STAMP) ## Dask engine at 1x, 3x and 10x the RSS corpus, and speed against the floor (~30 min)
	$(BIN)/python benchmarks/bench_scale.py --floor --compare --scales 1 3 10

.PHONY: bench-topics
bench-topics: $(STAMP) ## Topic model benchmark only (speed, memory, stability, quality)
	$(BIN)/python benchmarks/bench_topics.py --choose-k

.PHONY: docs
docs: $(STAMP) ## Regenerate the README's data dictionary from the schemas
	$(BIN)/analysis docs --readme README.md

.PHONY: clean
clean: ## Remove generated data and reports (never ../shared)
	rm -rf data/processed/* reports/*.html reports/*.json reports/figures reports/failed
