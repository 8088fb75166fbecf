"""An adapter over the gazetteer (``sillok.places``) for the English extractor.

It finds place mentions in a sentence, settles ambiguous names with the other places of the
report, adds country words the gazetteer does not hold ("in China"), and finds where the report
places its source ("a source in Ryanggang Province", "a resident of Hyesan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sillok.models import Location
from sillok.places import Gazetteer, Place, load_gazetteer

#: Country words: (a literal every match contains, the pattern, the country code).
COUNTRIES = (
    (
        "Chin",
        re.compile(
            r"\b(?:China|Chinese\s+(?:side|territory|bank|soil|police|authorities|border\s+\w+|detention\s+\w+))\b"
        ),
        "CN",
    ),
    (
        "Russia",
        re.compile(r"\b(?:Russia|Russian\s+(?:Far\s+East|territory|police|authorities|border\s+guards?))\b"),
        "RU",
    ),
    (
        "South",
        re.compile(
            r"\b(?:South\s+Korea(?!n\s+(?:drama|film|TV|video|music|song|content|programme|movie|passport|publication|authorities|dramas|films|videos))|the\s+South\b)"
        ),
        "KR",
    ),
    ("Vietnam", re.compile(r"\bVietnam(?:ese)?\b"), "VN"),
    ("Thailand", re.compile(r"\bThailand\b"), "TH"),
    ("Laos", re.compile(r"\bLaos\b"), "LA"),
    ("Mongolia", re.compile(r"\bMongolia\b"), "MN"),
    ("Cambodia", re.compile(r"\bCambodia\b"), "KH"),
    ("Myanmar", re.compile(r"\bMyanmar\b"), "MM"),
)
_SOURCE_BEFORE = re.compile(
    r"(?:sources?|residents?|partners?|officials?|informants?|contacts?|correspondents?)\s+"
    r"(?:(?:who\s+lives|living|based|currently)\s+)?(?:in|from|of|based\s+in|inside)\s+(?:the\s+(?:city\s+of\s+)?)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(r"^(?:\s+Province)?[\s-]based\s+(?:source|resident|partner)", re.IGNORECASE)
_SOURCE_ANAPHOR = re.compile(
    r"(?:sources?|residents?|partners?|officials?)\s+(?:in|from|inside)\s+the\s+(?P<what>province|city|county|region|area)",
    re.IGNORECASE,
)
_RESIDENCE = re.compile(
    r"(?:living|lived|lives|live|home|homes|native|residents?|resident|hometowns?|\b(?:man|woman|men|women|people|family|families|"
    r"captain|student|youths?|couple|members?|three|four|five|six|seven|eight|nine|ten|\w+s)\s+(?:\w+\s+){0,2}?from|"
    r"\bfrom\s+their\s+home\s+in)\s+(?:the\s+)?(?:\w+\s+)?(?:(?:of|in)\s+)?$",
    re.IGNORECASE,
)
#: a place name as the premodifier of people ("the Sukchon family", "a Hyesan woman"): where they are from
_RESIDENT_NOUN = re.compile(
    r"(?:\s+County|\s+City)?\s+(?:family|families|household|households|group|couple|man|woman|men|women|"
    r"boy|girl|youths?|students?|defectors?|escapees|runaways?|natives?)\b",
    re.IGNORECASE,
)
#: an island named by proximity ("near Yeonpyeong Island", "7 km north of Baengnyeong Island"): an act at sea,
#: placed only in the island's province
_OFF_ISLAND = re.compile(
    r"\b(?:near|off|around|(?:north|south|east|west)(?:east|west)?\s+of|(?:waters|sea)\s+(?:near|off|around))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: a workplace or unit placed once ("a college in Pyongsong") and named again ("the college's party committee")
_SITE_NOUNS = (
    r"college|university|school|factory|mine|farm|market|enterprise|hospital|company|cooperative|"
    r"fishery|port|station|base|unit|mill|plant|complex"
)
_SITE_INTRO = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?P<noun>" + _SITE_NOUNS + r")\s+"
    r"(?:[\w-]+\s+){0,2}?(?:in|at|near|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SITE_AGAIN = re.compile(r"\b(?:the|that)\s+(?P<noun>" + _SITE_NOUNS + r")(?:'s|’s)?\b", re.IGNORECASE)
_DETERMINER = re.compile(r"\b(?:the|a|an|two|three|four|five|this|that|these|those)\s+$", re.IGNORECASE)
#: Every match of _RESIDENCE holds one of these (in any case): a text that holds none is not searched.
_RESIDENCE_WORDS = ("liv", "home", "native", "resident", "from")
#: Letters that re.IGNORECASE matches with an ASCII letter but str.lower() does not lower to it (İ, ı, ſ).
_ODD_CASE = ("\u0130", "\u0131", "\u017f")


#: The assertions at the start are tried in the order written: the cheap ones first (a word starts here,
#: and it is one of the four), the five look-behinds only then.
_ANAPHOR = re.compile(
    r"\b(?=(?:in|of|near|around)\s)(?<!sources\s)(?<!source\s)(?<!partner\s)(?<!resident\s)(?<!residents\s)"
    r"(?:in|of|near|around)\s+(?:the|that)\s+(?:same\s+)?"
    r"(?P<what>city|province|county)\b(?!\s+of\s+[A-Z])",  # "the city of Ussuriysk" names a place
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PlaceRef:
    start: int
    end: int
    surface: str
    location: Location
    place: Place | None
    residence: bool = False


class PlaceFinder:
    """Place mentions of a report, resolved to codebook locations."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def in_document(self, text: str) -> list[PlaceRef]:
        mentions = self.gazetteer.find(text, "en")
        known = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
        out: list[PlaceRef] = []
        # the lower-cased text, when each character stays in its place and lowers as re.IGNORECASE matches it
        low = text.lower()
        if len(low) != len(text) or any(c in text for c in _ODD_CASE):
            low = None
        for m in mentions:
            place = m.place or self.gazetteer.lookup(m.surface, known)
            if place is None:
                continue
            a = max(0, m.start - 60)
            before = text[a : m.start]
            resident = bool(_RESIDENT_NOUN.match(text, m.end) and _DETERMINER.search(before))
            if place.level == "country":
                out.append(PlaceRef(m.start, m.end, m.surface, Location(place.country), None))
                continue
            location = self.gazetteer.location(place)
            if place.level == "place" and place.name.endswith(("Island", "Islands")) and _OFF_ISLAND.search(before):
                location = Location(location.country, location.admin1)
            residence = resident or (
                (low is None or any(low.find(w, a, m.start) >= 0 for w in _RESIDENCE_WORDS))
                and bool(_RESIDENCE.search(before))
            )
            out.append(PlaceRef(m.start, m.end, m.surface, location, place, residence))
        for am in _ANAPHOR.finditer(text):
            level = "admin1" if am.group("what").lower() == "province" else "admin2"
            prior = [r for r in out if r.end <= am.start() and r.place is not None and getattr(r.location, level)]
            if prior:
                ref = prior[-1]
                loc = ref.location
                loc = (
                    Location(loc.country, loc.admin1)
                    if level == "admin1"
                    else Location(loc.country, loc.admin1, loc.admin2)
                )
                out.append(PlaceRef(am.start("what"), am.end(), am.group("what"), loc, ref.place))
        sites: list[tuple[int, str, PlaceRef]] = []
        by_intro: dict[int, int] = {}  # "a unit near Tongchon in Kangwon": one site, placed by its finest place
        for r in out:
            if r.place is not None and r.location.admin1 and not r.residence:
                base = max(0, r.start - 60)
                intro = _SITE_INTRO.search(text[base : r.start])
                if not intro:
                    continue
                key = base + intro.start("noun")
                if key in by_intro:
                    k = by_intro[key]
                    if sites[k][2].location.admin2 is None and r.location.admin2 is not None:
                        sites[k] = (sites[k][0], sites[k][1], r)
                    continue
                by_intro[key] = len(sites)
                sites.append((r.end, intro.group("noun").lower(), r))
        if sites:
            for sm in _SITE_AGAIN.finditer(text):
                noun = sm.group("noun").lower()
                prior = [ref for end, n, ref in sites if n == noun and end <= sm.start()]
                if prior and not any(r.start < sm.end() and sm.start() < r.end for r in out):
                    ref = prior[-1]
                    out.append(PlaceRef(sm.start("noun"), sm.end("noun"), sm.group("noun"), ref.location, ref.place))
        for literal, rx, code in COUNTRIES:
            if literal not in text:  # the patterns are case-sensitive: a cheap exact pre-check
                continue
            for cm in rx.finditer(text):
                if not any(r.start < cm.end() and cm.start() < r.end for r in out):
                    out.append(PlaceRef(cm.start(), cm.end(), cm.group(), Location(code), None))
        out.sort(key=lambda r: (r.start, r.end))
        return out

    def source_location(self, text: str, refs: list[PlaceRef]) -> Location | None:
        """Where the report places its source: a province (admin1), or a city (admin2, D34).

        The first source the report places wins; "a source in the province" means the first province
        the report names."""
        found: list[tuple[int, Location]] = []
        kp = [r for r in refs if r.place is not None and r.location.country == "KP" and r.location.admin1]
        for ref in kp:
            before = text[max(0, ref.start - 60) : ref.start]
            after = text[ref.end : ref.end + 30]
            if _SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after):
                loc = ref.location
                if ref.place is not None and ref.place.level == "place":
                    loc = Location(loc.country, loc.admin1, loc.admin2, None)
                found.append((ref.start, loc))
        named = [r for r in refs if r.place is not None and r.location.admin1]
        for m in _SOURCE_ANAPHOR.finditer(text):
            prior = [r for r in named if r.start < m.start()] or named
            if not prior:
                continue
            if m.group("what").lower() in ("province", "region", "area"):
                prior = [r for r in prior if r.location.country == "KP"] or prior
            else:
                prior = [r for r in prior if r.location.admin2] or prior
            nearest = prior[-1] if prior[-1].start < m.start() else prior[0]
            if nearest.location.country != "KP":
                continue
            loc = nearest.location
            if m.group("what").lower() in ("province", "region", "area"):
                found.append((m.start(), Location("KP", loc.admin1)))
            else:
                found.append((m.start(), Location("KP", loc.admin1, loc.admin2)))
            break
        if not found:
            return None
        found.sort(key=lambda f: f[0])
        return found[0][1]
