"""Sub-commands whose parser is made only when the command is given.

`partydesk --help` lists every command with its help (read from partydesk/cli/index.py),
but a command's own parser — and so its feature module, with everything that module
imports (ReportLab, openpyxl, …) — is made only when the command line names it: `partydesk
check` imports what checking needs, not the whole program."""

from __future__ import annotations

import argparse
from collections.abc import Callable


class _NotLoaded:
    """Stands in the parser map for a command whose module is not imported yet."""

    def __repr__(self) -> str:
        return "<not loaded>"


NOT_LOADED = _NotLoaded()


class LazySubParsers(argparse._SubParsersAction):
    """argparse's sub-command action, holding placeholders until a command is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaders: dict[str, Callable[[], None]] = {}

    def placeholder(self, name: str, help: str | None, load: Callable[[], None]) -> None:
        """List `name` (with `help`, as its module would) and call `load` when it is given."""
        self._name_parser_map[name] = NOT_LOADED
        if help is not None:
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._loaders[name] = load

    def add_parser(self, name, **kwargs):
        if self._name_parser_map.get(name) is not NOT_LOADED:
            return super().add_parser(name, **kwargs)
        # The module makes the real parser: it takes the placeholder's place in the list.
        del self._name_parser_map[name]
        at = next((i for i, a in enumerate(self._choices_actions) if a.dest == name), None)
        has_help = "help" in kwargs
        parser = super().add_parser(name, **kwargs)
        if at is not None:
            real = self._choices_actions.pop() if has_help else None
            if real is None:
                del self._choices_actions[at]
            else:
                self._choices_actions[at] = real
        return parser

    def load(self, name: str) -> None:
        if self._name_parser_map.get(name) is NOT_LOADED:
            self._loaders[name]()

    def __call__(self, parser, namespace, values, option_string=None):
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def parsers(action: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:
    """The sub-command parsers made so far (placeholders left out)."""
    return [p for p in dict.fromkeys(action.choices.values()) if p is not NOT_LOADED]
