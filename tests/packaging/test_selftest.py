"""`partydesk --self-test` from source: the same check CI runs on the frozen folder."""

import os
import subprocess
import sys
from pathlib import Path

from ui.selftest import pdf_font_report

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_from_source(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    r = subprocess.run(
        [sys.executable, "-m", "ui.launch", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "SELF-TEST OK" in r.stdout
    assert "UMingCN" in r.stdout and "embedded" in r.stdout


def test_font_report_sees_an_unembedded_font(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "helv.pdf"
    c = canvas.Canvas(str(pdf))  # starts with Helvetica, which is never embedded
    c.drawString(72, 720, "x")
    c.save()
    names, descriptors, embedded = pdf_font_report(pdf.read_bytes())
    assert "Helvetica" in names
    assert embedded < max(descriptors, 1)


def test_core_cli_without_subcommand_prints_help(capsys):
    from partydesk.cli import main

    assert main([]) == 2
    assert "partydesk" in capsys.readouterr().out
