"""Victim phrases: number words and digits with their qualifiers (codebook §3 victims table)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sillok.models import Victims

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
AT_LEAST = ("at least", "more than", "over", "upwards of", "no fewer than", "no less than", "in excess of")
ABOUT = (
    "about",
    "some",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "as many as",
    "up to",
    "an estimated",
    "close to",
)

_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|a\s+dozen|a\s+hundred|\w+\s+hundred)"
)
_QUAL = (
    r"(?P<qual>at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|about|around|some"
    r"|roughly|approximately|nearly|almost|as\s+many\s+as|up\s+to|an\s+estimated|close\s+to)"
)
_SING = (
    r"(?:man|woman|student|soldier|boy|girl|teenager|captain|official|officer|defector|resident|trader|merchant|farmer|"
    r"worker|driver|doctor|teacher|mother|father|wife|husband|son|daughter|youth|person|escapee|smuggler|broker|guard|"
    r"sergeant|fisherman|child|individual|member|prisoner|detainee|suspect|cadre|director|chief|head|mother|grandmother|"
    r"grandfather|lieutenant|major|colonel|private|pastor|missionary|returnee|viewer|dealer|guide|helper|companion|relative|"
    r"commander|lecturer|professor|manager|secretary|worker|engineer|ringleader|deserter|conscript|housewife|widow)"
)
_MOD = r"(?:[\w’'-]+\s+){0,5}?"


@dataclass(frozen=True, slots=True)
class CountMention:
    start: int
    end: int
    #: "number" (count given), "null" (an unspecified group), "coref" (refers back; ``count`` when it names one),
    #: "family" (refers back to a family or group), "pronoun_sg", "pronoun_pl"
    kind: str
    victims: Victims | None = None


def parse_number(raw: str) -> int | None:
    s = raw.lower().replace(",", "").strip()
    s = re.sub(r"\s+", " ", s)
    if s.isdigit():
        return int(s)
    if s == "a dozen":
        return 12
    if s.endswith("hundred"):
        head = s[: -len("hundred")].strip()
        if head in ("a", "one"):
            return 100
        n = parse_number(head) if head else None
        return n * 100 if n else None
    if s in UNITS:
        return UNITS[s]
    parts = re.split(r"[\s-]", s)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


_WORD = re.compile(r"[\w’']+")
#: The first words of victim phrases (lower case): a match is tried only where one begins.
_STARTS = frozenset(
    """between a an one the all these those both at more over upwards no about around some roughly approximately
    nearly almost as up close he she him her i me they them his their each every
    dozens hundreds thousands scores several many families
    siblings households two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred kim lee ri park pak choi
    choe jang chang jung jong kang cho jo yoon yun han hwang ryu song hong kwon ko moon mun yang son shin sin nam oh o
    ahn an hyon jon jeon""".split()
)
_AFTER_MONTH = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+$"
)


class CountRecognizer:
    """Finds victim phrases in English text."""

    def __init__(self, person_nouns: str) -> None:
        person = person_nouns
        self._regex = re.compile(
            r"(?<![\w-])(?:"
            # "between 200 and 300 people", "five or six men"
            rf"(?P<between>between\s+(?P<b1>{_NUM})\s+and\s+{_NUM}\s+{_MOD}{person})"
            rf"|(?P<oror>(?P<o1>{_NUM})\s+or\s+{_NUM}\s+{_MOD}{person})"
            # "a family of ten"
            rf"|(?P<famof>(?:a|the)\s+(?:\w+\s+)?(?:family|group|household)\s+of\s+(?P<f1>{_NUM}))"
            # "at least 30 people", "seven people", "Twenty of the North Koreans", "over 30 people"
            rf"|(?P<num>(?:{_QUAL}\s+)?(?P<n>{_NUM})(?:\s+(?:other|more|young|elderly|North\s+Korean|Korean|South\s+Korean|"
            rf"[\w-]+-year-old|(?!(?:and|or|of|in|from|who|with|to|at|the|a|an|his|her|their|on|they|he|she|we|it|were|was|are|is|had|has|have|been|by)\b)(?![\w-]+ed\b)[\w-]+)){{0,3}}\s+{person}\b)"
            # "three of his regular customers": a part of a group named by its owner
            rf"|(?P<partof>(?P<p1>{_NUM})\s+of\s+(?:his|her|their|its|the\s+\w+(?:'s|’s))\s+(?:[\w-]+\s+){{0,2}}?{person}\b)"
            # "two who tried to hold on to their goods": a number as the head of a relative clause
            rf"|(?P<numwho>(?P<w1>{_NUM})\s+(?:of\s+them\s+)?who\b)"
            # "the seven", "all 29", "both men", "the other nine", "the remaining nine", "the eight"
            rf"|(?P<coref>(?:the|all|all\s+the|the\s+other|the\s+remaining|these|those)\s+(?P<c1>{_NUM})(?!\s*(?:-|–)?\s*(?:year|month|day|week|percent|km|kilomet|yuan|won|dollar|metres|meters|%|p\.m|a\.m|\d)))"
            r"|(?P<both>\bboth(?:\s+(?:men|women|of\s+them))?\b)"
            r"|(?P<allof>\b(?:all|each|every\s+one)\s+of\s+(?:them|the\s+(?:[\w-]+\s+)?(?:detainees|returnees|women|men|people|traders|suspects|defectors|group|family|prisoners))\b)"
            r"|(?P<couple>\ba\s+(?:[\w-]+\s+){0,3}?couple\b)"
            r"|(?P<pair>\bthe\s+(?:pair|couple)\b|\bthe\s+(?:mother|father)\s+and\s+(?:son|daughter)\b)"
            # "a man", "a 73-year-old man", "an elderly woman", "A fishing boat captain"
            rf"|(?P<sing>\b(?:a|an|one|his|her|their)\s+{_MOD}{_SING}\b|\bthe\s+(?:[\w-]+\s+){{0,2}}?{_SING}\b(?!\s+(?:group|team|office|organi[sz]ation|ministry|unit|station|post|section|bureau|department|brigade|regiment|squad|families|family)\b)(?!\s*(?:and|or|who\s+\w+\s+(?:them|the))))"
            r"|(?P<name>\b(?!Kim\s+(?:Jong[\s-]?Un|Il[\s-]?Sung|Jong[\s-]?Il|Yo[\s-]?Jong)\b)(?-i:Kim|Lee|Ri|Park|Pak|Choi|Choe|Jang|Chang|Jung|Jong|Kang|Cho|Jo|Yoon|Yun|Han|Hwang|Ryu|Song|Hong|Kwon|Ko|Moon|Mun|Yang|Son|Shin|Sin|Nam|Oh|O|Ahn|An|Hyon|Jon|Jeon)(?:\s+(?-i:[A-Z][a-z]+)(?:[\s-](?-i:[A-Z]?[a-z]+))?)?(?=\s+(?:was|were|had|has|is|[a-z]+ed)\b))"
            r"|(?P<family>\bthe\s+(?:family|group|returnees|detainees|household|defectors|escapees|suspects|men|women|traders|"
            r"smugglers|students|workers|brokers|teenagers|soldiers|prisoners|youths)\b)"
            r"|(?P<null>\b(?:dozens|hundreds|thousands|scores|several|many|a\s+number|(?:the\s+)?families|siblings|a\s+family|a\s+group|households|(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:families|households))\b)"
            r"|(?P<psg>\b(?:he|she|him|her|(?-i:I)|me)\b)"
            r"|(?P<ppl>\b(?:they|them)\b)"
            r")(?![\w])",
            re.IGNORECASE,
        )
        self._conj = re.compile(
            rf"(?:\s+surnamed\s+\w+|,\s*\d+,?|\s+in\s+(?:his|her|their)\s+\w+|\s+aged\s+\d+(?:\s+and\s+\d+)?)*\s*,?\s+"
            rf"(?:and|along\s+with|together\s+with|with)\s+(?:(?:his|her|their)\s+)?"
            rf"(?:(?P<n>{_NUM})\s+{_MOD}{person}|(?P<one>(?:(?:a|an)\s+)?{_MOD}{_SING}))\b",
            re.IGNORECASE,
        )

        # "the head of the MSS office in X County, Y Province, and two of his deputies": a counted group joined
        # after the first person's of-phrase (a title and its office)
        self._conj_pp = re.compile(
            rf"(?:\s+[a-z][\w-]*)?\s+of\s+[^.;“”\"]{{1,90}}?,?\s+and\s+(?:(?:his|her|their)\s+)?"
            rf"(?P<n>{_NUM})\s+(?:of\s+(?:his|her|their|the)\s+)?{_MOD}{person}\b",
            re.IGNORECASE,
        )

    def find(self, text: str, offset: int = 0) -> list[CountMention]:
        out: list[CountMention] = []
        covered = 0
        words = _WORD.finditer(text)
        for start in [w.start() for w in words if (word := w.group().lower()) in _STARTS or word[0].isdigit()]:
            if start < covered:
                continue
            m = self._regex.match(text, start)
            if m is None:
                continue
            if m.group()[:1].isdigit() and _AFTER_MONTH.search(text, 0, m.start()):
                continue  # "May 3": a day, not a count
            kind, victims = self._classify(m)
            if kind is None:
                continue
            end = m.end()
            if victims is not None and kind in ("number", "pronoun_sg"):
                conj = self._conj.match(text, end)
                if conj and not re.match(r"\s*,?\s+along", conj.group()):
                    extra = 1 if conj.group("one") else parse_number(conj.group("n")) or 0
                    victims = Victims(victims.count + extra, victims.qualifier)
                    end = conj.end()
                elif kind == "number" and victims.count == 1 and (pp := self._conj_pp.match(text, end)):
                    victims = Victims(1 + (parse_number(pp.group("n")) or 0), victims.qualifier)
                    end = pp.end()
            covered = end
            out.append(CountMention(offset + m.start(), offset + end, kind, victims))
        return out

    @staticmethod
    def _classify(m: re.Match[str]) -> tuple[str | None, Victims | None]:
        g = m.groupdict()
        if g["between"]:
            n = parse_number(g["b1"])
            return ("number", Victims(n, "at_least")) if n else (None, None)
        if g["oror"]:
            n = parse_number(g["o1"])
            return ("number", Victims(n, "at_least")) if n else (None, None)
        if g["famof"]:
            n = parse_number(g["f1"])
            return ("number", Victims(n, "exact")) if n else (None, None)
        if g["num"]:
            n = parse_number(g["n"])
            if not n:
                return None, None
            qual = "exact"
            q = (g.get("qual") or "").lower()
            q = re.sub(r"\s+", " ", q)
            if q in AT_LEAST:
                qual = "at_least"
            elif q in ABOUT:
                qual = "about"
            return "number", Victims(n, qual)
        if g["partof"]:
            n = parse_number(g["p1"])
            return ("number", Victims(n, "exact")) if n else (None, None)
        if g["numwho"]:
            n = parse_number(g["w1"])
            return ("number", Victims(n, "exact")) if n else (None, None)
        if g["coref"]:
            n = parse_number(g["c1"])
            return ("coref", Victims(n, "exact")) if n else (None, None)
        if g["both"] or g["pair"]:
            return "coref", Victims(2, "exact")
        if g["allof"]:
            return "family", None
        if g["couple"]:
            return "number", Victims(2, "exact")
        if g["sing"]:
            return "number", Victims(1, "exact")
        if g["name"]:
            return "number", Victims(1, "exact")
        if g["family"]:
            return "family", None
        if g["null"]:
            return "null", None
        if g["psg"]:
            return "pronoun_sg", Victims(1, "exact")
        if g["ppl"]:
            return "pronoun_pl", None
        return None, None
