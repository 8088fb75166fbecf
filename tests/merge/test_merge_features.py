"""Language-neutral features: ages, amounts, terms and descriptions in English and Korean."""

from __future__ import annotations

import pytest

from sillok.errors import LexiconError
from sillok.merge.features import feature_score, load_lexicon, parse_lexicon, quote_features


@pytest.mark.parametrize(
    ("text", "lang", "ages"),
    [
        ("a 35-year-old discharged soldier went missing", "en", {35}),
        ("The two men, aged 34 and 41, were detained", "en", {34, 41}),
        ("a thirty-four-year-old woman died", "en", {34}),
        ("35세 남성이 붙잡혔다", "ko", {35}),
        ("38살 여성이 아들과 함께", "ko", {38}),
        ("서른네 살 여성이 숨졌다", "ko", {34}),
        ("조 모 씨(52)가 숨졌다", "ko", {52}),
        ("세 명이 체포됐다", "ko", set()),
    ],
)
def test_ages(text, lang, ages):
    assert set(quote_features(text, lang).ages) == ages


def test_decades_amounts_terms():
    en = quote_features("a man in his forties paid 8,000 yuan and got 15 years in a labour camp", "en")
    ko = quote_features("40대 남성이 중국 돈 8천 위안을 건넸고 교화 15년형을 받았다", "ko")
    assert 40 in en.decades and 40 in ko.decades
    assert en.amounts == ko.amounts == {8000}
    assert (15, "year") in en.terms and (15, "year") in ko.terms
    assert {"money_yuan", "labour_camp"} <= en.concepts & ko.concepts


def test_bilingual_lexicon():
    pairs = [
        ("student", "a university student", "대학생"),
        ("soldier", "a soldier", "군인"),
        ("mother", "his mother", "어머니"),
        ("customs", "customs officers", "세관 검사원"),
        ("driver", "their driver", "운전수"),
        ("smuggler", "smugglers", "밀수꾼"),
        ("broker", "a broker", "브로커"),
    ]
    for concept, en, ko in pairs:
        assert concept in quote_features(en, "en").concepts, en
        assert concept in quote_features(ko, "ko").concepts, ko


def test_same_people_score_above_different_people():
    a = quote_features("A 52-year-old trader died in a police holding cell", "en")
    b = quote_features("장사꾼 조 모 씨(52)가 안전부 구류장에서 숨졌다", "ko")
    c = quote_features("서른네 살 여성이 보위부 구류장에서 숨졌다", "ko")
    assert feature_score(a, b) > 0 > feature_score(a, c)


def test_language_guessed_from_script():
    assert quote_features("38살 여성").ages == {38}


def test_lexicon_loads_and_validates():
    lex = load_lexicon()
    assert lex.weight("student") > 0
    with pytest.raises(LexiconError, match="duplicate id"):
        parse_lexicon('[[concept]]\nid = "x"\nen = ["a"]\n[[concept]]\nid = "x"\nen = ["b"]\n', "t.toml")
    with pytest.raises(LexiconError, match=r"t\.toml: concept #1"):
        parse_lexicon('[[concept]]\nid = "x"\nen = ["("]\n', "t.toml")
    with pytest.raises(LexiconError, match="no patterns"):
        parse_lexicon('[[concept]]\nid = "x"\n', "t.toml")


def test_places_named_in_either_language_share_ids():
    en = quote_features("Police in Tanchon, South Hamgyong Province, arrested three miners", "en")
    ko = quote_features("함경남도 단천시 안전부가 광부 세 명을 체포했다", "ko")
    assert en.places and en.places == ko.places
    assert quote_features("no place here", "en", places=frozenset()).places == frozenset()


def test_different_occupations_count_against_and_korean_age_is_close():
    students = quote_features("five university students were arrested", "en")
    soldiers = quote_features("군인 다섯 명이 체포됐다", "ko")
    same = quote_features("대학생 다섯 명이 체포됐다", "ko")
    assert feature_score(students, soldiers) < 0 < feature_score(students, same)
    assert feature_score(quote_features("a 52-year-old man", "en"), quote_features("53세 남성", "ko")) > 0
    assert feature_score(quote_features("a 52-year-old man", "en"), quote_features("35세 남성", "ko")) < 0
