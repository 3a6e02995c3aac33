"""The start password: scrypt with N = 2^17, at least 6 characters, and a delay after
repeated wrong tries that a restart does not reset."""

from __future__ import annotations

import pytest

from partydesk import applock, settings
from partydesk.errors import ValidationError
from partydesk.ledger import open_ledger


def test_short_passwords_are_refused(ledger):
    with pytest.raises(ValidationError, match="至少 6 个字符"):
        applock.set_password(ledger, "12345")


def test_the_hash_is_scrypt_with_n_2_17(ledger):
    applock.set_password(ledger, "开门口令九九")
    with ledger.session() as s:
        rec = settings.get(s, applock.KEY)
    assert rec["algo"] == "scrypt" and rec["n"] >= 2**17 and "开门" not in str(rec)


def test_wrong_tries_make_the_next_wait_even_after_a_restart(ledger):
    applock.set_password(ledger, "开门口令九九")
    t = 1_000_000.0
    for i in range(applock.FREE_TRIES):
        assert not applock.check(ledger, f"错的{i}", now=t + i)
    path = ledger.location
    ledger.close()
    with open_ledger(path) as again:  # the program was restarted
        with pytest.raises(applock.LockedOut) as e:
            applock.check(again, "开门口令九九", now=t + 10)
        assert "秒后再试" in str(e.value) and e.value.seconds > 0
        assert applock.check(again, "开门口令九九", now=t + 10 + e.value.seconds)
        # a right password clears the count
        assert not applock.check(again, "错的", now=t + 100)


def test_an_old_weaker_hash_still_opens_and_is_remade(ledger):
    import hashlib
    import secrets

    salt = secrets.token_bytes(16)
    old = {
        "algo": "scrypt",
        "n": 2**14,
        "r": 8,
        "p": 1,
        "salt": salt.hex(),
        "hash": hashlib.scrypt(b"abcd", salt=salt, n=2**14, r=8, p=1, dklen=32).hex(),
    }
    with ledger.session() as s:
        settings.put(s, applock.KEY, old)
    assert applock.check(ledger, "abcd")
    with ledger.session() as s:
        assert settings.get(s, applock.KEY)["n"] == applock.SCRYPT_N


def test_a_password_removed_with_another_tool_is_found_by_check(ledger, capsys):
    from partydesk.cli import main
    from tests import raw

    applock.set_password(ledger, "开门口令九九")
    path = ledger.location
    ledger.close()
    conn = raw.connect(path)
    conn.execute("UPDATE setting SET value='{}' WHERE key='app_lock'")
    conn.commit()
    conn.close()
    assert main(["check", "--ledger", str(path)]) == 4
    assert "启动密码" in capsys.readouterr().out
