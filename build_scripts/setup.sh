#!/usr/bin/env bash
# Install what the app and its tests need on a fresh Debian machine (run as root or with
# sudo): the Qt runtime libraries, poppler-utils (pdftotext/pdftoppm for PDF checks), strace (the crash tests inject kills at a write), and
# the Python packages with the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi
if command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends \
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
    libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libnss3 poppler-utils strace >/dev/null
fi
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test,build]"
