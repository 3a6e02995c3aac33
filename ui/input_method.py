"""Which Qt input-method plug-in to ask for, so Chinese can be typed on 统信UOS / 麒麟 desktops.

Those desktops set QT_IM_MODULE=fcitx (fcitx5). Qt's fcitx5 plug-in is built against Qt's
private API of one exact Qt version, so it cannot be taken from the system and is not in
PySide6's wheels; when Qt finds no plug-in of the requested name it falls back to `compose`,
which types no Chinese at all. fcitx5 also serves the IBus D-Bus protocol (its ibus frontend,
on by default), and PySide6 ships Qt's ibus plug-in, so asking for `ibus` instead makes
typing work. A bundled or installed fcitx plug-in, when present, is always preferred.
Must run before the QApplication is made: Qt reads the variable once, at start."""

from __future__ import annotations

import os
from collections.abc import Iterable, MutableMapping
from pathlib import Path

FCITX_NAMES = ("fcitx", "fcitx5")


def available_plugins(folder: Path | None = None) -> set[str]:
    """Names of the input-context plug-ins Qt can load (fcitx5, ibus, compose …)."""
    if folder is None:
        from PySide6.QtCore import QLibraryInfo

        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    names = set()
    for lib in (folder / "platforminputcontexts").glob("*"):
        stem = lib.name.split(".")[0].removeprefix("lib")
        for suffix in ("platforminputcontextplugin", "plugin"):
            stem = stem.removesuffix(suffix)
        names.add(stem)
    return names


def choose_im_module(requested: str | None, plugins: Iterable[str]) -> str | None:
    """The module to set instead of `requested`, or None to leave the setting alone."""
    if not requested:
        return None
    plugins = set(plugins)
    wanted = [m.strip() for m in requested.split(";") if m.strip()]  # Qt ≥ 6.7 takes a list
    if not any(m in FCITX_NAMES for m in wanted):
        return None
    if any(m in plugins for m in wanted):
        return None  # a plug-in of a requested name exists: Qt will use it
    if "ibus" in plugins:
        return "ibus"
    return None


def apply(env: MutableMapping[str, str] = os.environ, folder: Path | None = None) -> str | None:
    """Rewrite QT_IM_MODULE (and QT_IM_MODULES) in `env` when needed; returns what was set."""
    keys = ("QT_IM_MODULES", "QT_IM_MODULE")
    if not any(n in env.get(k, "") for k in keys for n in FCITX_NAMES):
        return None  # no fcitx asked for: nothing to change (and no plug-in folder read)
    plugins = available_plugins(folder)
    chosen = None
    for key in keys:
        choice = choose_im_module(env.get(key), plugins)
        if choice:
            env[key] = choice
            chosen = choice
    return chosen
