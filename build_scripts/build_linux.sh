#!/usr/bin/env bash
# Build the one-folder program into dist/PartyDesk with PyInstaller, report its size and
# build time, and with --smoke run the built program's --self-test (offscreen).
# Needs: bash build_scripts/setup.sh (installs PyInstaller with the "build" extra).
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1

start=$(date +%s)
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build_scripts/partydesk.spec
secs=$(( $(date +%s) - start ))

size_mb=$(du -sm dist/PartyDesk | cut -f1)  # du counts symlinked libraries once
rm -f dist/PartyDesk-linux.zip
python build_scripts/zip_folder.py dist/PartyDesk dist/PartyDesk-linux.zip >/dev/null
zip_mb=$(( $(stat -c %s dist/PartyDesk-linux.zip) / 1048576 ))
echo "built dist/PartyDesk in ${secs}s: ${size_mb} MB, zipped ${zip_mb} MB"

if [ "$smoke" = 1 ]; then
  # Run from outside the source tree so nothing can be imported from it by accident.
  (cd /tmp && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$OLDPWD/dist/PartyDesk/partydesk" --self-test)
fi
