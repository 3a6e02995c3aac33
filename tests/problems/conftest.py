from tests.develop.conftest import branch  # noqa: F401
