"""Shared types of the points printing."""

from collections.abc import Callable

Progress = Callable[[float, str], None]
