#!/usr/bin/env bash
# Build the one-folder program into dist/PartyDesk with PyInstaller, report its size and
# build time, and with --smoke run the built program's --self-test (offscreen).
# Needs: bash build_scripts/setup.sh (installs PyInstaller with the "build" extra).
set -euo pipefail
cd "$(dirname "$0")/.."
. build_scripts/python.sh
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1

# Tools the spec uses to trim Qt's ICU data (build_scripts/trim_icu.py): icupkg, a C
# compiler, binutils. Without them the build still works, only larger.
if ! { command -v icupkg && command -v cc && command -v objdump; } >/dev/null && command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    icu-devtools gcc libc6-dev binutils >/dev/null || echo "build_linux.sh: could not install icu-devtools/gcc; ICU data stays untrimmed"
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build_scripts/partydesk.spec
secs=$(( $(date +%s) - start ))

size_mb=$(du -sm dist/PartyDesk | cut -f1)  # du counts symlinked libraries once
# A tarball keeps the folder's symlinks as links (a zip does not survive every extractor:
# Python's zipfile writes 30-byte files where the links were, and Qt then fails to load ICU).
rm -f dist/PartyDesk-linux.zip dist/PartyDesk-linux.tar.gz
tar -C dist -czf dist/PartyDesk-linux.tar.gz PartyDesk
tar_mb=$(( $(stat -c %s dist/PartyDesk-linux.tar.gz) / 1048576 ))
echo "built dist/PartyDesk in ${secs}s: ${size_mb} MB, tar.gz ${tar_mb} MB"

if [ "$smoke" = 1 ]; then
  # Run from outside the source tree so nothing can be imported from it by accident.
  (cd /tmp && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$OLDPWD/dist/PartyDesk/partydesk" --self-test)
fi
