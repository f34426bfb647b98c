"""CI's PostgreSQL run selects tests by path (tests/conftest.py): a renamed module must not drop out
of it unnoticed."""

from pathlib import Path

import pytest

from tests.conftest import EVERY_DATABASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", EVERY_DATABASE)
def test_every_path_run_on_postgresql_exists(path):
    assert (ROOT / path).exists(), f"{path} is named in EVERY_DATABASE but does not exist"
