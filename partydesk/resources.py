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
