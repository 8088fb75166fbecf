"""Shared helpers for the merge tests: small incidents written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sillok.merge.features import QuoteFeatures, quote_features, quote_window, report_features
from sillok.merge.model import MergeItem
from sillok.models import DateRange, Incident, Location, Victims


def make_item(
    key: str,
    doc_id: str,
    type: str = "arrest",
    date: tuple[str, str] | None = ("2021-03-05", "2021-03-05"),
    admin1: str | None = "Ryanggang",
    admin2: str | None = "Hyesan",
    count: int | None = 3,
    qualifier: str = "exact",
    perpetrator: str | None = "mss",
    reason: str | None = "defection",
    quote: str = "",
    language: str = "en",
    published: str | None = "2021-03-20",
    country: str | None = "KP",
    report: str | None = None,
) -> MergeItem:
    """One merge item; defaults make a Hyesan arrest of three by the MSS on 5 March 2021.

    ``report``: the text of its whole report (holding the quote), for the features of the quote's
    neighbouring sentences and of the report.
    """
    loc = Location(country, admin1, admin2, None) if (country or admin1 or admin2) else None
    inc = Incident(
        type=type,
        quote=quote or f"quote of {key}",
        date=DateRange(dt.date.fromisoformat(date[0]), dt.date.fromisoformat(date[1])) if date else None,
        location=loc,
        victims=Victims(count, qualifier) if count is not None else None,
        perpetrator=perpetrator,
        reason=reason,
    )
    return MergeItem(
        key=key,
        doc_id=doc_id,
        incident=inc,
        published=dt.date.fromisoformat(published) if published else None,
        language=language,
        features=quote_features(inc.quote, language),
        near=quote_features(quote_window(report, inc.quote), language) if report else QuoteFeatures(),
        context=report_features(report, language) if report else QuoteFeatures(),
    )


@pytest.fixture
def item():
    return make_item
