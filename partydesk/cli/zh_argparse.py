"""argparse in Chinese: its own words (用法, 选项, 显示本帮助并退出, 无效的选项 …) through the
gettext hook argparse calls for every message, so `partydesk --help` and a bad argument
read as the rest of the program does. Words it has no translation for stay as argparse
wrote them."""

from __future__ import annotations

import argparse

ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "无效的选项：%(value)r，是否想用 %(closest)r？",
    "invalid %(type)s value: %(value)r": "无效的值（应为 %(type)s）：%(value)r",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "ignored explicit argument %r": "多余的值 %r",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
}
ZH_PLURAL = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
}

_original = (argparse._, argparse.ngettext)


def _gettext(message: str) -> str:
    return ZH.get(message) or _original[0](message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return ZH_PLURAL.get((singular, plural)) or _original[1](singular, plural, n)


def install() -> None:
    """Make argparse speak Chinese in this process (every parser, from now on)."""
    argparse._ = _gettext
    argparse.ngettext = _ngettext
