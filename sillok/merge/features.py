"""Language-neutral features of an incident's quote, for comparing reports across languages.

A report in English and one in Korean share no words, but they state the same things: the ages of
the people, sums of money, terms of sentences, who the people are (students, a soldier, a mother
and daughter), the places named. :func:`quote_features` turns a quote into such features:
numbers (ages, decades of age, amounts, terms), concept ids from the bilingual lexicon
(``data/lexicon.toml``) and place ids from the gazetteer.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from sillok.errors import LexiconError

LEXICON_FILE = "data/lexicon.toml"


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    weight: float
    group: str | None
    en: re.Pattern[str] | None
    ko: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    concepts: tuple[Concept, ...]
    weights: Mapping[str, float]
    groups: Mapping[str, str]

    def weight(self, concept_id: str) -> float:
        return self.weights.get(concept_id, 1.0)

    def group(self, concept_id: str) -> str | None:
        return self.groups.get(concept_id)


def parse_lexicon(text: str, where: str = LEXICON_FILE) -> Lexicon:
    """Read and validate a lexicon file; :class:`LexiconError` names the file and the entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{where}: not valid TOML: {e}") from e
    entries = data.get("concept")
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{where}: no [[concept]] entries")
    seen: set[str] = set()
    concepts = []
    for n, entry in enumerate(entries, 1):
        cid = entry.get("id")
        label = f"{where}: concept #{n} ({cid!r})"
        if not isinstance(cid, str) or not cid:
            raise LexiconError(f"{label}: missing id")
        if cid in seen:
            raise LexiconError(f"{label}: duplicate id")
        seen.add(cid)
        unknown = set(entry) - {"id", "weight", "group", "en", "ko"}
        if unknown:
            raise LexiconError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}")
        weight = entry.get("weight", 1.0)
        if not isinstance(weight, (int, float)) or weight <= 0:
            raise LexiconError(f"{label}: weight must be a positive number")
        pats: dict[str, re.Pattern[str] | None] = {}
        for lang in ("en", "ko"):
            forms = entry.get(lang, [])
            if not isinstance(forms, list) or not all(isinstance(f, str) and f for f in forms):
                raise LexiconError(f"{label}: {lang} must be a list of non-empty patterns")
            if not forms:
                pats[lang] = None
                continue
            body = "|".join(f"(?:{f})" for f in sorted(forms, key=len, reverse=True))
            try:
                pats[lang] = re.compile(rf"\b(?:{body})\b" if lang == "en" else body, re.IGNORECASE)
            except re.error as e:
                raise LexiconError(f"{label}: bad {lang} pattern: {e}") from e
        if pats["en"] is None and pats["ko"] is None:
            raise LexiconError(f"{label}: no patterns")
        concepts.append(Concept(cid, float(weight), entry.get("group"), pats["en"], pats["ko"]))
    return Lexicon(
        str(data.get("version", "0")),
        tuple(concepts),
        MappingProxyType({c.id: c.weight for c in concepts}),
        MappingProxyType({c.id: c.group for c in concepts if c.group}),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read once; it is immutable)."""
    text = resources.files("sillok.merge").joinpath(LEXICON_FILE).read_text("utf-8")
    return parse_lexicon(text)


# -- numbers ---------------------------------------------------------------------------------------

_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
_EN_DECADES = {"teens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
               "seventies": 70, "eighties": 80}  # fmt: skip
_KO_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
                   "여든": 80, "아흔": 90}  # fmt: skip
_KO_NATIVE_UNITS = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6,
                    "일곱": 7, "여덟": 8, "아홉": 9}  # fmt: skip
_KO_SINO = {"만": 10_000, "천": 1_000, "백": 100}

_EN_NUMWORD = (
    r"(?:"
    + "|".join(sorted(_EN_UNITS, key=len, reverse=True))
    + r")(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_AGE_EN = re.compile(
    rf"\b(\d{{1,2}}|{_EN_NUMWORD})[\s-]years?[\s-]old\b|\baged (\d{{1,2}})(?: and (\d{{1,2}}))?\b", re.I
)
_AGE_EN_COMMA = re.compile(r"(?:[A-Z][a-z]+|man|woman|wife|husband|mother|father|son|daughter),\s(\d{2}),")
_DECADE_EN = re.compile(
    r"\b(?:in|of) (?:his|her|their) (?:early |mid-?|late )?(" + "|".join(_EN_DECADES) + r")\b", re.I
)
_KO_NATIVE = (
    "(?:" + "|".join(_KO_NATIVE_TENS) + ")(?:" + "|".join(sorted(_KO_NATIVE_UNITS, key=len, reverse=True)) + ")?"
)
_AGE_KO = re.compile(
    rf"(\d{{1,2}})\s?(?:살|세)(?![가-힣])|(\d{{1,2}})\s?(?:살|세)(?:의|인|된|난)|({_KO_NATIVE})\s?살|\((\d{{2}})\)"
)
_DECADE_KO = re.compile(r"(\d0)대")
_AMOUNT = re.compile(
    r"(?:US)?\$\s?(\d[\d,]*)|(\d[\d,]*)\s?(?:yuan|dollars|won|rubles)\b|(\d+)\s?(만|천|백)?\s?(?:위안|달러|원|루블)"
    r"|(\d[\d,]*)(?:\s?(만|천))?\s?(?:위안|달러)",
    re.I,
)
_TERM_EN = re.compile(rf"\b(\d{{1,2}}|{_EN_NUMWORD})[\s-](years?|months?)\b(?![\s-]old)", re.I)
_TERM_KO = re.compile(r"(?<!\d)(\d{1,2})\s?(년형|년|개월)(?:형|의|을|이|간)?")


_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# capitalised month names only ("May", not the verb "may"), with an optional day: "June 12", "Oct. 16"
_DATE_EN = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?(?:\s+(\d{1,2})\b)?"
)
_MONTH_KO = re.compile(r"(?<!\d)(\d{1,2})\s?월")
_DAY_KO = re.compile(r"(?<!\d)(\d{1,2})\s?일(?![가-힣]?간)")


def quote_dates(text: str, language: str) -> tuple[frozenset[int], frozenset[int]]:
    """The months and days of the month a quote names ("on June 12", "지난 8일", "8월"), without years."""
    months: set[int] = set()
    days: set[int] = set()
    if language == "ko":
        months = {int(m.group(1)) for m in _MONTH_KO.finditer(text) if 1 <= int(m.group(1)) <= 12}
        days = {int(m.group(1)) for m in _DAY_KO.finditer(text) if 1 <= int(m.group(1)) <= 31}
    else:
        for m in _DATE_EN.finditer(text):
            months.add(_MONTHS_EN.index(m.group(1)[:3].lower()) + 1)
            if m.group(2) and 1 <= int(m.group(2)) <= 31:
                days.add(int(m.group(2)))
    return frozenset(months), frozenset(days)


def _en_number(word: str) -> int | None:
    word = word.lower().replace("-", " ").strip()
    if word.isdigit():
        return int(word)
    parts = word.split()
    if word in _EN_UNITS:
        return _EN_UNITS[word]
    if len(parts) == 2 and parts[0] in _EN_UNITS and parts[1] in _EN_UNITS:
        return _EN_UNITS[parts[0]] + _EN_UNITS[parts[1]]
    return None


def _ko_native(word: str) -> int | None:
    for tens, value in sorted(_KO_NATIVE_TENS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(tens):
            rest = word[len(tens) :]
            if not rest:
                return value
            return value + _KO_NATIVE_UNITS[rest] if rest in _KO_NATIVE_UNITS else None
    return None


@dataclass(frozen=True, slots=True)
class QuoteFeatures:
    """What a quote states, in a form that does not depend on its language."""

    ages: frozenset[int] = frozenset()
    decades: frozenset[int] = frozenset()
    amounts: frozenset[int] = frozenset()
    terms: frozenset[tuple[int, str]] = frozenset()
    concepts: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    months: frozenset[int] = frozenset()  # calendar months the text names (1-12), without a year
    days: frozenset[int] = frozenset()  # days of the month the text names (1-31)


def _is_korean(text: str) -> bool:
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    return hangul * 3 > len(text.strip()) * 0.5 if text.strip() else False


def quote_places(text: str, language: str) -> frozenset[str]:
    """Gazetteer ids of the places the quote names unambiguously (either language)."""
    from sillok.places.gazetteer import load_gazetteer  # loaded on first use

    found = set()
    for mention in load_gazetteer().find(text, language):
        if len(mention.candidates) == 1:
            found.add(mention.candidates[0].id)
    return frozenset(found)


def quote_features(text: str, language: str | None = None, places: frozenset[str] | None = None) -> QuoteFeatures:
    """The features of a quote (``language`` ``en``/``ko``; guessed from the script when ``None``).

    ``places`` are the gazetteer ids of the places it names; found in the quote when ``None``.
    """
    lang = language or ("ko" if _is_korean(text) else "en")
    if places is None:
        places = quote_places(text, lang)
    ages: set[int] = set()
    amounts: set[int] = set()
    terms: set[tuple[int, str]] = set()
    if lang == "ko":
        for m in _AGE_KO.finditer(text):
            if m.group(1) or m.group(2) or m.group(4):
                ages.add(int(m.group(1) or m.group(2) or m.group(4)))
            elif m.group(3):
                v = _ko_native(m.group(3))
                if v:
                    ages.add(v)
        decades = {int(m.group(1)) for m in _DECADE_KO.finditer(text)}
        for m in _TERM_KO.finditer(text):
            terms.add((int(m.group(1)), "month" if m.group(2) == "개월" else "year"))
    else:
        for m in _AGE_EN.finditer(text):
            for g in (m.group(1), m.group(2), m.group(3)):
                v = _en_number(g) if g else None
                if v:
                    ages.add(v)
        for m in _AGE_EN_COMMA.finditer(text):
            ages.add(int(m.group(1)))
        decades = {_EN_DECADES[m.group(1).lower()] for m in _DECADE_EN.finditer(text)}
        for m in _TERM_EN.finditer(text):
            v = _en_number(m.group(1))
            if v:
                terms.add((v, "month" if m.group(2).lower().startswith("month") else "year"))
    for m in _AMOUNT.finditer(text):
        digits = next((g for g in (m.group(1), m.group(2), m.group(3), m.group(5)) if g), None)
        if not digits:
            continue
        value = int(digits.replace(",", ""))
        unit = m.group(4) or m.group(6)
        if unit:
            value *= _KO_SINO[unit]
        if value >= 10:
            amounts.add(value)
    decades |= {a // 10 * 10 for a in ages}
    months, days = quote_dates(text, lang)
    lexicon = load_lexicon()
    concepts = set()
    for c in lexicon.concepts:
        pat = c.ko if lang == "ko" else c.en
        if pat is not None and pat.search(text):
            concepts.add(c.id)
    return QuoteFeatures(
        ages=frozenset(ages),
        decades=frozenset(decades),
        amounts=frozenset(amounts),
        terms=frozenset(terms),
        concepts=frozenset(concepts),
        places=places,
        months=months,
        days=days,
    )


_SENTENCE_END = re.compile(r"(?<=[.!?。])[\"'”’)]*\s+|\n+")


def _window_span(text: str, bounds: list[int], quote: str, sentences: int) -> tuple[int, int] | None:
    start = text.find(quote) if quote else -1
    if start < 0:
        return None
    end = start + len(quote)
    before = [b for b in bounds if b <= start]
    after = [b for b in bounds if b > end]
    lo = before[-1 - sentences] if len(before) > sentences else 0
    hi = after[sentences] if len(after) > sentences else len(text)
    return lo, hi


def quote_window(text: str, quote: str, sentences: int = 1) -> str:
    """The quote with the ``sentences`` sentences before and after it in the report ('' if not found).

    A report often names the people, the place or the agency in the sentence before the one that
    states the act; the window lets that count as the incident's own description.
    """
    if not text:
        return ""
    span = _window_span(text, [m.end() for m in _SENTENCE_END.finditer(text)], quote, sentences)
    return text[span[0] : span[1]] if span else ""


@dataclass(frozen=True, slots=True)
class ReportText:
    """A report read once for the features of its incidents' surroundings (see :func:`read_report`)."""

    text: str
    language: str
    bounds: tuple[int, ...]  # sentence ends
    places: tuple[tuple[int, int, str], ...]  # (start, end, gazetteer id) of unambiguous place names

    def features(self) -> QuoteFeatures:
        """What the whole report states (:func:`report_features`)."""
        f = quote_features(self.text, self.language, frozenset(pid for _, _, pid in self.places))
        return QuoteFeatures(ages=f.ages, amounts=f.amounts, terms=f.terms, places=f.places)

    def near(self, quote: str, sentences: int = 1) -> QuoteFeatures:
        """The features of the quote with its neighbouring sentences (empty if the quote is not found)."""
        span = _window_span(self.text, list(self.bounds), quote, sentences)
        if span is None:
            return QuoteFeatures()
        lo, hi = span
        places = frozenset(pid for start, end, pid in self.places if lo <= start and end <= hi)
        return quote_features(self.text[lo:hi], self.language, places)


def read_report(text: str, language: str | None = None) -> ReportText:
    """Find a report's sentences and place names once, for all its incidents."""
    from sillok.places.gazetteer import load_gazetteer  # loaded on first use

    lang = language or ("ko" if _is_korean(text) else "en")
    places = tuple(
        (m.start, m.end, m.candidates[0].id) for m in load_gazetteer().find(text, lang) if len(m.candidates) == 1
    )
    return ReportText(text, lang, tuple(m.end() for m in _SENTENCE_END.finditer(text)), places)


def report_features(text: str, language: str | None = None) -> QuoteFeatures:
    """What a whole report states (its places, ages, sums, terms): the context of its incidents.

    Two reports that name the same county and village, the same ages and the same sums tell the same
    story, whatever their language; the acts they tell of one type are then likely the same acts.
    Concepts are left out: over a whole report they are too common to tell stories apart.
    """
    return read_report(text, language).features()


def _place_depth(place_id: str) -> int:
    """0 for a country or province id (``KP``, ``KP-03``), 1 for a city or county, 2 below it."""
    return place_id.count(".")


def context_score(a: QuoteFeatures, b: QuoteFeatures, cap: float = 1.5) -> float:
    """Evidence (never negative) that two reports tell one story: the specific things both name.

    Shared places below the province (a county counts 0.5, a village or crossing 0.75), shared ages,
    sums and terms (0.5 each), up to ``cap``. Nothing counts against: a report names many things.
    """
    score = 0.0
    for place in a.places & b.places:
        depth = _place_depth(place)
        if depth:
            score += 0.5 if depth == 1 else 0.75
    if a.ages and b.ages:
        score += 0.5 * min(2, sum(1 for x in a.ages if any(abs(x - y) <= 1 for y in b.ages)))
    score += 0.5 * min(2, len(a.amounts & b.amounts))
    score += 0.5 * min(2, len(a.terms & b.terms))
    return min(cap, score)


def feature_score(a: QuoteFeatures, b: QuoteFeatures) -> float:
    """Evidence (positive: same act, negative: different people) from two quotes' features."""
    lexicon = load_lexicon()
    score = 0.0
    if a.ages and b.ages:
        # within a year: Korean reports may give the Korean age, one more than the international
        close = any(abs(x - y) <= 1 for x in a.ages for y in b.ages)
        score += 1.5 if close else -2.0
    elif a.decades and b.decades:
        score += 0.5 if a.decades & b.decades else -1.5
    if a.amounts and b.amounts:
        score += 1.0 if a.amounts & b.amounts else -0.5
    if a.terms and b.terms:
        score += 1.0 if a.terms & b.terms else -1.0
    shared = a.concepts & b.concepts
    # sex and agency words say little when shared (the perpetrator field already counts the agency);
    # they count only against, when the two reports name different ones
    score += min(2.0, 0.4 * sum(lexicon.weight(c) for c in shared if lexicon.group(c) not in ("sex", "agency")))
    # exclusive groups (a man vs a woman): one member on each side, and they differ
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for side, concepts in ((0, a.concepts), (1, b.concepts)):
        for c in concepts:
            g = lexicon.group(c)
            if g:
                groups.setdefault(g, (set(), set()))[side].add(c)
    for left, right in groups.values():
        if len(left) == 1 and len(right) == 1 and left != right:
            score -= 0.75
    if a.places and b.places:
        score += 0.5 if a.places & b.places else 0.0
    return score
