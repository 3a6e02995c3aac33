#!/usr/bin/env bash
# Package the frozen folder (dist/PartyDesk, made by build_linux.sh) as a .deb for Debian,
# Ubuntu, 统信UOS and 麒麟: /opt/partydesk, /usr/bin/partydesk, the desktop entry, icons and the
# application/x-partydesk MIME type. Depends are the Debian packages that own the system
# libraries the folder links to (measured with ldd here, like dpkg-shlibdeps), plus libcups2
# recommended for printing. Removing the package never touches ledgers (they live in the
# users' data folders). Writes dist/partydesk_<version>_<arch>.deb.
#   --install-test : also apt-get install it, run /usr/bin/partydesk --self-test, remove it.
set -euo pipefail
cd "$(dirname "$0")/.."
. build_scripts/python.sh
install_test=0
[ "${1:-}" = "--install-test" ] && install_test=1

folder=dist/PartyDesk
[ -x "$folder/partydesk" ] || { echo "build_deb.sh: $folder missing; run build_linux.sh first" >&2; exit 1; }
version=$("$PY" -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])")
arch=$(dpkg --print-architecture)
root=build/deb/partydesk_${version}_${arch}
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/mime/packages" "$root/usr/share/icons/hicolor/scalable/apps" \
  "$root/usr/share/doc/partydesk"
cp -a "$folder" "$root/opt/partydesk"
cat > "$root/usr/bin/partydesk" <<'SH'
#!/bin/sh
exec /opt/partydesk/partydesk "$@"
SH
chmod 755 "$root/usr/bin/partydesk"
cp resources/linux/partydesk.desktop "$root/usr/share/applications/"
cp resources/linux/partydesk-mime.xml "$root/usr/share/mime/packages/partydesk.xml"
cp resources/icons/partydesk.svg "$root/usr/share/icons/hicolor/scalable/apps/partydesk.svg"
for n in 16 24 32 48 64 128 256; do
  for ctx in apps mimetypes; do
    d="$root/usr/share/icons/hicolor/${n}x${n}/$ctx"
    mkdir -p "$d"
    name=partydesk; [ "$ctx" = mimetypes ] && name=application-x-partydesk
    cp "resources/icons/partydesk-$n.png" "$d/$name.png"
  done
done
cat > "$root/usr/share/doc/partydesk/copyright" <<'TXT'
PartyDesk 党建台账. The bundled fonts, Qt/PySide6 (LGPL-3.0) and the other libraries keep
their own licences; their texts are in /opt/partydesk/resources/fonts/licenses and in the
folders of the bundled packages under /opt/partydesk/_internal.
TXT

# Which Debian packages own the libraries the folder loads from the system.
# A library the folder bundles itself (found by its name there; the bootloader puts the folder
# on the library path) is no dependency, nor are the libraries only the CUPS print plug-in
# links (Qt prints to PDF without it): libcups2 is recommended instead.
bundled=$(find "$folder" -name '*.so*' -printf '%f\n' | sort -u)
deps=$(
  find "$folder" -type f \( -name '*.so*' -o -name partydesk \) -not -path '*/printsupport/*' -print0 |
    xargs -0 ldd 2>/dev/null | awk '/=> \// {print $1, $3}' | sort -u |
    while read -r soname lib; do
      grep -qxF "$soname" <<<"$bundled" || echo "$lib"
    done | sort -u | while read -r lib; do
      dpkg -S "$(realpath "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true
    done | cut -d: -f1 | sort -u | grep -vE '^(libc6|libgcc-s1|libstdc\+\+6)$' || true
)
# libc6 with the measured floor: the newest GLIBC_ symbol version any file asks for.
glibc=$(
  find "$folder" -type f \( -name '*.so*' -o -name partydesk \) -print0 |
    xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' |
    sort -uV | tail -1
)
depends="libc6 (>= ${glibc})"
for d in $deps libgl1 libegl1 libfontconfig1 libxkbcommon-x11-0 libxcb-cursor0 \
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
  libxcb-xinerama0 libxcb-randr0; do
  case ", $depends, " in *", $d, "* | *", $d ("*) ;; *) depends="$depends, $d" ;; esac
done
size_kb=$(du -sk "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CTRL
Package: partydesk
Version: ${version}
Architecture: ${arch}
Maintainer: PartyDesk developers <partydesk@localhost>
Installed-Size: ${size_kb}
Depends: ${depends}
Recommends: libcups2
Section: misc
Priority: optional
Homepage: https://localhost/partydesk
Description: PartyDesk 党建台账 - offline party-building ledger
 Keeps the ledger of 两新组织 (non-public enterprises, social organizations and
 new-employment groups), their party organizations, members, instructors, points
 cards, work records and certificates, entirely offline; prints work-record books,
 certificates and notices; imports and exports Excel rosters.
CTRL
cat > "$root/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
SH
cp "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
chmod 755 "$root/DEBIAN/postinst" "$root/DEBIAN/postrm"
deb=dist/partydesk_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >/dev/null
echo "built $deb: $(( $(stat -c %s "$deb") / 1048576 )) MB; glibc floor ${glibc}"
echo "Depends: ${depends}"

if [ "$install_test" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "./$deb" >/dev/null
  (cd /tmp && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen /usr/bin/partydesk --self-test)
  grep -q "application/x-partydesk" /usr/share/mime/packages/partydesk.xml
  apt-get remove -y -qq partydesk >/dev/null
  [ ! -e /opt/partydesk ] && [ ! -e /usr/bin/partydesk ] || { echo "remove left files behind" >&2; exit 1; }
  echo "deb installed, self-tested from /usr/bin/partydesk, removed"
fi
