#!/usr/bin/env bash
# Lint and format check (the rules are in pyproject.toml); CI runs this before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. build_scripts/python.sh
"$PY" -m ruff check --no-cache .
"$PY" -m ruff format --no-cache --check .
