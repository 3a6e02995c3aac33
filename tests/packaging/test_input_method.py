"""Choosing the input-method plug-in on fcitx desktops (统信UOS / 麒麟)."""

from __future__ import annotations

from ui.input_method import apply, available_plugins, choose_im_module

BUNDLE = {"compose", "ibus"}  # what PySide6 ships, and so the frozen folder


def test_fcitx_without_its_plugin_falls_back_to_fcitx5s_ibus_frontend():
    assert choose_im_module("fcitx", BUNDLE) == "ibus"
    assert choose_im_module("fcitx5", BUNDLE) == "ibus"
    assert choose_im_module("wayland;fcitx", BUNDLE) == "ibus"


def test_settings_that_work_are_left_alone():
    assert choose_im_module("fcitx", BUNDLE | {"fcitx5", "fcitx"}) is None
    assert choose_im_module("fcitx5", BUNDLE | {"fcitx5"}) is None
    assert choose_im_module("ibus", BUNDLE) is None
    assert choose_im_module(None, BUNDLE) is None
    assert choose_im_module("", BUNDLE) is None
    assert choose_im_module("fcitx", {"compose"}) is None  # nothing better to offer


def test_plugin_names_are_read_from_the_plugin_folder(tmp_path):
    folder = tmp_path / "platforminputcontexts"
    folder.mkdir()
    for name in (
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
        "libfcitx5platforminputcontextplugin.so",
    ):
        (folder / name).write_bytes(b"")
    assert available_plugins(tmp_path) == {"compose", "ibus", "fcitx5"}


def test_apply_rewrites_the_environment_qt_reads(tmp_path):
    (tmp_path / "platforminputcontexts").mkdir()
    (tmp_path / "platforminputcontexts" / "libibusplatforminputcontextplugin.so").touch()
    env = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    assert apply(env, tmp_path) == "ibus"
    assert env["QT_IM_MODULE"] == "ibus"
    assert env["XMODIFIERS"] == "@im=fcitx"  # X input for other toolkits untouched


def test_the_real_qt_has_the_ibus_plugin_the_fallback_needs():
    assert "ibus" in available_plugins()


def test_no_fcitx_asked_for_reads_no_plugin_folder(monkeypatch):
    import ui.input_method as im

    def no(*_a):
        raise AssertionError("the plug-in folder was read")

    monkeypatch.setattr(im, "available_plugins", no)
    env = {"QT_IM_MODULE": "ibus"}
    assert apply(env) is None and apply({}) is None
    assert env == {"QT_IM_MODULE": "ibus"}
