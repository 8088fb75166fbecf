"""Korean time expressions -> codebook date intervals (codebook §3), relative to publication.

:func:`find_times` finds the expressions in a text; the arithmetic is :mod:`sillok.extract.dates`.
A mention is ``kind``:

- ``date``: an interval of its own (``range``; ``None`` when the year cannot be known);
- ``anchor``: "같은 날", "이날", "직후": the interval of the act it refers to, shifted by ``shift`` days;
- ``vague``: "최근", "며칠 전": no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sillok.extract import dates as D
from sillok.models import DateRange

NATIVE_DAYS = {
    "하루": 1,
    "이틀": 2,
    "사흘": 3,
    "나흘": 4,
    "닷새": 5,
    "엿새": 6,
    "이레": 7,
    "여드레": 8,
    "아흐레": 9,
    "열흘": 10,
}
NATIVE_SMALL = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}
WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
SEASONS = {"봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"}
MONTH_PART = {
    "초": "early",
    "초순": "early",
    "상순": "early",
    "중순": "mid",
    "중": "mid",
    "하순": "late",
    "말": "late",
    "말경": "late",
    "께": None,
}
YEAR_PART = {"초": "early", "연초": "early", "중반": "mid", "말": "late", "하반기": "late", "연말": "end"}
HOLIDAYS = {
    "설날": "seollal",
    "음력설": "seollal",
    "구정": "seollal",
    "설 명절": "seollal",
    "추석": "chuseok",
    "단오": "dano",
    "단옷날": "dano",
    "태양절": "kim_il_sung_birthday",
    "김일성 생일": "kim_il_sung_birthday",
    "김일성 생일날": "kim_il_sung_birthday",
    "광명성절": "kim_jong_il_birthday",
    "김정일 생일": "kim_jong_il_birthday",
    "당 창건 기념일": "party_founding",
    "당창건기념일": "party_founding",
    "정권수립일": "foundation_day",
    "정권 수립일": "foundation_day",
    "전승절": "victory_day",
}
#: Fixed days that are not in ``dates.FIXED_HOLIDAYS`` (month, day).
OTHER_DAYS = {"양력설": (1, 1), "김일성 사망일": (7, 8), "김정일 사망일": (12, 17)}


#: "설 명절을 앞두고", "추석 전에": some days before a holiday, not the day.
AHEAD_OF = re.compile(r"\s*(?:명절\s*)?(?:을|를)\s*앞두고|\s*(?:명절\s*)?(?:이?전에|직전)")


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    text: str
    kind: str  # date | anchor | vague
    range: DateRange | None = None
    shift: int = 0
    since: bool = False  # "6월 20일부터": from that day to publication


_YEAR = (
    r"(?:(?P<y>\d{4})\s*년|"
    r"(?P<ry>지난해|지난 해|작년|올해|올 해|금년|재작년|그해|그 해|같은 해|(?:그\s*)?이듬해|그\s*다음\s*해))"
)
_PART = r"(?P<part>초순|상순|중순|하순|말경|초|중|말|께)"
_NUM = r"\d{1,2}"
_DAYS2 = rf"(?:\s*(?:과|와|,|·|~|∼|-|부터)\s*(?P<d2>{_NUM})\s*일)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(rf"(?:{_YEAR}\s*)?(?P<last>지난\s*)?(?P<m>{_NUM})\s*월\s*(?P<d>{_NUM})\s*일{_DAYS2}")),
    ("ym", re.compile(rf"(?:{_YEAR}\s*)?(?P<last>지난\s*)?(?P<m>{_NUM})\s*월(?:\s*{_PART})?(?![\d])")),
    ("prev_month", re.compile(rf"지난\s*달(?:\s*(?:(?P<d>{_NUM})\s*일{_DAYS2}|{_PART}))?")),
    ("this_month", re.compile(rf"(?:이달|이번\s*달|이 달)(?:\s*(?:(?P<d>{_NUM})\s*일|{_PART}|(?P<since>들어)))?")),
    # "설 전날", "추석 이튿날": a day counted from a holiday (the lunar ones through the calendar)
    (
        "holiday_rel",
        re.compile(
            rf"(?:{_YEAR}\s*)?(?<![가-힣])(?P<h>설날|설|추석|음력설|구정)\s*(?P<rel>전날|전야|이튿날|다음\s*날|다음날|당일)"
        ),
    ),
    (
        "holiday",
        re.compile(
            rf"(?:{_YEAR}\s*)?(?P<h>{'|'.join(sorted(map(re.escape, HOLIDAYS | OTHER_DAYS), key=len, reverse=True))})"
        ),
    ),
    ("season", re.compile(rf"(?:{_YEAR}\s*|(?P<last>지난\s*))?(?P<s>봄|여름|가을|겨울)(?![가-힣]{{0,0}}[이]?\s*되)")),
    ("year", re.compile(rf"{_YEAR}(?:\s*(?P<yp>연초|초|중반|하반기|상반기|말|연말|들어))?")),
    ("year_end", re.compile(r"연말")),
    ("weekend", re.compile(r"지난\s*주말")),
    ("weeks_ago", re.compile(r"(?:지난\s*주|(?P<n>\d+|한|두|세|네)\s*주\s*전)")),
    ("weekday", re.compile(r"(?:지난\s*)?(?P<wd>[월화수목금토일])요일")),
    ("yesterday", re.compile(r"어제|어젯밤|그제|그저께")),
    ("years_ago", re.compile(r"(?P<n>\d+|한|두|세)\s*해\s*전|(?P<n2>\d+)\s*년\s*전")),
    ("day", re.compile(rf"(?:지난\s*)?(?P<d>{_NUM})\s*일{_DAYS2}(?!\s*(?:만에|동안|간|뒤|후|째))")),
    ("same_day", re.compile(r"같은\s*(?:날|재판|자리|시각)|이날|당일|그날|그 날")),
    ("next_day", re.compile(r"(?:바로\s*)?(?:다음\s*날|이튿날|다음날)")),
    ("day_before", re.compile(r"(?<![가-힣])(?:그\s*)?전날")),
    ("after_days", re.compile(rf"(?P<w>{'|'.join(NATIVE_DAYS)}|\d+\s*일)\s*(?:넘게\s*|가량\s*)?(?:만에|뒤에?|후에?)")),
    ("right_after", re.compile(r"직후|곧바로|그 자리에서|즉시|그때부터|당시")),
    # "현장에서 붙잡혀": caught in the act, at the time of the act told (D1)
    (
        "right_after",
        re.compile(r"현장에서(?=\s*(?:바로\s*|곧바로\s*)?(?:붙잡|체포|잡혀|잡히|연행|적발|사살|총살|숨지|숨졌|처형))"),
    ),
    ("vague", re.compile(r"최근|며칠\s*전|얼마\s*전|요즘|현재")),
]


def _year_of(m: re.Match[str], published: dt.date | None, story_year: int | None = None) -> int | None:
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"])
    ry = (gd.get("ry") or "").replace(" ", "")
    if ry in ("그해", "같은해"):
        return story_year  # "그해 11월": the year the story is in
    if ry.endswith("이듬해") or ry == "그다음해":
        return story_year + 1 if story_year is not None else None  # "이듬해 봄": the year after the story's
    if not ry or published is None:
        return None
    if ry in ("지난해", "작년"):
        return published.year - 1
    if ry == "재작년":
        return published.year - 2
    return published.year


def _resolve(
    name: str, m: re.Match[str], published: dt.date | None, story_year: int | None = None
) -> TimeMention | None:
    gd = m.groupdict()
    s, e, txt = m.start(), m.end(), m.group()
    # "이달 초부터", "지난해 가을부터": from that time to publication (but "A부터 B까지" is one span)
    from_here = bool(re.match(r"\s*부터(?![^.,]{0,20}까지)", m.string[e : e + 30]))

    def date(rng: DateRange | None, since: bool = False) -> TimeMention:
        since = since or (from_here and name not in ("ymd", "day"))
        if since and rng is not None and published is not None:
            rng = D.since(rng.start, published) or rng
        return TimeMention(s, e, txt, "date", rng, 0, since)

    explicit_year = _year_of(m, published, story_year)
    if explicit_year is None and published is None and not gd.get("last") and name in ("ymd", "ym", "season"):
        explicit_year = story_year  # a first-person story with no publication date: the year it is told in
    if name == "ymd":
        month, day = int(gd["m"]), int(gd["d"])
        if not 1 <= month <= 12:
            return None
        year = explicit_year or (D.year_for(month, day, published) if published else None)
        if year is None:
            return date(None)
        first = D.safe_day(year, month, day)
        last = D.safe_day(year, month, int(gd["d2"])) if gd.get("d2") else first
        if first is None or last is None or last < first:
            return date(None)
        since = bool(re.search(r"부터\s*$", m.string[e : e + 4])) and not gd.get("d2")
        return date(DateRange(first, last), since)
    if name == "ym":
        month = int(gd["m"])
        if not 1 <= month <= 12:
            return None
        if explicit_year is None and published is not None:
            strictly = bool(gd.get("last"))
            explicit_year = D.latest_month(month, published, strictly_before=strictly)
        if explicit_year is None:
            return date(None)
        part = MONTH_PART.get(gd.get("part") or "", None)
        return date(D.month_part(explicit_year, month, part))
    if (
        published is None
        and explicit_year is None
        and name not in ("holiday", "same_day", "next_day", "day_before", "after_days", "right_after", "vague")
    ):
        return date(None)
    if name == "prev_month":
        assert published is not None
        if gd.get("d"):
            first = D.day_of_month(int(gd["d"]), published, months_back=1)
            last = D.day_of_month(int(gd["d2"]), published, months_back=1) if gd.get("d2") else first
            return date(DateRange(first, last) if first and last and first <= last else None)
        return date(D.previous_month(published, MONTH_PART.get(gd.get("part") or "")))
    if name == "this_month":
        assert published is not None
        if gd.get("d"):
            day = D.safe_day(published.year, published.month, int(gd["d"]))
            return date(DateRange.day(day) if day and day <= published else None)
        if gd.get("since"):
            return date(D.this_month(published, None))
        part = MONTH_PART.get(gd.get("part") or "")
        return date(D.this_month(published, part) if part else D.this_month(published, None))
    if name == "holiday" and AHEAD_OF.match(m.string[e : e + 12]):
        return TimeMention(s, e, txt, "vague", None)  # "설 명절을 앞두고": some days before it, not the day
    if name == "holiday":
        key = gd["h"]
        if key in OTHER_DAYS:
            month, day = OTHER_DAYS[key]
            year = explicit_year or (D.year_for(month, day, published) if published else None)
            got = D.safe_day(year, month, day) if year else None
            if got and re.match(r"\s*연휴", m.string[e : e + 4]):
                return date(DateRange(got, got + dt.timedelta(days=2)))
            return date(DateRange.day(got) if got else None)
        hol = HOLIDAYS[key]
        if explicit_year is not None:
            rng = D.holiday(hol, published or dt.date(explicit_year, 12, 31), explicit_year)
        else:
            rng = D.holiday(hol, published) if published else None
        if rng is not None and re.match(r"\s*연휴", m.string[e : e + 4]):
            rng = DateRange(rng.start, rng.start + dt.timedelta(days=2))  # the holidays around the day
        return date(rng)
    if name == "holiday_rel":
        hol = HOLIDAYS.get(gd["h"], "seollal")
        if explicit_year is not None:
            base = D.holiday(hol, published or dt.date(explicit_year, 12, 31), explicit_year)
        else:
            base = D.holiday(hol, published) if published else None
        if base is None:
            return date(None)
        rel = gd["rel"].replace(" ", "")
        shift = -1 if rel in ("전날", "전야") else (1 if rel in ("이튿날", "다음날") else 0)
        day = base.start + dt.timedelta(days=shift)
        return date(DateRange.day(day))
    if name == "season":
        kind = SEASONS[gd["s"]]
        if explicit_year is not None:
            return date(D.season(explicit_year, kind))
        assert published is not None
        rng = D.latest_season(kind, published)
        if gd.get("last") and rng.end >= published:
            rng = D.season(rng.start.year - 1, kind)
        return date(rng)
    if name == "year":
        year = explicit_year
        if year is None:
            return date(None)
        yp = gd.get("yp")
        if yp == "들어" or (yp is None and published is not None and year == published.year and not gd.get("y")):
            assert published is not None
            return date(D.this_year(published) if year == published.year else D.year_part(year, None))
        if yp == "상반기":
            return date(DateRange(dt.date(year, 1, 1), dt.date(year, 6, 30)))
        if yp == "하반기":
            return date(DateRange(dt.date(year, 7, 1), dt.date(year, 12, 31)))
        return date(D.year_part(year, YEAR_PART.get(yp or "")))
    assert published is not None or name in ("same_day", "next_day", "day_before", "after_days", "right_after", "vague")
    if name == "year_end":
        assert published is not None
        year = published.year if published.month == 12 else published.year - 1
        return date(D.year_part(year, "end"))
    if name == "weekend":
        return date(D.last_weekend(published))  # type: ignore[arg-type]
    if name == "weeks_ago":
        n = gd.get("n")
        weeks = 1 if n is None else (int(n) if n.isdigit() else NATIVE_SMALL[n])
        return date(D.weeks_ago(published, weeks))  # type: ignore[arg-type]
    if name == "weekday":
        return date(D.weekday_on_or_before(published, WEEKDAYS[gd["wd"]]))  # type: ignore[arg-type]
    if name == "yesterday":
        back = 1 if txt.startswith("어제") else 2
        return date(DateRange.day(published - dt.timedelta(days=back)))  # type: ignore[operator]
    if name == "years_ago":
        n = gd.get("n") or gd.get("n2") or "1"
        return date(D.years_ago(published, int(n) if n.isdigit() else NATIVE_SMALL[n]))  # type: ignore[arg-type]
    if name == "day":
        assert published is not None
        first = D.day_of_month(int(gd["d"]), published)
        if first is None:
            return date(None)
        if gd.get("d2"):
            last = D.safe_day(first.year, first.month, int(gd["d2"]))
            if last is None or last < first or last > published:
                return date(DateRange.day(first))
            return date(DateRange(first, last))
        since = bool(re.search(r"^\s*부터", m.string[e : e + 4]))
        return date(DateRange.day(first), since)
    if name == "same_day" or name == "right_after":
        return TimeMention(s, e, txt, "anchor", None, 0)
    if name == "next_day":
        return TimeMention(s, e, txt, "anchor", None, 1)
    if name == "day_before":
        return TimeMention(s, e, txt, "anchor", None, -1)  # "재판 전날": the day before the act named
    if name == "after_days":
        w = gd["w"].replace(" ", "")
        n = NATIVE_DAYS.get(w) or int(w.rstrip("일"))
        return TimeMention(s, e, txt, "anchor", None, n)
    if name == "vague":
        return TimeMention(s, e, txt, "vague", None)
    return None


def find_times(text: str, published: dt.date | None, story_year: int | None = None) -> list[TimeMention]:
    """Time expressions in ``text``, leftmost-longest, not overlapping, in text order.

    ``story_year`` is the year the report's story is in so far ("그해 11월"); a year named earlier in
    ``text`` replaces it."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for rank, (name, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), rank, name, m))
    found.sort()
    out: list[TimeMention] = []
    taken_end = -1
    for start, _neg, _rank, name, m in found:
        if start < taken_end:
            continue
        # a Korean word boundary before (no hangul letter glued in front, except particles-free cases)
        if start > 0 and name in ("day", "ym", "ymd") and text[start - 1].isdigit():
            continue
        mention = _resolve(name, m, published, story_year)
        if mention is None:
            continue
        if mention.kind == "date" and mention.range is not None and name != "years_ago":
            story_year = mention.range.start.year
        out.append(mention)
        taken_end = m.end()
    return _join_spans(out, text)


def _join_spans(mentions: list[TimeMention], text: str) -> list[TimeMention]:
    """'지난해 10월부터 올해 1월까지' -> one interval."""
    out: list[TimeMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if i + 1 < len(mentions):
            b = mentions[i + 1]
            between = text[a.end : b.start]
            tail = text[b.end : b.end + 3]
            if (
                a.kind == "date"
                and b.kind == "date"
                and a.range
                and b.range
                and re.fullmatch(r"\s*(?:부터|에서)\s*", between)
                and tail.lstrip().startswith("까지")
                and a.range.start <= b.range.end
            ):
                out.append(
                    TimeMention(a.start, b.end, text[a.start : b.end], "date", DateRange(a.range.start, b.range.end))
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out
