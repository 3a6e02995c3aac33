"""Zip the built folder for handing out: deflate, symlinks stored as links (not copies).

usage: python build_scripts/zip_folder.py dist/PartyDesk dist/PartyDesk-linux.zip"""

import os
import stat
import sys
import zipfile


def zip_folder(src: str, dest: str) -> int:
    base = os.path.dirname(os.path.abspath(src))
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for root, dirs, files in os.walk(src):
            for name in sorted(dirs + files):
                path = os.path.join(root, name)
                arc = os.path.relpath(path, base)
                if os.path.islink(path):
                    info = zipfile.ZipInfo(arc)
                    info.create_system = 3
                    info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    z.writestr(info, os.readlink(path))
                elif os.path.isfile(path):
                    z.write(path, arc)
    return os.path.getsize(dest)


if __name__ == "__main__":
    size = zip_folder(sys.argv[1], sys.argv[2])
    print(f"{sys.argv[2]}: {size / 1048576:.1f} MB")
