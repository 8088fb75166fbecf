"""Gazetteer data and name resolution.

The gazetteer is package data: ``data/places.csv`` (the codebook's gazetteer, copied unchanged) and
``data/places_extra.csv`` (our additions: countries, South Korea, more of China, escape routes).
Both are validated on load. Names are indexed in tiers:

- *strong*: every ``name``, ``name_ko`` and alias, folded (no diacritics, apostrophes, case or
  punctuation, so "Hyesan-si" and "Hyesan si" meet);
- *weak*: the same without spaces ("Hyesansi"), with a designator taken off ("Onsong County" ->
  "onsong", 무산군 -> 무산), or in South Korean spelling (룡천군 -> 용천군);
- *skeleton*: a spelling-blind form of romanized names (McCune-Reischauer, DPRK and Revised
  Romanization meet: Hoeryeong/Hoeryong, Gaeseong/Kaesong, Moosan/Musan, Lyanggang/Ryanggang).

A name looks up the first tier that knows it. :meth:`Gazetteer.find` scans a text (English:
capitalized word n-grams; Korean: hangul words after particle stripping) and settles ambiguous
mentions with the unambiguous ones (:meth:`Gazetteer.resolve`).
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from sillok.errors import LexiconError
from sillok.models import Location

#: Levels from the widest to the narrowest.
LEVELS: tuple[str, ...] = ("country", "admin1", "admin2", "place")
COLUMNS: tuple[str, ...] = ("id", "level", "country", "admin1", "name", "name_ko", "aliases", "lat", "lon")
DATA_FILES: tuple[str, ...] = ("places.csv", "places_extra.csv")

#: Kept for code that imported the first version's name.
_SUFFIXES = ("province", "county", "city", "district", "gun", "kun", "si", "do", "kuyok", "guyok", "ri", "dong")

_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]+")
_EN_TOKEN_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F][\w'\u2019\u02bc\u0300-\u036f.]*")
_POSSESSIVE_RE = re.compile(r"(?:['\u2019\u02bc]s|s['\u2019\u02bc])$")
_ADJ_SUFFIX_RE = re.compile(r"[- ](?:based|born|bound)$", re.IGNORECASE)
_APOSTROPHES_RE = re.compile(r"['\u02bc\u2018\u2019`\u00b4]")
_NON_WORD_RE = re.compile(r"[^\w]+")


class GazetteerError(LexiconError):
    """A gazetteer data file that does not validate (names the file and the row)."""


_ASCII_FOLD = str.maketrans(
    {**{chr(c): " " for c in range(128) if not chr(c).isalnum()}, "'": None, "`": None, "_": " "}
)
_PLAIN_RE = re.compile(r"[\uac00-\ud7a3 ]+")  # hangul (and spaces) needs no decomposition


def fold(name: str) -> str:
    """A name folded for matching: no diacritics, apostrophes or punctuation, case-folded, spaces kept single."""
    if name.isascii():
        s = name.lower().translate(_ASCII_FOLD)
    elif _PLAIN_RE.fullmatch(name):
        s = name
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
        s = _APOSTROPHES_RE.sub("", s)
        s = unicodedata.normalize("NFC", s)  # hangul recomposed
        s = _NON_WORD_RE.sub(" ", s)
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        return " ".join(s.split())
    return s


_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("shi", "si"),
    ("sh", "s"),
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("ch", "c"),
    ("j", "c"),
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("l", "r"),
    ("kk", "k"),
    ("tt", "t"),
    ("pp", "p"),
    ("ss", "s"),
)


def skeleton(key: str) -> str:
    """A spelling-blind form of a folded romanized Korean name (ASCII only; '' otherwise)."""
    if not key.isascii():
        return ""
    s = key.replace(" ", "")
    for a, b in _SKELETON_RULES:
        s = s.replace(a, b)
    if len(s) > 2 and s[0] in "rn" and s[1] in "iy":
        s = s[1:]
    return s


def clean_surface(name: str) -> str:
    """A name as written in running text, without a possessive or an adjectival ending ("Hyesan's", "Hyesan-based")."""
    s = name.strip().rstrip(".,;:")
    if s[-2:-1] in _APOSTROPHE_CHARS or s[-1:] in _APOSTROPHE_CHARS:
        s = _POSSESSIVE_RE.sub("", s)
    if s[-5:].lower() in ("based", "-born", " born", "bound"):
        s = _ADJ_SUFFIX_RE.sub("", s)
    return s


_APOSTROPHE_CHARS = frozenset("'\u2019\u02bc")


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    level: str  # country | admin1 | admin2 | place
    country: str
    admin1: str | None
    name: str
    name_ko: str | None
    aliases: tuple[str, ...]
    lat: float | None
    lon: float | None
    admin2: str | None = None  # the admin2 parent's name, for a place inside one

    @property
    def parent_id(self) -> str | None:
        if self.level in ("admin1", "country"):
            return None
        return self.id.rsplit(".", 1)[0] if "." in self.id else None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span of text that names a place; ``candidates`` holds every place the name may mean."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    tier: str = "strong"  # strong | weak | skeleton: how the name was known
    particle: str = ""  # the Korean particle (or attached noun) that followed the name

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


@dataclass(frozen=True, slots=True)
class Stoplist:
    en_never: frozenset[str] = frozenset()
    ko_never: frozenset[str] = frozenset()
    ko_common: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Morphology:
    """How names are written in text (``data/names.toml``): designators and Korean particles."""

    en_designators: tuple[str, ...] = ()  # longest first
    en_attached: tuple[str, ...] = ()
    ko_designators: tuple[str, ...] = ()
    ko_particles: tuple[str, ...] = ()
    ko_locative: frozenset[str] = frozenset()
    ko_place_nouns: tuple[str, ...] = ()
    ko_particles_by_last: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    ko_institutions: tuple[str, ...] = ()

    def strip_designators(self, key: str) -> list[str]:
        """``key`` without a trailing designator (English words, or a Korean ending), longest designator first."""
        out: list[str] = []
        if key.isascii():
            for d in self.en_designators:
                if key.endswith(" " + d):
                    base = key[: -len(d) - 1]
                    if len(base.replace(" ", "")) >= 3:
                        out.append(base)
                elif d in self.en_attached and key.endswith(d) and len(key) - len(d) >= 4:
                    out.append(key[: -len(d)])  # "Onsonggun"
        else:
            compact = key.replace(" ", "")
            for d in self.ko_designators:
                if compact.endswith(d) and len(compact) - len(d) >= 2 and _is_hangul(compact[: -len(d)]):
                    out.append(compact[: -len(d)])
        return out

    def strip_all(self, key: str) -> str:
        bases = self.strip_designators(key)
        return bases[0] if bases else key

    def ko_splits(self, word: str) -> list[tuple[str, str]]:
        """(name, tail) readings of a hangul word: whole; minus a particle; minus an attached noun (+ particle)."""
        out = [(word, "")]
        particles = self.ko_particles_by_last.get(word[-1:], ()) if self.ko_particles_by_last else self.ko_particles
        for p in particles:
            if word.endswith(p) and len(word) > len(p):
                out.append((word[: -len(p)], p))
        for noun in self.ko_place_nouns:
            for base, tail in list(out):
                if base.endswith(noun) and len(base) > len(noun):
                    out.append((base[: -len(noun)], noun + tail))
        return out

    def starts_institution(self, rest: str) -> bool:
        """Whether the rest of a Korean word is an institution or facility, alone or with a particle."""
        return any(
            rest == inst or (rest.startswith(inst) and rest[len(inst) :] in self.ko_particles)
            for inst in self.ko_institutions
        )

    def is_locative(self, tail: str) -> bool:
        """Whether what follows a Korean name says 'where' (a locative particle or an attached place noun)."""
        return tail in self.ko_locative or tail.startswith(self.ko_place_nouns)


_EMPTY: tuple[Place, ...] = ()
_NO_ENTRY = object()
_JOINERS = (" ", "-", "\u2011")
_EN_CACHE_SIZE = 200_000


class Gazetteer:
    """Places by id, and indexes from folded names to places."""

    def __init__(
        self, places: Iterable[Place], stoplist: Stoplist | None = None, morphology: Morphology | None = None
    ) -> None:
        self.places: dict[str, Place] = {p.id: p for p in places}
        self.stoplist = stoplist or Stoplist()
        self.morph = morphology or default_morphology()
        self._ancestors: dict[str, tuple[str, ...]] = {pid: self._chain(pid) for pid in self.places}
        self._by_name: dict[tuple[str, str, str], list[Place]] = {}
        for p in self.places.values():
            self._by_name.setdefault((p.level, p.country, p.name), []).append(p)
        strong: dict[str, list[Place]] = {}
        weak: dict[str, list[Place]] = {}
        skel: dict[str, list[Place]] = {}
        for p in self.places.values():
            for name in (p.name, p.name_ko or "", *p.aliases):
                key = fold(name)
                if not key:
                    continue
                _add(strong, key, p)
                if " " in key:  # "Hyesan si" also as "Hyesansi", below the names as written
                    _add(weak, key.replace(" ", ""), p)
                if not key.isascii() and ko_south(key) != key:  # 룡천군 -> 용천군
                    _add(weak, ko_south(key), p)
                for base in self.morph.strip_designators(key):
                    for k in (base, base.replace(" ", "")):
                        _add(weak, k, p)
                sk = skeleton(key)
                if len(sk) >= 4:
                    _add(skel, sk, p)
        self._strong = {k: tuple(v) for k, v in strong.items()}
        self._weak = {k: tuple(v) for k, v in weak.items() if k not in strong}
        self._skeleton = {k: tuple(v) for k, v in skel.items()}
        # Korean names written with spaces ("풍계리 핵실험장"), by their compact form
        self._ko_spaced: frozenset[str] = frozenset(
            base.replace(" ", "")
            for k in (*strong, *weak)
            if " " in k and not k.isascii()
            for base in (k, *self.morph.strip_designators(k))
        )
        # English n-gram scan: the longest key (in words) starting with each first word.
        self._first_words: dict[str, int] = {}
        for k in (*self._strong, *self._weak):
            if k.isascii():
                words = k.split(" ")
                self._first_words[words[0]] = max(self._first_words.get(words[0], 0), len(words))
        self._max_words = max(self._first_words.values(), default=1) + 2  # room for a designator
        self._memo: dict[str, tuple[tuple[Place, ...], str]] = {}
        # English scan caches (pure functions of the text slice; see _find_en)
        self._en_bound: dict[str, int] = {}  # first token -> the most tokens a name starting with it may have
        self._en_hits: dict[str, tuple[str, tuple[Place, ...], str] | None] = {}  # n-gram -> accepted mention

    # -- construction --------------------------------------------------------------------------
    def _chain(self, pid: str) -> tuple[str, ...]:
        """The ids of a place's ancestors, nearest first (admin1 rows hang under their country row)."""
        out: list[str] = []
        p = self.places[pid]
        while True:
            if p.level == "country":
                break
            parent = p.parent_id if p.level != "admin1" else None
            if parent is None or parent not in self.places:
                parent = p.country if p.country in self.places and p.country != p.id else None
            if parent is None or parent in out:
                break
            out.append(parent)
            p = self.places[parent]
        return tuple(out)

    # -- lookup --------------------------------------------------------------------------------
    def _resolve_key(self, name: str) -> tuple[tuple[Place, ...], str]:
        """Candidates for a name and the tier that knew it ('' when none did)."""
        memo = self._memo.get(name)
        if memo is not None:
            return memo
        result = self._resolve_key_uncached(name)
        if len(self._memo) < 200_000:
            self._memo[name] = result
        return result

    def _resolve_key_uncached(self, name: str) -> tuple[tuple[Place, ...], str]:
        key = fold(clean_surface(name))
        if not key:
            return _EMPTY, ""
        found = self._strong.get(key)
        if found:
            return found, "strong"
        found = self._weak.get(key)
        if found:
            return found, "weak"
        for base in self.morph.strip_designators(key):
            found = self._strong.get(base) or self._weak.get(base)
            if found:
                return found, "weak"
        if not key.isascii():
            compact = key.replace(" ", "")
            for base, _tail in self.morph.ko_splits(compact):  # 회령시에서는 -> 회령시
                found, tier = self._ko_key(base)
                if found:
                    return found, tier
            return _EMPTY, ""
        for k in (key, *self.morph.strip_designators(key)):
            sk = skeleton(k)
            found = self._skeleton.get(sk) if len(sk) >= 4 else None
            if found:
                return found, "skeleton"
        return _EMPTY, ""

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place a name (any spelling, either language) may mean; empty when none."""
        return self._resolve_key(name)[0]

    def lookup(self, name: str, context: Sequence[Place] = ()) -> Place | None:
        """The place a name means.

        An ambiguous name is settled by ``context`` (the other places the document names); when
        the context does not settle it, the result is the narrowest place every candidate lies in
        (e.g. the province, or the country), or None when they share nothing.
        """
        cands = self.candidates(name)
        if len(cands) == 1:
            return cands[0]
        if not cands:
            return None
        return self.choose(cands, context) or self.common_ancestor(cands)

    def choose(self, cands: Sequence[Place], context: Sequence[Place]) -> Place | None:
        """The one candidate the context supports best, or None when it does not single one out."""
        if len(cands) == 1:
            return cands[0]
        scores = [self._support(c, context) for c in cands]
        best = max(scores, default=0)
        if best <= 0 or scores.count(best) != 1:
            return None
        return cands[scores.index(best)]

    def _support(self, cand: Place, context: Sequence[Place]) -> int:
        score = 0
        lineage = {cand.id, *self._ancestors.get(cand.id, ())}
        for q in context:
            if q.id == cand.id:
                continue
            q_lineage = {q.id, *self._ancestors.get(q.id, ())}
            if q.id in lineage or cand.id in q_lineage:
                score += 3
            elif cand.admin1 and q.admin1 == cand.admin1 and q.country == cand.country:
                score += 2
            elif q.country == cand.country:
                score += 1
        return score

    def common_ancestor(self, cands: Sequence[Place]) -> Place | None:
        """The narrowest place that all ``cands`` lie in (or are), or None."""
        if not cands:
            return None
        lineages = [(c.id, *self._ancestors.get(c.id, ())) for c in cands]
        shared = set(lineages[0]).intersection(*lineages[1:])
        for pid in lineages[0]:
            if pid in shared:
                return self.places[pid]
        return None

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def parent(self, place: Place) -> Place | None:
        """The place one level up (an admin1's parent is its country)."""
        chain = self._ancestors.get(place.id, ())
        return self.places[chain[0]] if chain else None

    def ancestors(self, place: Place) -> tuple[Place, ...]:
        """Every place ``place`` lies in, nearest first."""
        return tuple(self.places[a] for a in self._ancestors.get(place.id, ()))

    def admin1_of(self, place: Place) -> Place | None:
        if place.level == "admin1":
            return place
        for p in self.ancestors(place):
            if p.level == "admin1":
                return p
        if place.admin1:
            found = self._by_name.get(("admin1", place.country, place.admin1))
            return found[0] if found else None
        return None

    def country_of(self, place: Place) -> Place | None:
        country = self.places.get(place.country)
        return country if country is not None and country.level == "country" else None

    # -- mentions ------------------------------------------------------------------------------
    def find(
        self, text: str, language: str = "en", resolve: bool = True, context: Sequence[Place] = ()
    ) -> list[PlaceMention]:
        """Place names in ``text``, longest match first, not overlapping, in text order.

        With ``resolve`` (the default), ambiguous mentions are settled by the unambiguous ones
        (:meth:`resolve`). ``context`` holds places known from the rest of the document (when
        ``text`` is one sentence of it): they help settle ambiguous names and support Korean names
        that are also common words (무산에서는).
        """
        if language == "ko":
            mentions = self._filter_common(self._find_ko(text), context)
        else:
            mentions = self._find_en(text)
        return self.resolve(mentions, context) if resolve else mentions

    def resolve(self, mentions: Sequence[PlaceMention], context: Sequence[Place] = ()) -> list[PlaceMention]:
        """Settle ambiguous mentions with the unambiguous ones in the same text (and ``context``).

        A mention whose context singles out one candidate keeps only that one; one that stays
        ambiguous keeps its candidates (see :meth:`common_ancestor` for what is certain).
        """
        context = [*context, *(m.place for m in mentions if m.place is not None)]
        out: list[PlaceMention] = []
        for m in mentions:
            if len(m.candidates) > 1:
                chosen = self.choose(m.candidates, context)
                if chosen is not None:
                    m = replace(m, candidates=(chosen,))
            out.append(m)
        return out

    def certain(self, mention: PlaceMention) -> Place | None:
        """What a mention certainly names: its place, or what all its candidates share."""
        return mention.place or self.common_ancestor(mention.candidates)

    def _find_en(self, text: str) -> list[PlaceMention]:
        """Capitalized word n-grams (longest first) that name a place.

        Whether an n-gram is a mention depends on its own text alone (the river preference aside),
        so the decision is cached by the n-gram's text (:meth:`_en_ngram`)."""
        tokens = [m.span() for m in _EN_TOKEN_RE.finditer(text)]
        out: list[PlaceMention] = []
        bounds = self._en_bound
        hits = self._en_hits
        n_tokens = len(tokens)
        # a name begins with a capital or a digit: only those tokens are visited
        capitals = [k for k, (s, _e) in enumerate(tokens) if text[s].isupper() or text[s].isdigit()]
        i = 0  # the first token not inside a name found
        for k in capitals:
            if k < i:
                continue
            i = k
            start, tok_end = tokens[i]
            tok = text[start:tok_end]
            bound = bounds.get(tok)
            if bound is None:
                first = fold(clean_surface(tok))
                first_word = first.split(" ", 1)[0] if first else ""
                bound = min(self._first_words.get(first_word, 1) + 2, self._max_words)
                if len(bounds) < _EN_CACHE_SIZE:
                    bounds[tok] = bound
            longest = min(bound, n_tokens - i)
            # the n-grams to try are those whose tokens are joined by a single space or hyphen
            joined = 1
            prev_end = tok_end
            while joined < longest:
                nxt_start, nxt_end = tokens[i + joined]
                if text[prev_end:nxt_start] not in _JOINERS:
                    break
                joined += 1
                prev_end = nxt_end
            hit: PlaceMention | None = None
            for n in range(joined, 0, -1):
                last = i + n - 1
                raw = text[start : tokens[last][1]]
                found = hits.get(raw, _NO_ENTRY)
                if found is _NO_ENTRY:
                    found = self._en_ngram(raw, n, tokens[last][0] - start)
                    if len(hits) < _EN_CACHE_SIZE:
                        hits[raw] = found
                if found is None:
                    continue
                surface, cands, tier = found  # type: ignore[misc]
                cands = self._prefer_river(text, start, cands)
                hit = PlaceMention(start, start + len(surface), surface, cands, tier)
                i = last + 1
                break
            if hit:
                out.append(hit)
            else:
                i += 1
        return out

    def _en_ngram(self, raw: str, n: int, last_offset: int) -> tuple[str, tuple[Place, ...], str] | None:
        """(surface, candidates, tier) when the ``n`` joined tokens of ``raw`` name a place, else None.

        ``last_offset`` is where the last token starts in ``raw``."""
        surface = clean_surface(raw)
        if not surface:
            return None
        key = fold(surface)
        if n > 1 and " " in key and key.isascii() and key.split(" ", 1)[0] not in self._first_words:
            # several words are a name only as a strong or weak key (or one with a designator taken
            # off), and every such key starts with a first word of _first_words
            return None
        cands, tier = self._resolve_key(surface)
        if not cands:
            return None
        never = self.stoplist.en_never
        if key in never or (tier != "strong" and self.morph.strip_all(key) in never):
            return None
        if tier == "skeleton" and (n > 1 or len(skeleton(key)) < 6):
            return None  # a spelling guess only for one longer word ("Icon" is not Ichon)
        if tier != "strong" and n > 1:
            # a designator taken off must be part of the name: capitalized or hyphenated
            if not (raw[last_offset].isupper() or raw[last_offset - 1] in "-\u2011"):
                return None
        return surface, cands, tier

    def _prefer_river(self, text: str, start: int, cands: tuple[Place, ...]) -> tuple[Place, ...]:
        """'the Tumen' is the river, not the city."""
        if len(cands) > 1 and text[max(0, start - 4) : start].lower() == "the ":
            rivers = tuple(c for c in cands if c.name.endswith(" River"))
            if len(rivers) == 1:
                return rivers
        return cands

    def _find_ko(self, text: str) -> list[PlaceMention]:
        words = [(m.start(), m.end()) for m in _HANGUL_RE.finditer(text)]
        raw: list[PlaceMention] = []
        i = 0
        while i < len(words):
            hit: PlaceMention | None = None
            for n in (3, 2, 1):
                if i + n > len(words) or (n > 1 and not _joined(text, words[i : i + n])):
                    continue
                joined = "".join(text[s:e] for s, e in words[i : i + n])
                hit = self._match_ko_word(joined, words[i][0], text, words[i : i + n], multi=n > 1)
                if hit:
                    i += n
                    break
            if hit:
                raw.append(hit)
            else:
                i += 1
        return raw

    def _match_ko_word(
        self, word: str, start: int, text: str, spans: Sequence[tuple[int, int]], multi: bool = False
    ) -> PlaceMention | None:
        never = self.stoplist.ko_never
        for base, tail in self.morph.ko_splits(word):
            if len(base) < 2 or base in never or (multi and base not in self._ko_spaced):
                continue
            cands, tier = self._ko_key(base)
            if not cands:
                continue
            end = _offset(text, spans, len(base))
            return PlaceMention(start, end, text[start:end], cands, tier, tail)
        if multi:
            return None
        # a longer word that starts with a name of three syllables or more ("혜산시보위부"), or with
        # a shorter name followed by an institution ("회령세관으로", "온성보위부")
        for cut in range(min(len(word) - 1, 12), 1, -1):
            base = word[:cut]
            if base in never:
                continue
            cands, tier = self._ko_key(base)
            if not cands or tier != "strong":
                continue
            if cut == 2 and not self.morph.starts_institution(word[cut:]):
                continue
            end = _offset(text, spans, cut)
            return PlaceMention(start, end, text[start:end], cands, tier, word[cut:])
        return None

    def _ko_key(self, base: str) -> tuple[tuple[Place, ...], str]:
        found = self._strong.get(base)
        if found:
            return found, "strong"
        found = self._weak.get(base)
        if found:
            return found, "weak"
        south = ko_south(base)
        if south != base:
            found = self._strong.get(south)
            if found:
                return found, "strong"
            found = self._weak.get(south)
            if found:
                return found, "weak"
        return _EMPTY, ""

    def _filter_common(self, mentions: list[PlaceMention], context: Sequence[Place] = ()) -> list[PlaceMention]:
        """Drop Korean common-word names (무산, 안주...) unless a locative particle follows and
        another mention (or a ``context`` place) supports them; weak two-syllable names need one of the two."""
        common = self.stoplist.ko_common
        supported_ids: set[str] = set()
        for c in context:
            supported_ids.add(c.id)
            supported_ids.update(self._ancestors.get(c.id, ()))
        for m in mentions:
            if m.surface not in common and len(m.surface) >= 3:
                for c in m.candidates:
                    supported_ids.add(c.id)
                    supported_ids.update(self._ancestors.get(c.id, ()))
        out = []
        for m in mentions:
            key = m.surface.replace(" ", "")
            locative = self.morph.is_locative(m.particle)
            support = any(
                c.id in supported_ids or (self._ancestors.get(c.id, ()) and self._ancestors[c.id][0] in supported_ids)
                for c in m.candidates
            )
            if key in common:
                if not (locative and support):
                    continue
            elif m.tier == "weak" and len(key) <= 2 and not (locative or support):
                continue
            out.append(m)
        return out

    # -- codebook form -------------------------------------------------------------------------
    def location(self, place: Place) -> Location:
        """The codebook's location of a place: every level above it filled with canonical names."""
        if place.level == "country":
            return Location(place.country, None, None, None)
        if place.level == "admin1":
            return Location(place.country, place.name, None, None)
        if place.level == "admin2":
            return Location(place.country, place.admin1 or None, place.name, None)
        return Location(place.country, place.admin1 or None, place.admin2, place.name)

    def place_of(self, location: Location) -> Place | None:
        """The gazetteer row of a location's most precise level (None when no row fits)."""
        for level, name in (("place", location.place), ("admin2", location.admin2), ("admin1", location.admin1)):
            if not name:
                continue
            rows = [
                p
                for p in self._rows_named(level, name, location.country)
                if (not location.admin1 or level == "admin1" or p.admin1 == location.admin1)
                and (level != "place" or not location.admin2 or p.admin2 == location.admin2)
            ]
            if len(rows) == 1:
                return rows[0]
        if location.country:
            return next((p for p in self.places.values() if p.level == "country" and p.id == location.country), None)
        return None

    def _rows_named(self, level: str, name: str, country: str | None) -> list[Place]:
        if country:
            return list(self._by_name.get((level, country, name), ()))
        return [p for (lv, _c, nm), ps in self._by_name.items() if lv == level and nm == name for p in ps]

    def coordinates(self, where: Location | Place) -> tuple[float, float] | None:
        """(lat, lon) of the most precise level known, walking up while a level has no point."""
        place = where if isinstance(where, Place) else self.place_of(where)
        while place is not None:
            if place.lat is not None and place.lon is not None:
                return place.lat, place.lon
            place = self.parent(place)
        return None


def _add(index: dict[str, list[Place]], key: str, place: Place) -> None:
    bucket = index.setdefault(key, [])
    if place not in bucket:
        bucket.append(place)


_IY_MEDIALS = frozenset({2, 3, 6, 7, 12, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ


def ko_south(word: str) -> str:
    """The South Korean spelling of a North Korean initial ㄹ/ㄴ (량강도 -> 양강도, 락원 -> 낙원, 녕변 -> 영변)."""
    if not word or not "\uac00" <= word[0] <= "\ud7a3":
        return word
    code = ord(word[0]) - 0xAC00
    initial, rest = divmod(code, 21 * 28)
    medial = rest // 28
    if initial == 5:  # ㄹ
        initial = 11 if medial in _IY_MEDIALS else 2
    elif initial == 2 and medial in _IY_MEDIALS:  # ㄴ before i/y
        initial = 11
    else:
        return word
    return chr(0xAC00 + initial * 21 * 28 + rest) + word[1:]


def _is_hangul(s: str) -> bool:
    return bool(s) and all("\uac00" <= c <= "\ud7a3" for c in s)


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether consecutive tokens are separated by a single space or hyphen only."""
    return all(text[a[1] : b[0]] in (" ", "-", "\u2011") for a, b in pairwise(spans))


def _offset(text: str, spans: Sequence[tuple[int, int]], n_chars: int) -> int:
    """The text offset after the first ``n_chars`` hangul characters of space-joined ``spans``."""
    left = n_chars
    for s, e in spans:
        if e - s >= left:
            return s + left
        left -= e - s
    return spans[-1][1]


# -- loading ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Row:
    source: str
    line: int
    values: dict[str, str]

    def error(self, reason: str) -> GazetteerError:
        return GazetteerError(
            f"{self.source}:{self.line}: row {self.values.get('id')!r}: {reason}",
            hint="fix the row in the gazetteer data file (columns: " + ",".join(COLUMNS) + ")",
        )


def read_rows(text: str, source: str) -> list[_Row]:
    """The rows of one gazetteer CSV text; the header must be the gazetteer's columns."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise GazetteerError(
            f"{source}: header is {','.join(reader.fieldnames or ())!r}, expected {','.join(COLUMNS)!r}",
            hint="the first line must name the gazetteer's columns",
        )
    rows = []
    for n, values in enumerate(reader, start=2):
        if None in values or any(v is None for v in values.values()):
            raise _Row(source, n, {k: v or "" for k, v in values.items() if k}).error("wrong number of columns")
        rows.append(_Row(source, n, {k: (v or "").strip() for k, v in values.items()}))
    return rows


def _coordinate(row: _Row, column: str, limit: float) -> float | None:
    value = row.values[column]
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise row.error(f"{column} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise row.error(f"{column} {number} is out of range (±{limit:g})")
    return number


def build_places(rows: Sequence[_Row]) -> list[Place]:
    """Validate the rows of all files together and turn them into places."""
    by_id: dict[str, _Row] = {}
    for row in rows:
        v = row.values
        if not v["id"]:
            raise row.error("empty id")
        if v["id"] in by_id:
            first = by_id[v["id"]]
            raise row.error(f"duplicate id (first at {first.source}:{first.line})")
        by_id[v["id"]] = row
        if v["level"] not in LEVELS:
            raise row.error(f"level {v['level']!r} is not one of {', '.join(LEVELS)}")
        if not re.fullmatch(r"[A-Z]{2}", v["country"]):
            raise row.error(f"country {v['country']!r} is not an ISO 3166 alpha-2 code")
        if not v["name"]:
            raise row.error("empty name")
        if bool(v["lat"]) != bool(v["lon"]):
            raise row.error("lat and lon must both be given or both be empty")
    places: list[Place] = []
    for row in rows:
        v = row.values
        level = v["level"]
        lat = _coordinate(row, "lat", 90)
        lon = _coordinate(row, "lon", 180)
        admin2 = None
        if level == "country":
            if v["id"] != v["country"] or v["admin1"]:
                raise row.error("a country row has its code as id and an empty admin1")
        elif level == "admin1":
            if "." in v["id"]:
                raise row.error("an admin1 id has no '.'")
            if v["admin1"] != v["name"]:
                raise row.error(f"admin1 {v['admin1']!r} of an admin1 row must be its name {v['name']!r}")
        else:
            if "." not in v["id"]:
                raise row.error(f"a {level} id is PARENT.slug")
            parent_id = v["id"].rsplit(".", 1)[0]
            parent = by_id.get(parent_id)
            if parent is None:
                raise row.error(f"parent {parent_id!r} does not exist")
            pv = parent.values
            if LEVELS.index(pv["level"]) >= LEVELS.index(level):
                raise row.error(f"parent {parent_id!r} is a {pv['level']}, not above a {level}")
            if pv["country"] != v["country"]:
                raise row.error(f"country {v['country']} differs from its parent's {pv['country']}")
            expected = pv["name"] if pv["level"] == "admin1" else pv["admin1"]
            if (v["admin1"] or "") != (expected or ""):
                raise row.error(f"admin1 {v['admin1']!r} differs from its parent's {expected!r}")
            if level == "place":
                up = parent
                while up is not None and up.values["level"] == "place":
                    up = by_id.get(up.values["id"].rsplit(".", 1)[0]) if "." in up.values["id"] else None
                if up is not None and up.values["level"] == "admin2":
                    admin2 = up.values["name"]
        places.append(
            Place(
                id=v["id"],
                level=level,
                country=v["country"],
                admin1=v["admin1"] or None,
                name=v["name"],
                name_ko=v["name_ko"] or None,
                aliases=tuple(a.strip() for a in v["aliases"].split("|") if a.strip()),
                lat=lat,
                lon=lon,
                admin2=admin2,
            )
        )
    return places


def _parse(text: str, source: str = "places.csv") -> list[Place]:
    """Places of one CSV text (validated on its own). Kept from the first version."""
    return build_places(read_rows(text, source))


def read_stoplist(text: str, source: str) -> Stoplist:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GazetteerError(f"{source}: not valid TOML: {e}") from e
    lists: dict[str, frozenset[str]] = {}
    for section, key in (("en", "never"), ("ko", "never"), ("ko", "common")):
        value = data.get(section, {}).get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            raise GazetteerError(f"{source}: [{section}].{key} must be a list of non-empty strings")
        lists[f"{section}_{key}"] = frozenset(fold(x).replace(" ", "") if section == "ko" else fold(x) for x in value)
    unknown = set(data) - {"version", "en", "ko"}
    if unknown:
        raise GazetteerError(f"{source}: unknown section(s) {', '.join(sorted(unknown))}")
    return Stoplist(**lists)


def _word_list(data: dict, section: str, key: str, source: str, required: bool = True) -> tuple[str, ...]:
    value = data.get(section, {}).get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise GazetteerError(f"{source}: [{section}].{key} must be a list of non-empty strings")
    return tuple(sorted({x.strip() for x in value}, key=lambda x: (-len(x), x)))


def read_morphology(text: str, source: str) -> Morphology:
    """The word lists of ``names.toml``, validated."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GazetteerError(f"{source}: not valid TOML: {e}") from e
    m = Morphology(
        en_designators=tuple(fold(d) for d in _word_list(data, "en", "designators", source)),
        en_attached=_word_list(data, "en", "attached", source),
        ko_designators=_word_list(data, "ko", "designators", source),
        ko_particles=_word_list(data, "ko", "particles", source),
        ko_locative=frozenset(_word_list(data, "ko", "locative", source)),
        ko_place_nouns=_word_list(data, "ko", "place_nouns", source),
        ko_institutions=_word_list(data, "ko", "institutions", source, required=False),
    )
    by_last: dict[str, list[str]] = {}
    for p in m.ko_particles:
        by_last.setdefault(p[-1], []).append(p)
    m = replace(m, ko_particles_by_last={k: tuple(v) for k, v in by_last.items()})
    if not set(m.en_attached) <= set(m.en_designators):
        raise GazetteerError(f"{source}: [en].attached must be designators too")
    if not m.ko_locative <= set(m.ko_particles):
        extra = ", ".join(sorted(m.ko_locative - set(m.ko_particles)))
        raise GazetteerError(f"{source}: [ko].locative has words that are not particles: {extra}")
    return m


@lru_cache(maxsize=1)
def default_morphology() -> Morphology:
    """The packaged word lists (read once per process)."""
    text = resources.files("sillok.places").joinpath("data/names.toml").read_text("utf-8")
    return read_morphology(text, "sillok/places/data/names.toml")


def load_from(paths: Sequence[Path | str], stoplist: Path | str | None = None) -> Gazetteer:
    """A gazetteer from CSV files (validated together) and an optional stoplist file."""
    rows: list[_Row] = []
    for path in paths:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise GazetteerError(f"{p}: cannot be read: {e}") from e
        rows.extend(read_rows(text, str(p)))
    stop = Stoplist()
    if stoplist is not None:
        stop = read_stoplist(Path(stoplist).read_text("utf-8"), str(stoplist))
    return Gazetteer(build_places(rows), stop)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (read once per process; it is immutable)."""
    data = resources.files("sillok.places").joinpath("data")
    rows: list[_Row] = []
    for name in DATA_FILES:
        rows.extend(read_rows(data.joinpath(name).read_text("utf-8"), f"sillok/places/data/{name}"))
    stop = read_stoplist(data.joinpath("stoplist.toml").read_text("utf-8"), "sillok/places/data/stoplist.toml")
    return Gazetteer(build_places(rows), stop)
