"""Merging that survives imperfect extraction: missing fields, misread dates and agencies, thin quotes.

Each test is one principle, on small incident pairs written for the tests (English and Korean):
a null field is unknown, not a conflict; a date a few days off is a misreading, not another act;
two agency codes where both quotes name one agency are a misreading; the sentences around a quote
and the places, ages and sums of the whole report are evidence when the coded fields are missing;
blocking finds candidates whatever is missing.
"""

from __future__ import annotations

import pytest

from sillok.merge.cluster import BlockingIndex, Merger
from sillok.merge.features import context_score, quote_window, report_features
from sillok.merge.score import MergeConfig, compare

CONFIG = MergeConfig()

EN_QUOTE = "Border guards caught two women on the bank of the Tumen River on May 8."
KO_QUOTE = "국경경비대가 지난 8일 두만강 기슭에서 여성 두 명을 붙잡았다."


def _clusters(merger: Merger) -> list[set[str]]:
    return [set(map(str, c)) for c in merger.clusters()]


def _pair(item, **ko_fields):
    en = item("en#0", "en", date=("2022-05-08", "2022-05-08"), admin1="North Hamgyong", admin2="Onsong County",
              count=2, perpetrator="border_guard", quote=EN_QUOTE, published="2022-05-12")  # fmt: skip
    fields = dict(date=("2022-05-08", "2022-05-08"), admin1="North Hamgyong", admin2="Onsong County", count=2,
                  perpetrator="border_guard", quote=KO_QUOTE, language="ko", published="2022-05-13")  # fmt: skip
    fields.update(ko_fields)
    return en, item("ko#0", "ko", **fields)


@pytest.mark.parametrize(
    "missing",
    [
        {"admin1": None, "admin2": None, "country": None},  # no place extracted
        {"count": None},  # no count extracted
        {"date": None},  # no date extracted (published days later)
        {"perpetrator": None, "reason": None},
        {"admin2": None, "count": None},
    ],
)
def test_a_missing_field_is_unknown_not_a_conflict(item, missing):
    en, ko = _pair(item)
    _, thin = _pair(item, **missing)
    full, partial = compare(en, ko, CONFIG), compare(en, thin, CONFIG)
    assert full is not None and partial is not None
    assert partial >= CONFIG.link_threshold  # the fields still given carry the link
    merger = Merger()
    merger.add([en, thin])
    assert {"en#0", "ko#0"} in _clusters(merger)


def test_a_date_a_few_days_off_is_a_misreading_not_a_veto(item):
    en, _ = _pair(item)
    _, close = _pair(item, date=("2022-05-10", "2022-05-10"))
    _, misread = _pair(item, date=("2022-05-16", "2022-05-16"))  # a week off: possible, costly
    _, far = _pair(item, date=("2022-06-20", "2022-06-20"))  # six weeks: another act
    s_close, s_misread = compare(en, close, CONFIG), compare(en, misread, CONFIG)
    assert s_close is not None and s_misread is not None
    assert s_close > s_misread
    assert s_misread < compare(en, _pair(item)[1], CONFIG) - CONFIG.misread_penalty + 1e-9  # type: ignore[operator]
    assert compare(en, far, CONFIG) is None


def test_a_misread_date_alone_does_not_merge_thin_reports(item):
    a = item("a#0", "a", date=("2022-05-08", "2022-05-08"), count=None, perpetrator=None, reason=None)
    b = item("b#0", "b", date=("2022-05-17", "2022-05-17"), count=None, perpetrator=None, reason=None)
    merger = Merger()
    merger.add([a, b])
    assert _clusters(merger) == [{"a#0"}, {"b#0"}]


def test_two_agency_codes_where_both_quotes_name_one_agency_are_a_misreading(item):
    en, _ = _pair(item)
    _, misread = _pair(item, perpetrator="military")  # the quote says 국경경비대
    _, other = _pair(item, perpetrator="military", quote="보위사령부가 지난 8일 두만강 기슭에서 여성 두 명을 붙잡았다.")
    s_misread, s_other = compare(en, misread, CONFIG), compare(en, other, CONFIG)
    assert s_misread is not None and s_other is not None
    assert s_misread - s_other >= 3.0 - CONFIG.agency_misread_penalty - 1e-6


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        (
            "A source spoke. Two miners in their thirties fled. The two were caught on Monday. Police said so. End.",
            "The two were caught on Monday.",
            "Two miners in their thirties fled. The two were caught on Monday. Police said so. ",
        ),
        (
            "소식통이 말했다. 30대 광부 두 명이 달아났다. 이들은 월요일 붙잡혔다. 안전원이 말했다. 끝.",
            "이들은 월요일 붙잡혔다.",
            "30대 광부 두 명이 달아났다. 이들은 월요일 붙잡혔다. 안전원이 말했다. ",
        ),
        ("The two were caught.", "not in the text", ""),
    ],
)
def test_quote_window_adds_the_neighbouring_sentences(text, quote, expected):
    assert quote_window(text, quote) == expected


EN_REPORT = (
    "Two miners in their thirties from the Musan mine fled toward the Tumen River last week, a source said. "
    "The two were caught on May 8. Their families have been questioned."
)
KO_REPORT = (
    "무산광산 30대 광부 두 명이 두만강 쪽으로 달아났다고 소식통이 전했다. "
    "이들은 지난 8일 붙잡혔다. 가족들도 조사를 받았다."
)


def test_the_quotes_neighbouring_sentences_describe_the_people(item):
    """Quotes that say only "the two were caught": the sentence before names them as miners."""
    fields = dict(date=None, admin1="North Hamgyong", admin2=None, count=2, perpetrator=None, reason=None)
    bare_en = item("en#0", "en", quote="The two were caught on May 8.", **fields)
    bare_ko = item("ko#0", "ko", quote="이들은 지난 8일 붙잡혔다.", language="ko", **fields)
    en = item("en#0", "en", quote="The two were caught on May 8.", report=EN_REPORT, **fields)
    ko = item("ko#0", "ko", quote="이들은 지난 8일 붙잡혔다.", language="ko", report=KO_REPORT, **fields)
    assert "miner" in en.near.concepts and "miner" in ko.near.concepts
    assert compare(en, ko, CONFIG) > compare(bare_en, bare_ko, CONFIG)  # type: ignore[operator]


def test_neighbouring_sentences_never_override_evidence_against_in_the_quotes(item):
    a = item("a#0", "a", quote="a 34-year-old woman was caught", report="Miners fled. a 34-year-old woman was caught")
    b = item("b#0", "b", quote="a 52-year-old man was caught", report="Miners fled. a 52-year-old man was caught")
    plain_a = item("a#0", "a", quote="a 34-year-old woman was caught")
    plain_b = item("b#0", "b", quote="a 52-year-old man was caught")
    assert compare(a, b, CONFIG) == compare(plain_a, plain_b, CONFIG)


def test_reports_naming_the_same_places_and_ages_tell_one_story():
    en = report_features("A 38-year-old woman from Samsu County paid 5,000 yuan to cross near Hyesan.", "en")
    ko = report_features("삼수군에 사는 38살 여성이 혜산 인근에서 5000위안을 주고 강을 건넜다.", "ko")
    other = report_features("Police in Chongjin arrested a 52-year-old trader.", "en")
    assert context_score(en, ko) == pytest.approx(1.5)  # capped: two places, an age and a sum
    assert context_score(en, other) == 0.0
    assert context_score(en, ko, cap=1.0) == 1.0


def test_the_story_joins_thin_reports_each_telling_one_act_of_the_type(item):
    thin = dict(date=None, admin1="North Hamgyong", admin2=None, count=None, perpetrator=None, reason=None)
    en = item("en#0", "en", quote=EN_REPORT.split(". ")[1], report=EN_REPORT, **thin)
    ko = item("ko#0", "ko", quote="이들은 지난 8일 붙잡혔다.", language="ko", report=KO_REPORT, **thin)
    merger = Merger()
    merger.add([en, ko])
    assert merger.story("en#0", "ko#0") > 0
    assert _clusters(merger) == [{"en#0", "ko#0"}]
    # the same story, but reports telling two arrests each: the story no longer says which is which
    merger = Merger()
    merger.add([en, ko, item("en#1", "en", quote="x", **thin), item("ko#1", "ko", quote="y", language="ko", **thin)])
    assert merger.story("en#0", "ko#0") < Merger().config.max_context


def test_blocking_finds_candidates_whatever_is_missing(item):
    index = BlockingIndex()
    dated = item("a#0", "a", date=("2021-03-30", "2021-03-30"))
    unplaced_undated = item("b#0", "b", date=None, admin1=None, admin2=None, country=None, published=None)
    bare_country = item("c#0", "c", date=None, admin1=None, admin2=None, published="2021-04-02")
    next_month = item("d#0", "d", date=("2021-04-08", "2021-04-08"))  # a misread date across a month's end
    for it in (dated, unplaced_undated, bare_country, next_month):
        index.add(it)
    assert index.candidates(dated) == {"b#0", "c#0", "d#0"}
    assert index.candidates(unplaced_undated) == {"a#0", "c#0", "d#0"}


@pytest.mark.parametrize(
    ("text", "lang", "months", "days"),
    [
        ("She was taken from her home on June 12, the source said.", "en", {6}, {12}),
        ("in the early hours of Oct. 16 after a neighbour reported", "en", {10}, {16}),
        ("They may be released in May 2020.", "en", {5}, set()),
        ("지난 8일 경원군에서 체포됐다", "ko", set(), {8}),
        ("지난 8월 장마당에서 붙잡혀 노동단련형 6개월을 받았다", "ko", {8}, set()),
        ("3월 5일 체포됐다", "ko", {3}, {5}),
        ("열흘간 조사를 받았다", "ko", set(), set()),
    ],
)
def test_months_and_days_named_in_a_quote(text, lang, months, days):
    from sillok.merge.features import quote_features

    f = quote_features(text, lang)
    assert (set(f.months), set(f.days)) == (months, days)


def test_an_undated_quote_that_names_another_day_speaks_against(item):
    dated = item("en#0", "en", date=("2015-06-12", "2015-06-12"), quote="She was taken from her home on June 12.")
    same_day = item("ko#0", "ko", date=None, quote="지난 12일 집에서 보위부에 체포됐다", language="ko",
                    published="2015-06-20")  # fmt: skip
    other_day = item("ko#1", "k1", date=None, quote="지난 3일 집에서 보위부에 체포됐다", language="ko",
                     published="2015-06-20")  # fmt: skip
    other_month = item("ko#2", "k2", date=None, quote="지난 5월 집에서 보위부에 체포됐다", language="ko",
                       published="2015-06-20")  # fmt: skip
    s_same = compare(dated, same_day, CONFIG)
    assert s_same is not None
    for other in (other_day, other_month):
        s_other = compare(dated, other, CONFIG)
        assert s_other is not None and s_other <= s_same - CONFIG.misread_penalty + 1e-6
    # both undated: the quotes' months disagree
    a = item("a#0", "a", date=None, quote="arrested in March")
    b = item("b#0", "b", date=None, quote="8월에 체포됐다", language="ko")
    c = item("c#0", "c", date=None, quote="3월에 체포됐다", language="ko")
    assert compare(a, b, CONFIG) < compare(a, c, CONFIG)  # type: ignore[operator]


def test_neighbours_describing_other_people_count_half_against(item):
    a = item("a#0", "a", quote="The two were caught.", report="A 34-year-old woman fled. The two were caught.")
    b = item("b#0", "b", quote="The two were caught.", report="A 52-year-old man fled. The two were caught.")
    plain_a = item("a#0", "a", quote="The two were caught.")
    plain_b = item("b#0", "b", quote="The two were caught.")
    assert compare(a, b, CONFIG) < compare(plain_a, plain_b, CONFIG)  # type: ignore[operator]
