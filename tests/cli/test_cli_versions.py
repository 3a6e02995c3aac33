"""Two clerks at the command line: `show` prints the version, `set --expect-version`
refuses (已被他人修改, exit 1, nothing written) once someone else has saved the record."""

from partydesk.cli import main
from tests.sample_ledger import fill_sample


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _version(out: str) -> int:
    return int(next(ln.split()[-1] for ln in out.splitlines() if ln.startswith("版本")))


def test_set_with_the_version_shown_refuses_a_record_changed_since(capsys, ledger, ledger_path):
    pid = fill_sample(ledger)["张伟"]
    ledger.close()
    lg = ("--ledger", str(ledger_path))
    code, out, _ = run(capsys, "show", "people", str(pid), *lg)
    assert code == 0
    shown = _version(out)
    code, out, _ = run(
        capsys, "set", "people", str(pid), "手机号=13900139000", "--expect-version", str(shown), *lg
    )
    assert code == 0 and "13900139000" in out
    code, out, err = run(
        capsys, "set", "people", str(pid), "手机号=13700137000", "--expect-version", str(shown), *lg
    )
    assert code == 1 and err.startswith("错误：已被他人修改")
    code, out, _ = run(capsys, "show", "people", str(pid), *lg)
    assert "13900139000" in out and "13700137000" not in out
    assert _version(out) == shown + 1
