"""argparse's help laid out by the width a terminal gives a character, not by the count of
characters: a Chinese character (or full-width punctuation) takes two columns, so with
argparse's own padding `--ledger 账本` pushed its help two columns right of `--version`'s
and Chinese help lines ran past the window's edge.

`display_width` is what a terminal shows; `wide(formatter_class)` gives the same formatter
(plain, RawDescription …) padding the option column and wrapping help text and the usage
line by it."""

from __future__ import annotations

import argparse
import functools
import re
import unicodedata

# Punctuation that must not start a line (it belongs to the character before it).
_NO_LINE_START = set("，。、；：？！）】》」』”’…·,.;:?!)]}%")
# Runs kept whole when wrapping: a word of letters/digits/ASCII punctuation, or one wide
# character, or spaces.
_TOKEN = re.compile(r"[ ]+|[\x21-\x7e]+|.", re.DOTALL)
# argparse's own parts of a usage line (an option with its value, a [group] or (group)).
_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` display columns."""
    return text + " " * max(width - display_width(text), 0)


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` display columns: between words, or
    between any two Chinese characters, never before a closing mark like ， or ）."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(text):
        w = display_width(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + w > width and line.strip():
            if token[0] in _NO_LINE_START:
                line, used = line + token, used + w  # a mark may overhang by its width
                continue
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _DisplayWidth(argparse.HelpFormatter):
    """Mixed in front of an argparse formatter: columns counted in display width."""

    _raw_description = False  # RawDescriptionHelpFormatter: descriptions kept as written
    _raw_text = False  # RawTextHelpFormatter: help texts kept as written too

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            invocations = [self._format_action_invocation(action)]
            invocations += [
                self._format_action_invocation(sub)
                for sub in self._iter_indented_subactions(action)
            ]
            longest = max(map(display_width, invocations)) + self._current_indent
            self._action_max_length = max(self._action_max_length, longest)

    def _format_action(self, action):
        # As argparse's own, with the header padded and the help wrapped by display width.
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if not action.help:
            header = f"{indent}{header}\n"
            indent_first = 0
        elif display_width(header) <= action_width:
            header = f"{indent}{pad(header, action_width)}  "
            indent_first = 0
        else:
            header = f"{indent}{header}\n"
            indent_first = help_position
        parts = [header]
        if action.help and action.help.strip():
            help_text = self._expand_help(action)
            if help_text:
                lines = self._split_lines(help_text, help_width)
                parts.append(" " * indent_first + lines[0] + "\n")
                parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not header.endswith("\n"):
            parts.append("\n")
        for sub in self._iter_indented_subactions(action):
            parts.append(self._format_action(sub))
        return self._join_parts(parts)

    def _format_usage(self, usage, actions, groups, prefix):
        # argparse wraps the usage by character count; narrow its width until each line fits
        # on screen. A line of one part too long to break (a long group of choices) is left.
        if prefix is None:
            prefix = argparse._("usage: ")
        limit = self._width
        try:
            for _ in range(40):
                text = self._shift(super()._format_usage(usage, actions, groups, prefix), prefix)
                over = [
                    display_width(line) - limit
                    for line in text.splitlines()
                    if display_width(line) > limit and len(_PART.findall(line.strip())) > 1
                ]
                if not over or self._width <= 30:
                    break
                self._width -= max(min(over), 1)
            return text
        finally:
            self._width = limit

    @staticmethod
    def _shift(text: str, prefix: str | None) -> str:
        """argparse indents the usage's next lines by the prefix's length; 用法： is wider."""
        extra = display_width(prefix or "") - len(prefix or "")
        lines = text.split("\n")
        if extra <= 0 or len(lines) < 2:
            return text
        return "\n".join([lines[0]] + [" " * extra + ln if ln.strip() else ln for ln in lines[1:]])

    def _split_lines(self, text, width):
        if type(self)._raw_text:
            return super()._split_lines(text, width)
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width) or [""]

    def _fill_text(self, text, width, indent):
        if type(self)._raw_description:
            return super()._fill_text(text, width, indent)
        text = self._whitespace_matcher.sub(" ", text).strip()
        return "\n".join(indent + line for line in wrap(text, width - display_width(indent)))


@functools.cache
def wide(formatter_class: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """`formatter_class` laid out by display width (the same class if it already is)."""
    if issubclass(formatter_class, _DisplayWidth):
        return formatter_class
    raw_text = issubclass(formatter_class, argparse.RawTextHelpFormatter)
    raw = raw_text or issubclass(formatter_class, argparse.RawDescriptionHelpFormatter)
    return type(
        "Wide" + formatter_class.__name__,
        (_DisplayWidth, formatter_class),
        {"_raw_description": raw, "_raw_text": raw_text},
    )
