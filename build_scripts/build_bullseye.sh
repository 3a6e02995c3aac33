#!/usr/bin/env bash
# Build the frozen folder on Debian 11 (glibc 2.31, as 麒麟 V10 SP1 has) in a debootstrap chroot,
# so it starts on older systems than the Debian 12 build (glibc 2.36). Python 3.11 is compiled
# in the chroot from Debian bookworm's python3.11 source package, and PySide6 is held at 6.9.3
# (the newest whose wheels are manylinux_2_28; 6.10 and later need glibc 2.34).
# Then: the folder's measured glibc floor (objdump -T) and its self-test inside the chroot.
# Needs root, debootstrap, and Debian's package mirror. Output: build/bullseye/PartyDesk.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${BULLSEYE_ROOT:-$PWD/build/bullseye-root}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# pip inside the chroot trusts what the host trusts (a proxy's CA included).
run() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin \
    DEBIAN_FRONTEND=noninteractive PIP_CERT=/etc/ssl/host-ca.crt PIP_DEFAULT_TIMEOUT=180 \
    bash -c "$1"
}

if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bullseye "$root" "$mirror"
fi
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}" "$root/etc/ssl/host-ca.crt"
echo "deb-src $mirror bookworm main" > "$root/etc/apt/sources.list.d/bookworm-src.list"
run "apt-get update -qq && apt-get install -y -qq --no-install-recommends build-essential \
  libssl-dev zlib1g-dev libbz2-dev libreadline-dev libsqlite3-dev libffi-dev liblzma-dev \
  uuid-dev libexpat1-dev dpkg-dev ca-certificates xz-utils binutils \
  libgl1 libegl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
  libxcb-randr0 libdbus-1-3 libglib2.0-0 >/dev/null"
if [ ! -x "$root/opt/py311/bin/python3.11" ]; then
  run "mkdir -p /src/py && cd /src/py && apt-get source -qq --download-only python3.11/bookworm >/dev/null \
    && tar xf python3.11_*.orig.tar.* && cd Python-3.11* \
    && ./configure -q --prefix=/opt/py311 --enable-shared LDFLAGS=-Wl,-rpath,/opt/py311/lib \
    && make -s -j\$(nproc) >/dev/null && make -s install >/dev/null"
fi
rm -rf "$root/src/partydesk"
mkdir -p "$root/src/partydesk"
git ls-files -z | xargs -0 cp --parents -t "$root/src/partydesk"
sed 's/^PySide6\(_Addons\|_Essentials\)\?==.*/PySide6\1==6.9.3/; s/^shiboken6==.*/shiboken6==6.9.3/' \
  build_scripts/requirements.lock > "$root/src/partydesk/build_scripts/requirements.lock"
run "cd /src/partydesk && /opt/py311/bin/python3.11 -m venv .venv && .venv/bin/python -m pip install -q --upgrade pip \
  && .venv/bin/python -m pip install -q -c build_scripts/requirements.lock -e '.[build]' \
  && .venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist \
     --workpath build/pyinstaller build_scripts/partydesk.spec"
floor=$(find "$root/src/partydesk/dist/PartyDesk" -type f \( -name '*.so*' -o -name partydesk \) -print0 |
  xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
echo "bullseye build: glibc floor $floor"
run "cd /tmp && QT_QPA_PLATFORM=offscreen /src/partydesk/dist/PartyDesk/partydesk --self-test"
mkdir -p build/bullseye
rm -rf build/bullseye/PartyDesk
cp -a "$root/src/partydesk/dist/PartyDesk" build/bullseye/
echo "build/bullseye/PartyDesk: starts on glibc >= $floor"
