"""The project's gold files keep ANNOTATION.md's contract: fields, taxonomy, evidence in text."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


def test_sample_gold_is_valid() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_gold.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dev_and_seed_gold_are_valid() -> None:
    command = [sys.executable, str(ROOT / "scripts" / "check_dev.py")]
    command += ["--seeds-dir", str(SEEDS)] if SEEDS.is_dir() else ["--skip-seed-texts"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
