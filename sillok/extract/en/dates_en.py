"""English time expressions -> date intervals (codebook §3 date table), via ``sillok.extract.dates``.

:class:`DateRecognizer` compiles its patterns once; :meth:`DateRecognizer.find` returns the time
expressions of a sentence as :class:`DateMention` s. Most resolve at once against the publication
date; anchored ones ("the next day", "that month") carry a ``relation`` that the extractor settles
against the previous dated mention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sillok.extract import dates as D
from sillok.models import DateRange

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
}  # fmt: skip
PARTS = {
    "early": "early", "beginning": "early", "start": "early", "first": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "final": "late", "last": "late",
}  # fmt: skip
HOLIDAYS = (
    (r"Kim\s+Il[\s-]Sung(?:'s|’s)\s+birthday|(?:the\s+)?Day\s+of\s+the\s+Sun\b", "kim_il_sung_birthday"),
    (r"Kim\s+Jong[\s-]Il(?:'s|’s)\s+birthday|Day\s+of\s+the\s+Shining\s+Star", "kim_jong_il_birthday"),
    (r"(?:Party\s+Foundation\s+Day|party(?:'s|’s)?\s+founding\s+(?:day|anniversary))", "party_founding"),
    (r"(?:the\s+)?(?:DPRK\s+)?Foundation\s+Day|Day\s+of\s+the\s+Foundation\s+of\s+the\s+Republic", "foundation_day"),
    (r"Victory\s+Day", "victory_day"),
    (r"Chuseok|Chusok", "chuseok"),
    (r"Seollal|Lunar\s+New\s+Year", "seollal"),
    (r"\bDano\b|Tano\b", "dano"),
)

_M = (
    r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_D = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:,?\s+(?:of\s+)?(?P<{0}>(?:19|20)\d\d)|\s+(?:of\s+)?(?P<{0}r>this|last)\s+year)?"
_PART = (
    r"(?P<part>early|mid|late|the\s+(?:beginning|start|end|middle|first\s+days|final\s+days|last\s+days"
    r"|first\s+half|second\s+half)\s+of)"
)


_WORD = re.compile(r"[\w’']+")
#: The first words of the time expressions below (lower case); a match is tried only where one begins.
_STARTS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr jun
    jul aug sept sep oct nov dec monday tuesday wednesday thursday friday saturday sunday early mid middle late the
    from between in since on last this earlier yesterday today tonight spring summer autumn fall winter recently a
    several some many years weeks days months hours minutes right immediately shortly around at about that next
    following same one two three four five six seven eight nine ten kim day party dprk foundation victory chuseok
    chusok seollal lunar dano tano back by until during of ever year so over long beginning start end first final
    twenty thirty eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
    an morning night evening afternoon week weeks month few dozen same previous past weekend recent after
    following""".split()
)


#: Frequent first words: a match is tried after one of them only when the next word could continue a date.
_COMMON = frozenset("the in on a an of at that by this last some one two three over so back during until".split())
_NEXT_WORD = re.compile(r"[\s-]+([\w’']+)")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    range: DateRange | None
    #: None (resolved), "since" (range runs to publication), "shift" (anchor + ``shift`` days),
    #: "that_month" (the month of the anchor, with ``part``), "vague" (explicitly no date: 'recently').
    relation: str | None = None
    shift: int = 0
    part: str | None = None


def _m(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _part(raw: str | None) -> str | None:
    if not raw:
        return None
    words = raw.lower().replace("-", " ").split()
    for w in words:
        if w in PARTS:
            return PARTS[w]
    return None


class DateRecognizer:
    """Finds and resolves the time expressions of English sentences."""

    def __init__(self) -> None:
        m1, m2, d1, d2 = _M.format("m1"), _M.format("m2"), _D.format("d1"), _D.format("d2")
        y1, y2 = _Y.format("y1"), _Y.format("y2")
        spec: list[tuple[str, str]] = [
            ("since_anchor", r"since\s+then|ever\s+since"),
            (
                "since_anchor",
                r"(?:in\s+the\s+(?:days|weeks|months)\s+)?(?:after|since|following)\s+(?:the|his|her|their)\s+"
                r"(?:execution|arrest|escape|trial|incident|killing|shooting|disappearance|defection|leak|raid)s?",
            ),
            (
                # "since the officer's arrest" (an ongoing act from a named one; "after" alone stays a lower bound)
                "since_anchor",
                r"since\s+(?:the|his|her|their)\s+[\w-]+(?:'s|’s)\s+"
                r"(?:execution|arrest|escape|trial|incident|killing|shooting|disappearance|defection|leak|raid)s?",
            ),
            (
                "since_anchor",
                r"since\s+(?:the|his|her|their)\s+(?:\w+\s+){0,2}?(?:vanished|disappeared|fled|escaped|went\s+missing|"
                r"was\s+arrested|were\s+arrested|was\s+caught|were\s+caught)",
            ),
            ("shift", r"(?:at|on|during)\s+the\s+same\s+(?:hearing|trial|session|meeting|operation|raid|day)"),
            (
                "vague",
                r"recently|(?:a\s+few|several|some|many)\s+(?:days|weeks|months|years)\s+ago|years\s+ago|long\s+ago|in\s+recent\s+(?:days|weeks|months)|some\s+time\s+ago|"
                r"(?:days|weeks|months)\s+(?:after|later|before)(?!\s+(?:his|her|their)\s+arrest)",
            ),
            ("day_range", rf"(?:from|between)\s+{m1}\s+{d1}{y1}\s+(?:to|and|until|through|-|–)\s+(?:{m2}\s+)?{d2}{y2}"),
            (
                "day_range",
                rf"{m1}\s+{d1}\s*(?:-|–|and|to)\s*(?:{m2}\.?\s+)?{d2}(?![\d:])(?!\s+(?:people|men|women|years|days|percent))(?:st|nd|rd|th)?{y2}",
            ),
            ("month_range", rf"(?:in|between|from)\s+{m1}\s+(?:and|to|-|–)\s+{m2}{y2}"),
            ("since_day", rf"since\s+{m1}\s+{d1}\b{y1}"),
            ("since_part", rf"since\s+(?:the\s+(?P<part>end|beginning|start|middle)\s+of\s+){m1}{y1}"),
            ("since_part", rf"since\s+(?P<part>early|mid|late)[\s-]+{m1}{y1}"),
            ("since_month", rf"since\s+{m1}\b{y1}"),
            ("since_this_month", r"since\s+the\s+(?:beginning|start)\s+of\s+(?:this|the)\s+month"),
            ("since_year", r"since\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year"),
            (
                "that_month",
                r"(?:(?P<part>early|late|mid|the\s+(?:final|first|last)\s+days\s+of|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?(?:that|the\s+same)\s+month",
            ),
            (
                "part_month_rel",
                r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+(?P<rel>this|last)\s+month",
            ),
            ("earlier_this_month", r"earlier\s+this\s+month|this\s+month"),
            ("last_month", r"last\s+month"),
            ("day_of_rel_month", rf"(?:on\s+)?the\s+{d1}\s+of\s+(?P<rel>this|last)\s+month"),
            ("part_month", rf"{_PART}[\s-]+{m1}{y1}"),
            ("day", rf"{m1}\s+{d1}(?![\d:])(?!\s*(?:people|men|women|years|days|percent|%)){y1}"),
            ("day_first", rf"(?<!\d)(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{m1}{y1}"),
            ("last_month_name", rf"(?:last|this\s+past)\s+{m1}"),
            ("month", rf"(?:in|since|during|back\s+in|by|until|this)\s+{m1}(?!\s*\d){y1}"),
            ("month", rf"{m1}\s+(?P<y0>(?:19|20)\d\d)"),
            ("day_of_month", rf"on\s+the\s+{d1}\b"),
            (
                "month",
                r"(?<=\s)(?-i:(?P<m1>January|February|March|April|June|July|August|September|October|November|December))(?!\s*\d)",
            ),
            (
                "part_year_rel",
                r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[\s-]+(?P<rel>this|last)\s+year",
            ),
            ("part_year", r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+(?P<y>(?:19|20)\d\d)"),
            ("end_of_year", r"(?:at\s+)?the\s+end\s+of\s+the\s+year|year-end"),
            ("this_year", r"this\s+year|so\s+far\s+this\s+year"),
            ("last_year", r"last\s+year|the\s+previous\s+year|the\s+year\s+before"),
            ("year", r"(?:in|during|since|of|by)\s+(?P<y>(?:19|20)\d\d)(?!\s*(?:-|–)\s*\d)"),
            ("years_ago", r"(?P<n>\w+)\s+years?\s+ago"),
            ("weeks_ago", r"(?P<n>\w+)\s+weeks?\s+ago"),
            ("last_week", r"last\s+week|the\s+previous\s+week|the\s+week\s+before"),
            ("this_week", r"this\s+week|earlier\s+this\s+week"),
            ("last_weekend", r"(?:last|this\s+past|over\s+the)\s+weekend"),
            ("yesterday", r"yesterday"),
            ("today", r"today|tonight|this\s+morning"),
            (
                "season",
                r"(?:(?P<rel>this|last)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?",
            ),
            (
                "weekday",
                r"(?:on\s+|last\s+|this\s+past\s+|early\s+|late\s+|(?:on\s+)?the\s+(?:night|morning|evening|afternoon)\s+of\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
            ),
            (
                "shift",
                r"(?P<n>the\s+next|the\s+following|the\s+same|that|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|\d+)\s+(?P<unit>day|days|week|weeks|month|months|morning|night|evening|afternoon)(?P<later>\s+(?:later|after|afterwards|afterward|before|earlier))?",
            ),
            (
                "shift",
                r"(?:hours|minutes)\s+later|right\s+after|immediately\s+after|shortly\s+after|"
                r"(?:around|at|about)\s+the\s+same\s+time",
            ),
        ]
        for pattern, name in HOLIDAYS:
            spec.append((f"holiday:{name}", pattern))
        parts = []
        self._kinds: dict[str, str] = {}
        for i, (kind, pattern) in enumerate(spec):
            group = f"k{i}"
            self._kinds[group] = kind
            parts.append(f"(?P<{group}>{self._rename(pattern, i)})")
        self._regex = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
        #: per alternative, its inner groups: (full name, name without the alternative's suffix)
        self._names: dict[str, list[tuple[str, str]]] = {
            g: [(k, k.rsplit("_", 1)[0]) for k in self._regex.groupindex if k.endswith(f"_{g[1:]}")]
            for g in self._kinds
        }

    @staticmethod
    def _rename(pattern: str, i: int) -> str:
        """Named groups must be unique across the alternation: suffix them with the entry index."""
        return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{i}>", pattern)

    def find(self, text: str, published: dt.date | None, offset: int = 0) -> list[DateMention]:
        """The time expressions in ``text`` (offsets shifted by ``offset``), in order."""
        out: list[DateMention] = []
        covered = 0
        for w in _WORD.finditer(text):
            if w.start() < covered:
                continue
            word = w.group().lower()
            if word not in _STARTS and not word[0].isdigit():
                continue
            if word in _COMMON:
                nxt = _NEXT_WORD.match(text, w.end())
                if nxt is None or (nxt.group(1).lower() not in _STARTS and not nxt.group(1)[0].isdigit()):
                    continue
            m = self._regex.match(text, w.start())
            if m is None:
                continue
            covered = m.end()
            group = m.lastgroup or ""
            kind = self._kinds[group]
            values = {short: m.group(full) for full, short in self._names[group] if m.group(full)}
            mention = self._resolve(kind, values, m.group(), published)
            if mention is not None:
                rng, relation, shift, part = mention
                out.append(DateMention(offset + m.start(), offset + m.end(), m.group(), rng, relation, shift, part))
        return out

    # -- resolution ---------------------------------------------------------------------------------
    def _resolve(
        self, kind: str, v: dict[str, str], text: str, pub: dt.date | None
    ) -> tuple[DateRange | None, str | None, int, str | None] | None:
        low = text.lower()
        if kind == "vague":
            return None, "vague", 0, None
        if kind == "since_anchor":
            return None, "since_anchor", 0, None
        if kind == "that_month":
            return None, "that_month", 0, _part(v.get("part"))
        if kind == "shift":
            n_raw = (v.get("n") or "").lower()
            if not v.get("later") and n_raw not in ("the next", "the following", "the same", "that", ""):
                return None  # "for two months", "spent three weeks": a span, not a time
            return self._shift(v, low)
        if pub is None:
            year = self._year(v, None)
            if year is None or kind not in (
                "day",
                "day_first",
                "month",
                "part_month",
                "day_range",
                "year",
                "part_year",
            ):
                return None
        rng = self._range(kind, v, pub, low)
        if rng is None:
            return None
        relation = "since" if kind.startswith("since") else None
        return rng, relation, 0, None

    @staticmethod
    def _shift(v: dict[str, str], low: str) -> tuple[None, str, int, None]:
        n_raw = (v.get("n") or "").lower()
        if low.startswith(
            ("hours", "minutes", "right", "immediately", "shortly", "around", "at", "about", "on", "during")
        ):
            return None, "shift", 0, None
        if n_raw in ("the next", "the following"):
            n = 1
        elif n_raw in ("the same", "that"):
            n = 0
        else:
            n = int(n_raw) if n_raw.isdigit() else NUMBER_WORDS.get(n_raw, 0)
            if not v.get("later"):
                return None, "vague", 0, None
            if (v.get("unit") or "").lower().startswith("week"):
                n *= 7
            elif (v.get("unit") or "").lower().startswith("month"):
                n *= 30
            if v["later"].strip().lower() in ("before", "earlier"):
                n = -n
        return None, "shift", n, None

    @staticmethod
    def _year(v: dict[str, str], pub: dt.date | None) -> int | None:
        for key in ("y1", "y2", "y0", "y"):
            if v.get(key):
                return int(v[key])
        rel = (v.get("y1r") or v.get("y2r") or "").lower()
        if rel and pub is not None:
            return pub.year if rel == "this" else pub.year - 1
        return None

    def _range(self, kind: str, v: dict[str, str], pub: dt.date | None, low: str) -> DateRange | None:
        year = self._year(v, pub)
        if kind in ("day", "day_first", "since_day"):
            month, day = _m(v["m1"]), int(v["d1"])
            y = year or (D.year_for(month, day, pub) if pub else None)
            date = D.safe_day(y, month, day) if y else None
            if date is None:
                return None
            return D.since(date, pub) if kind == "since_day" and pub else DateRange.day(date)
        if kind == "day_range":
            m1 = _m(v["m1"])
            m2 = _m(v["m2"]) if v.get("m2") else m1
            d1, d2 = int(v["d1"]), int(v["d2"])
            y2 = int(v["y2"]) if v.get("y2") else (D.year_for(m2, d2, pub) if pub else None)
            y1 = int(v["y1"]) if v.get("y1") else (y2 if (m1, d1) <= (m2, d2) else (y2 or 0) - 1)
            if not y1 or not y2:
                return None
            a, b = D.safe_day(y1, m1, d1), D.safe_day(y2, m2, d2)
            return DateRange(a, b) if a and b and a <= b else None
        if kind == "month_range":
            m1, m2 = _m(v["m1"]), _m(v["m2"])
            y2 = year or (D.latest_month(m2, pub) if pub else None)
            if y2 is None:
                return None
            y1 = y2 if m1 <= m2 else y2 - 1
            return DateRange(D.whole_month(y1, m1).start, D.whole_month(y2, m2).end)
        if kind in ("part_month", "month", "since_month", "since_part", "last_month_name"):
            month = _m(v["m1"])
            strictly = kind == "last_month_name"
            y = year or (D.latest_month(month, pub, strictly_before=strictly) if pub else None)
            if y is None:
                return None
            part = _part(v.get("part")) if kind in ("part_month", "since_part") else None
            if kind == "part_month" and "half" in low:
                return None
            rng = D.month_part(y, month, part)
            if kind.startswith("since"):
                return D.since(rng.start, pub) if pub else None
            return rng
        if pub is None:
            if kind == "year" and year:
                return D.year_part(year, None)
            if kind == "part_year" and year:
                return D.year_part(year, _year_part(v.get("part")))
            return None
        if kind == "since_this_month":
            return D.this_month(pub)
        if kind == "since_year":
            return D.this_year(pub)
        if kind == "part_month_rel":
            part = _part(v.get("part"))
            if (v.get("rel") or "").lower() == "last":
                return D.previous_month(pub, part)
            return D.this_month(pub, part)
        if kind == "earlier_this_month":
            return D.this_month(pub)
        if kind == "last_month":
            return D.previous_month(pub)
        if kind == "day_of_rel_month":
            back = 1 if (v.get("rel") or "").lower() == "last" else 0
            date = D.day_of_month(int(v["d1"]), pub, months_back=back)
            return DateRange.day(date) if date else None
        if kind == "day_of_month":
            date = D.day_of_month(int(v["d1"]), pub)
            return DateRange.day(date) if date else None
        if kind == "part_year_rel":
            y = pub.year if (v.get("rel") or "").lower() == "this" else pub.year - 1
            return D.year_part(y, _year_part(v.get("part")))
        if kind == "part_year":
            return D.year_part(int(v["y"]), _year_part(v.get("part")))
        if kind == "end_of_year":
            return D.year_part(pub.year, "end")
        if kind == "this_year":
            return D.this_year(pub)
        if kind == "last_year":
            return D.years_ago(pub, 1)
        if kind == "year":
            y = int(v["y"])
            return D.year_part(y, None) if y <= pub.year else None
        if kind in ("years_ago", "weeks_ago"):
            n_raw = v["n"].lower()
            n = int(n_raw) if n_raw.isdigit() else NUMBER_WORDS.get(n_raw)
            if not n:
                return None
            return D.years_ago(pub, n) if kind == "years_ago" else D.weeks_ago(pub, n)
        if kind == "last_week":
            return D.weeks_ago(pub, 1)
        if kind == "this_week":
            return DateRange(D.monday(pub), pub)
        if kind == "last_weekend":
            return D.last_weekend(pub)
        if kind == "yesterday":
            return DateRange.day(pub - dt.timedelta(days=1))
        if kind == "today":
            return DateRange.day(pub)
        if kind == "season":
            name = v["s"].lower().replace("fall", "autumn")
            if v.get("y"):
                return D.season(int(v["y"]), name)
            rng = D.latest_season(name, pub)
            if (v.get("rel") or "").lower() == "last" and rng.end >= pub:
                rng = D.season(rng.start.year - 1, name)
            return rng
        if kind == "weekday":
            return D.weekday_on_or_before(pub, WEEKDAYS[v["w"].lower()])
        if kind.startswith("holiday:"):
            return D.holiday(kind.split(":", 1)[1], pub, year)
        return None


def _year_part(raw: str | None) -> str | None:
    if not raw:
        return None
    low = raw.lower()
    if "end" in low:
        return "end"
    if "first half" in low:
        return "early"
    if "second half" in low:
        return "late"
    return _part(low)
