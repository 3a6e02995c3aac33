"""Argument helpers shared by the certificate, qualification and instructor commands."""

from __future__ import annotations

import argparse
from datetime import date

from partydesk.rules.dates import parse_date


def _date(text: str) -> date:
    try:
        d = parse_date(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if d is None:
        raise argparse.ArgumentTypeError("日期不能为空")
    return d


def _sub(cmds, parent: argparse.ArgumentParser, title: str):
    from partydesk.cli import ArgumentParser

    return parent.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=ArgumentParser, title=title
    )


def _add(cmds, sub, name: str, help: str, func) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help, parents=[cmds.common])
    p.set_defaults(func=func)
    return p


def _today(args) -> date:
    return getattr(args, "date", None) or date.today()
