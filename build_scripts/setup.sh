#!/usr/bin/env bash
# Install what the app and its tests need on a fresh Debian / Ubuntu / 统信UOS / 麒麟 machine
# with nothing but python3 (run as root or with sudo for the system packages): the Qt runtime
# libraries, poppler-utils (pdftotext/pdftoppm for PDF checks), strace (the crash tests
# inject kills at a chosen write), the desktop-entry tools the
# packaging tests use, then a virtual environment in .venv (Debian's python refuses
# system-wide pip installs) with the project and its test and build extras, at the exact
# versions in build_scripts/requirements.lock. Afterwards: .venv/bin/partydesk,
# .venv/bin/python -m pytest. PYTHON=python3.12 picks another interpreter (3.11 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi
if command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  pkgs="libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libnss3 poppler-utils strace
    desktop-file-utils xdg-utils shared-mime-info libfile-mimeinfo-perl"
  # Debian's python3 needs its venv module from a package of its own.
  if ! "$PY" -c "import ensurepip, venv" 2>/dev/null; then pkgs="$pkgs python3-venv"; fi
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup.sh: PartyDesk needs Python 3.11 or newer ($PY is $("$PY" -V 2>&1))" >&2
  exit 1
}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c build_scripts/requirements.lock -e ".[server,test,build]"
