"""Finding bundled resources (fonts, templates, icons) from source and when frozen.

From source the folder is `<repo>/resources`; in a PyInstaller build it is
`<bundle>/resources` (sys._MEIPASS). PARTYDESK_RESOURCES overrides both."""

from __future__ import annotations

import lzma
import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("PARTYDESK_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource; raises FileNotFoundError naming it when missing."""
    p = resources_dir().joinpath(*parts)
    if not p.exists():
        raise FileNotFoundError(f"缺少程序资源文件：{p}（安装不完整，请重新安装）")
    return p


def font_path(filename: str) -> Path:
    return resource_path("fonts", filename)


def font_data(filename: str) -> bytes:
    """The bytes of a bundled font: the file itself, or `<filename>.xz` (the frozen build
    keeps the fonts xz-compressed: 43 MB on disk become 17 MB)."""
    folder = resources_dir() / "fonts"
    plain = folder / filename
    if plain.exists():
        return plain.read_bytes()
    packed = folder / (filename + ".xz")
    if packed.exists():
        return lzma.decompress(packed.read_bytes())
    raise FileNotFoundError(f"缺少程序资源文件：{plain}（安装不完整，请重新安装）")


def font_file(filename: str) -> Path:
    """A bundled font as a file on disk, for whatever reads font files itself (Qt: a file
    is mapped, bytes are copied and parsed — 7 ms against 24 ms for the window's font at
    each start): the file itself, or, in the frozen build, `<filename>.xz` unpacked once
    into the user's cache folder (5 MB, not unpacked again at every start). Raises
    OSError when neither can be had (the caller then takes `font_data`)."""
    folder = resources_dir() / "fonts"
    plain = folder / filename
    if plain.exists():
        return plain
    packed = folder / (filename + ".xz")
    st = packed.stat()  # FileNotFoundError: not bundled
    from platformdirs import user_cache_path

    out = user_cache_path("PartyDesk", appauthor=False) / "fonts"
    out = out / f"{st.st_size}-{int(st.st_mtime)}-{filename}"
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(lzma.decompress(packed.read_bytes()))
        os.replace(tmp, out)  # whole or not at all, if two windows start at once
    return out
