"""Every error code the package writes is listed, once, in ondit.errors.CODES."""

from __future__ import annotations

import re

from ondit.errors import CODES

from .conftest import ROOT


def test_every_code_in_the_package_is_registered() -> None:
    used: set[str] = set()
    for path in (ROOT / "src" / "ondit").rglob("*.py"):
        used.update(re.findall(r"\[(E\d{3})\]", path.read_text(encoding="utf-8")))
    assert used - set(CODES) == set()
    for code, meaning in CODES.items():
        assert meaning and (not meaning.startswith("[") or meaning.startswith(f"[{code}]")), code
