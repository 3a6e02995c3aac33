"""Bundled fonts as files: the plain file from source, the frozen build's .xz unpacked
once into the user's cache folder (not at every start)."""

from __future__ import annotations

import lzma

from partydesk import resources


def test_a_packed_font_is_unpacked_once_into_the_cache(tmp_path, monkeypatch):
    fonts = tmp_path / "bundle" / "fonts"
    fonts.mkdir(parents=True)
    data = b"\x00\x01\x00\x00" + bytes(range(256)) * 400
    (fonts / "ui.ttc.xz").write_bytes(lzma.compress(data))
    monkeypatch.setenv("PARTYDESK_RESOURCES", str(tmp_path / "bundle"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = resources.font_file("ui.ttc")
    assert path.read_bytes() == data and (tmp_path / "cache") in path.parents
    first = path.stat().st_mtime_ns
    assert resources.font_file("ui.ttc") == path and path.stat().st_mtime_ns == first
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left


def test_the_source_tree_font_is_the_file_itself():
    path = resources.font_file("wqy-microhei.ttc")
    assert path == resources.resources_dir() / "fonts" / "wqy-microhei.ttc"
