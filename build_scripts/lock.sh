#!/usr/bin/env bash
# Remake build_scripts/requirements.lock: install the project with its test and build extras
# into a fresh temporary venv (newest versions pyproject.toml allows) and freeze it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q -e ".[server,test,build]"
{
  echo "# Exact versions CI, the tests and the frozen build use (pip constraints: setup.sh installs"
  echo "# with -c). Remake after changing dependencies: bash build_scripts/lock.sh"
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -vi '^partydesk'
} > build_scripts/requirements.lock
echo "wrote build_scripts/requirements.lock ($(grep -vc '^#' build_scripts/requirements.lock) packages)"
