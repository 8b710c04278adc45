"""How citations name their sources: short outlet names and dates."""

from __future__ import annotations

import pytest

from borderlines.ext.corpus.display import short_date, short_outlet


@pytest.mark.parametrize(
    ("outlet", "short"),
    [
        ("AhlulBayt News Agency (ABNA)", "ABNA"),
        ("The National", "The National"),
        ("Caliber.az", "Caliber.az"),
        ("Somebody (a blog)", "Somebody (a blog)"),
        ("", "outlet unknown"),
    ],
)
def test_short_outlet_uses_the_outlets_own_abbreviation(outlet: str, short: str) -> None:
    """Only an abbreviation the outlet's name gives in brackets replaces the name."""
    assert short_outlet(outlet) == short


@pytest.mark.parametrize(
    ("date", "short"),
    [
        ("2024-12-19", "19 Dec 2024"),
        ("2026-01", "Jan 2026"),
        ("2025", "2025"),
        ("", "undated"),
        ("2025-13-01", "2025-13-01"),
    ],
)
def test_short_date(date: str, short: str) -> None:
    """Full and month dates read naturally; anything else is shown as it is."""
    assert short_date(date) == short
