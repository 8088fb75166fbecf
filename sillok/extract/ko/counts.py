"""Korean victim counts -> codebook ``Victims`` (codebook §3, victims table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sillok.models import Victims

NATIVE = {
    "한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
    "열": 10, "열한": 11, "열두": 12, "열세": 13, "열네": 14, "열다섯": 15, "열여섯": 16, "열일곱": 17,
    "열여덟": 18, "열아홉": 19, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50,
}  # fmt: skip
#: "대여섯 명" (5 or 6) -> the lower figure, at_least.
RANGES = {"두세": 2, "서너": 3, "네다섯": 4, "너댓": 4, "대여섯": 5, "예닐곱": 6, "일고여덟": 7}
VAGUE = ("수십", "수백", "수천", "수만", "십수", "수십여", "수백여")
_NATIVE_RE = "|".join(sorted(NATIVE, key=len, reverse=True))
_RANGE_RE = "|".join(sorted(RANGES, key=len, reverse=True))
_PEOPLE = r"(?:명|사람|가족|가구|세대)"
_NUMBER = r"\d{1,3}(?:,\d{3})*|\d+\s*천(?:\s*\d+)?|\d+"

COUNT_RE = re.compile(
    rf"(?P<about_pre>약\s*|대략\s*|최소\s*|적어도\s*)?"
    rf"(?:(?P<range>{_RANGE_RE})|(?P<lo>\d+)\s*[~∼-]\s*(?P<hi>\d+)|(?P<num>{_NUMBER})|(?P<native>{_NATIVE_RE})|(?P<vague>{'|'.join(VAGUE)}))"
    rf"\s*(?P<yeo>여\s*)?(?P<unit>명|사람)(?P<post>\s*(?:이상|넘게|넘는|남짓|가량|정도|안팎|쯤|내외|이\s*넘는|이\s*넘게))?"
)
#: People counted without a number: "부부" (a couple) = 2; "한 남성", "40대 여성" = 1.
SINGLE_RE = re.compile(
    r"(?:(?<![가-힣])한\s+|\d0대\s*)(?:남성|여성|남자|여자|주민|청년|탈북민|노인|학생|군인|밀수꾼|브로커|간부)|"
    r"(?:남성|여성|남자|여자)\s*한\s*명"
)
COUPLE_RE = re.compile(r"부부")
#: "김 모 씨가", "박 씨를", "최 모(49) 씨": one named person.
NAMED_RE = re.compile(r"(?<![가-힣])[가-힣]\s*(?:모\s*)?(?:\(\d+\)\s*)?씨(?=(?:는|가|를|에게|의|와|도)(?![가-힣]))")
#: "모자", "모녀", "부자", "부녀": a parent and child.
PAIR_RE = re.compile(r"(?<![가-힣])(?:모자|모녀|부녀|부자|자매|형제|남매)(?=(?:는|가|를|이|은|의|도)(?![가-힣]))")
#: "그는", "그를", "그녀가", and the first person of a testimony, "나는", "나를": one person.
PRONOUN_RE = re.compile(
    r"(?<![가-힣])(?:(?:그녀|그)(?=(?:는|가|를|에게|의)(?![가-힣]))|나(?=(?:는|를|에게)(?![가-힣]))|내(?=가(?![가-힣])))"
)
#: One person named by a title or a description with a particle: "부소대장은", "밀수꾼이".
TITLE_RE = re.compile(
    r"(?<![가-힣])(?:(?:이|그|한)\s+(?:\d+대\s*)?)?(?:부소대장|소대장|중대장|대대장|여단장|군관|하사|중사|상사|하전사|병사|소위|중위|대위|남성|여성|남자|여자|밀수꾼|브로커|아주머니|아저씨|할머니|할아버지)"
    r"(?=(?:은|는|이|가)(?![가-힣]))|(?<![가-힣])(?:이|그|한)\s+(?:남성|여성|남자|여자|하사|중사|상사|하전사|병사|군관)(?=(?:을|를|에게)(?![가-힣]))"
)


@dataclass(frozen=True, slots=True)
class CountMention:
    start: int
    end: int
    victims: Victims | None  # None for "수십 명" (no figure)
    total: bool = False  # "모두 N명", "등 N명": the whole group
    figure: bool = True  # False for people counted by a title or description ("한 여성", "부부")


def _value(text: str) -> int:
    text = text.replace(",", "").replace(" ", "")
    if "천" in text:
        head, _, tail = text.partition("천")
        return int(head or 1) * 1000 + (int(tail) if tail else 0)
    return int(text)


def find_counts(text: str) -> list[CountMention]:
    """Counts of people in ``text``, in text order."""
    out: list[CountMention] = []
    for m in COUNT_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        gd = m.groupdict()
        post = (gd.get("post") or "").replace(" ", "")
        pre = (gd.get("about_pre") or "").strip()
        total = bool(re.search(r"(?:모두|등|총|합계)\s*$", text[max(0, m.start() - 4) : m.start()]))
        if gd.get("vague"):
            out.append(CountMention(m.start(), m.end(), None, total))
            continue
        qualifier = "exact"
        if gd.get("range"):
            count, qualifier = RANGES[gd["range"]], "at_least"
        elif gd.get("lo"):
            count, qualifier = int(gd["lo"]), "at_least"
        elif gd.get("num"):
            count = _value(gd["num"])
        else:
            count = NATIVE[gd["native"]]
        if gd.get("yeo") or post in ("이상", "넘게", "넘는", "남짓", "이넘는", "이넘게") or pre in ("최소", "적어도"):
            qualifier = "at_least"
        elif post in ("가량", "정도", "안팎", "쯤", "내외") or pre in ("약", "대략"):
            qualifier = "about"
        out.append(CountMention(m.start(), m.end(), Victims(count, qualifier), total))
    taken = [(c.start, c.end) for c in out]
    for regex, n in ((SINGLE_RE, 1), (COUPLE_RE, 2), (TITLE_RE, 1), (PRONOUN_RE, 1), (NAMED_RE, 1), (PAIR_RE, 2)):
        for m in regex.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            out.append(CountMention(m.start(), m.end(), Victims(n, "exact"), figure=False))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda c: c.start)
    return out
