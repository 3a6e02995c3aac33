"""The window fixtures of tests/ui, for the merge dialog test."""

from tests.ui.conftest import main_window, sample_ids  # noqa: F401
