"""What the preview window needs to know about a document: its title, the file name to
offer, and how to write it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class Cancelled(Exception):
    """Raised by a writer when the clerk pressed 取消 while the document was written."""


@dataclass
class PrintJob:
    """`write(target, progress, cancelled)` runs in a worker thread: it writes the PDF to
    `target` and returns the page count (or None when cancelled); `progress(fraction,
    text)` and `cancelled()` are its links back to the window. `on_output()` runs on the
    UI thread once the document was printed or saved (a certificate counts as printed
    then, not when it is only previewed)."""

    title: str
    filename: str
    write: Callable[[Path, Callable[[float, str], None], Callable[[], bool]], int | None]
    on_output: Callable[[], None] | None = None


def ready(title: str, path: Path, pages: int | None = None) -> PrintJob:
    """A job for a PDF that is already written (the records page's own preview)."""
    import shutil

    def write(target: Path, progress, cancelled) -> int | None:
        shutil.copyfile(path, target)
        return pages

    return PrintJob(title, path.name, write)
