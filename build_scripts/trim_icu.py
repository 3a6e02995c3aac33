"""Make a smaller ICU data library for the Linux build (Linux only; used by partydesk.spec).

PySide6's Qt on Linux links ICU, whose data library (libicudata.so.NN) is 31 MB — the
largest single file of the folder. Qt uses little of it (collation, a few converters,
time-zone and normalization data); most of it is display names, transliterators,
rule-based number formats, dictionaries for Thai/Lao/Khmer/Burmese word breaks, non-Chinese
legacy code pages and the locale data of ~700 locales. This keeps root, zh* and en*
locales, the supplemental data and Chinese (and a few western) code pages, and rebuilds the
library with the same soname and the same exported symbol (icudtNN_dat), so Qt loads it
unchanged. ICU falls back to root data for anything removed.

Needs `icupkg` (Debian: icu-devtools) and a C compiler; without them the build keeps the
original library (and says so).

    python build_scripts/trim_icu.py LIBICUDATA OUT_DIR  ->  prints the trimmed library's path
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|zh|en|res_index|pool)(_|\.|$)")
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
DROP_DIRS = ("translit/", "rbnf/")
LOCALE_DIRS = ("lang/", "region/", "curr/", "unit/", "zone/", "coll/")
KEEP_CNV = (
    "gb18030",
    "936",
    "1386",
    "1383",
    "5478",
    "950",
    "1373",
    "1375",
    "iso-ir-165",
    "cns-11643",
    "icu-internal",
    "8859",
    "1252",
    "ibm-437",
    "ibm-850",
    "1250",
    "1251",
)
DROP_DICT = ("khmerdict", "burmesedict", "laodict", "thaidict")


def _symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol."""
    syms = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(
        r"([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+\d+\s+(icudt\d+_dat)", syms
    )
    if not m:
        raise RuntimeError("no icudtNN_dat symbol")
    addr, size, name = int(m[1], 16), int(m[2], 0), m[3]
    secs = subprocess.run(
        ["readelf", "-S", "-W", str(lib)], capture_output=True, text=True, check=True
    ).stdout
    for line in secs.splitlines():
        f = line.split("]", 1)[-1].split()
        if len(f) >= 5 and f[0] == ".rodata":
            sec_addr, sec_off = int(f[2], 16), int(f[3], 16)
            return name, sec_off + (addr - sec_addr), size
    raise RuntimeError("no .rodata section")


def _drop(item: str) -> bool:
    base = item.rsplit("/", 1)[-1]
    if item.startswith(DROP_DIRS):
        return True
    if base.endswith(".cnv"):
        return not any(k in base for k in KEEP_CNV)
    if base.endswith(".dict"):
        return base.startswith(DROP_DICT)
    if "/" not in item or item.startswith(LOCALE_DIRS):
        return bool(LOCALE_FILE.match(base)) and not KEEP_LOCALES.match(base)
    return False


def trim(lib: Path, out_dir: Path) -> Path:
    for tool in ("icupkg", "readelf"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} not found")
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise RuntimeError("no C compiler")
    name, off, size = _symbol(lib)
    soname = lib.name
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        dat = t / f"{name[:-4]}l.dat"  # icudt73l.dat
        with open(lib, "rb") as f:
            f.seek(off)
            dat.write_bytes(f.read(size))
        items = subprocess.run(
            ["icupkg", "-l", str(dat)], capture_output=True, text=True, check=True
        ).stdout.split()
        drop = [i for i in items if _drop(i)]
        (t / "drop.txt").write_text("\n".join(drop) + "\n")
        # icupkg names the items after the output file: it must keep the package's name
        small = t / "out" / dat.name
        small.parent.mkdir()
        subprocess.run(
            ["icupkg", "--ignore-deps", "-r", str(t / "drop.txt"), str(dat), str(small)],
            check=True,
            capture_output=True,
        )
        asm = t / "icudata.S"
        asm.write_text(
            "\t.section .rodata\n"
            f"\t.globl {name}\n\t.type {name}, @object\n\t.balign 16\n"
            f'{name}:\n\t.incbin "{small}"\n\t.size {name}, .-{name}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        out = out_dir / soname
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-s", "-o", str(out), str(asm)],
            check=True,
            capture_output=True,
        )
    print(
        f"trim_icu: {len(drop)} of {len(items)} items dropped; "
        f"{lib.stat().st_size / 1e6:.1f} MB -> {out.stat().st_size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return out


if __name__ == "__main__":
    print(trim(Path(sys.argv[1]), Path(sys.argv[2])))
