"""The English lexicons: versioned TOML data files, validated and compiled once per extractor.

A bad file or entry raises :class:`~sillok.errors.LexiconError` naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import accumulate
from pathlib import Path

from sillok.errors import LexiconError
from sillok.models import PERPETRATORS, REASONS, TYPES

FILES = ("triggers.toml", "cues.toml", "agents.toml", "reasons.toml")
_FLAGS = re.IGNORECASE
_MACRO = r"\{([A-Z]+)\}"  # compiled on use (re's own cache), not at import
VOICES = ("passive", "active", "nominal")


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    regex: re.Pattern[str]
    voice: str
    needs_person: bool
    official: str | None
    entry: str  # "triggers.toml: arrest[2]"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    code: str
    regex: re.Pattern[str]
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    triggers: tuple[Trigger, ...]
    filters: dict[str, re.Pattern[str]]
    markers: dict[str, re.Pattern[str]]
    boilerplate: tuple[re.Pattern[str], ...]
    words: dict[str, str]
    agents: tuple[Cue, ...]
    reasons: tuple[Cue, ...]


class KeywordGate:
    """Which entries' ``keywords`` gates a lower-cased text opens, in one regex pass.

    ``KeywordGate(entry.keywords for entry in entries).open(low)`` is the set of the indexes ``i``
    for which ``not entries[i].keywords or any(k in low for k in entries[i].keywords)`` — the same
    answer as testing each entry's keywords in turn, several times faster when there are many.

    How: one pattern, a trie of every keyword inside a lookahead, finds at each position of the
    text the longest keyword starting there; every keyword found there is a prefix of it, so each
    keyword found also opens the entries of the keywords it contains.
    """

    __slots__ = ("_always", "_opens", "_regex")

    def __init__(self, keywords: Iterable[Sequence[str]]) -> None:
        groups = [tuple(g) for g in keywords]
        words = sorted({k for g in groups for k in g if k})
        self._always = frozenset(i for i, g in enumerate(groups) if not g)
        self._opens: dict[str, frozenset[int]] = {}
        for w in words:
            inside = {k for k in words if k in w}
            self._opens[w] = frozenset(i for i, g in enumerate(groups) if not inside.isdisjoint(g))
        trie: dict[str, dict] = {}
        for w in words:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}  # a keyword ends here
        self._regex = re.compile("(?=(" + _trie_pattern(trie) + "))") if words else None

    def open(self, low: str) -> set[int]:
        """The indexes of the entries to try on ``low`` (a lower-cased text)."""
        out = set(self._always)
        if self._regex is not None:
            opens = self._opens
            for word in set(self._regex.findall(low)):
                out |= opens[word]
        return out


class PartKeywords:
    """Which of several lower-cased texts (the parts) hold one of a group's keywords.

    ``PartKeywords(parts).holding(keywords)`` is ``{i for i, part in enumerate(parts) if any(k in part
    for k in keywords)}``, found with one ``str.find`` per keyword over the parts joined, not one
    test per part and keyword."""

    __slots__ = ("_ends", "_joined", "_parts")

    def __init__(self, parts: Sequence[str]) -> None:
        self._parts = parts
        self._joined = "\x00".join(parts)  # no keyword holds a NUL, so none is found across two parts
        self._ends = list(accumulate(len(p) + 1 for p in parts))  # where each part's separator ends

    def holding(self, keywords: Iterable[str]) -> set[int]:
        out: set[int] = set()
        joined, ends = self._joined, self._ends
        for k in keywords:
            if "\x00" in k or not k:
                out.update(i for i, part in enumerate(self._parts) if k in part)
                continue
            at = joined.find(k)
            while at >= 0:
                part = bisect_right(ends, at)
                out.add(part)
                at = joined.find(k, ends[part])  # the next part that holds it
        return out


def _trie_pattern(node: dict[str, dict]) -> str:
    """A regex that matches the longest path of the trie from ``node`` (children tried greedily)."""
    alts = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _compile(pattern: object, where: str, macros: dict[str, str] | None = None, guard: bool = False) -> re.Pattern[str]:
    """Compile one lexicon pattern; with ``guard``, behind its first-character guard (the same matches)."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise LexiconError(f"{where}: pattern must be a non-empty string")
    if macros is not None:

        def expand(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in macros:
                raise LexiconError(f"{where}: unknown macro {{{name}}}", hint=f"known: {', '.join(sorted(macros))}")
            return macros[name]

        pattern = re.sub(_MACRO, expand, pattern)
    try:
        regex = re.compile(pattern, _FLAGS)
    except re.error as e:
        raise LexiconError(f"{where}: invalid regular expression: {e}") from e
    prefix = first_guard(pattern) if guard else ""
    return re.compile(prefix + "(?:" + pattern + ")", _FLAGS) if prefix else regex


def _keywords(entry: dict, where: str) -> tuple[str, ...]:
    words = entry.get("keywords", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w and w == w.lower() for w in words):
        raise LexiconError(f"{where}: keywords must be a list of non-empty lower-case strings")
    return tuple(words)


def _read(name: str, directory: Path | None) -> dict:
    try:
        if directory is not None:
            text = (directory / name).read_text("utf-8")
        else:
            text = resources.files("sillok.extract.en").joinpath("data", name).read_text("utf-8")
    except OSError as e:
        raise LexiconError(f"{name}: cannot read lexicon file: {e}") from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{name}: not valid TOML: {e}") from e
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise LexiconError(f"{name}: missing 'version' key", hint='add a line like version = "0.1.0"')
    return data


def _table(data: dict, key: str, name: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise LexiconError(f"{name}: missing table [{key}]")
    return value


def _cues(data: dict, key: str, name: str, codes: tuple[str, ...]) -> tuple[Cue, ...]:
    entries = data.get(key)
    if not isinstance(entries, list) or not entries:
        raise LexiconError(f"{name}: missing [[{key}]] entries")
    out = []
    for i, entry in enumerate(entries):
        where = f"{name}: {key}[{i}]"
        code = entry.get("code") if isinstance(entry, dict) else None
        if code not in codes:
            raise LexiconError(f"{where}: code {code!r} is not one of {', '.join(codes)}")
        out.append(Cue(code, _compile(entry.get("pattern"), where, guard=True), _keywords(entry, where)))
    return tuple(out)


def load_boilerplate(directory: str | Path | None = None) -> tuple[re.Pattern[str], ...]:
    """The boilerplate line patterns of ``cues.toml`` alone, compiled as :func:`load_lexicon` compiles
    them (``Lexicon.boilerplate``): what sentence splitting needs, without the other lexicons."""
    folder = Path(directory) if directory is not None else None
    lines = _table(_read("cues.toml", folder), "boilerplate", "cues.toml").get("lines", [])
    return tuple(_compile(p, f"cues.toml: boilerplate.lines[{i}]") for i, p in enumerate(lines))


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Read, validate and compile the four lexicon files (packaged, or from ``directory``)."""
    folder = Path(directory) if directory is not None else None
    trig, cues, agents, reasons = (_read(name, folder) for name in FILES)

    macros = trig.get("macros", {})
    if not isinstance(macros, dict) or not all(isinstance(v, str) for v in macros.values()):
        raise LexiconError("triggers.toml: [macros] must map names to strings")
    triggers: list[Trigger] = []
    for key, entries in trig.items():
        if key in ("version", "macros"):
            continue
        if key not in TYPES:
            raise LexiconError(f"triggers.toml: [[{key}]] is not a codebook type", hint=f"types: {', '.join(TYPES)}")
        if not isinstance(entries, list):
            raise LexiconError(f"triggers.toml: {key} must be a list of [[{key}]] entries")
        for i, entry in enumerate(entries):
            where = f"triggers.toml: {key}[{i}]"
            if not isinstance(entry, dict):
                raise LexiconError(f"{where}: must be a table")
            unknown = set(entry) - {"pattern", "voice", "needs_person", "official", "keywords"}
            if unknown:
                raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
            voice = entry.get("voice", "active")
            if voice not in VOICES:
                raise LexiconError(f"{where}: voice {voice!r} is not one of {', '.join(VOICES)}")
            official = entry.get("official")
            if official is not None and official not in TYPES:
                raise LexiconError(f"{where}: official {official!r} is not a codebook type")
            regex = _compile(r"(?<![\w-])(?:" + str(entry.get("pattern", "")) + r")", where, macros, guard=True)
            triggers.append(
                Trigger(
                    key, regex, voice, bool(entry.get("needs_person", False)), official, where, _keywords(entry, where)
                )
            )

    filters = {
        k: _compile(v, f"cues.toml: filters.{k}", guard=True) for k, v in _table(cues, "filters", "cues.toml").items()
    }
    markers = {
        k: _compile(v, f"cues.toml: markers.{k}", guard=True) for k, v in _table(cues, "markers", "cues.toml").items()
    }
    for required, table in (("negation", filters), ("modality", filters), ("ongoing", markers), ("speech", markers)):
        if required not in table:
            raise LexiconError(f"cues.toml: missing entry {required!r}")
    lines = _table(cues, "boilerplate", "cues.toml").get("lines", [])
    boiler = tuple(_compile(p, f"cues.toml: boilerplate.lines[{i}]") for i, p in enumerate(lines))
    words = _table(cues, "words", "cues.toml")
    for k, v in words.items():
        _compile(v, f"cues.toml: words.{k}")
    for required in ("person", "official"):
        if required not in words:
            raise LexiconError(f"cues.toml: missing words.{required}")

    versions = [d["version"] for d in (trig, cues, agents, reasons)]
    version = versions[0] if len(set(versions)) == 1 else "+".join(versions)
    return Lexicon(
        version=version,
        triggers=tuple(triggers),
        filters=filters,
        markers=markers,
        boilerplate=boiler,
        words={k: str(v) for k, v in words.items()},
        agents=_cues(agents, "agent", "agents.toml", PERPETRATORS),
        reasons=_cues(reasons, "reason", "reasons.toml", REASONS),
    )


# ---- a first-character guard for the trigger and cue patterns ---------------------------------
# A pattern with no literal prefix is tried by ``re`` at every position of the text. When every
# match must begin with one of a few characters, a lookahead on them, ``(?=[...])``, ends most of
# those tries at one character test, and the matches stay the same. The set is read off the
# pattern text by the small reader below: it follows literals, groups, alternation, zero-width
# assertions and quantifiers, and gives up (no guard) when a match may begin with anything else.
_OPEN_GROUP = re.compile(r"\((?:\?:|\?P<\w+>|(?!\?))")
_QUANTIFIER = re.compile(r"\{(\d*)(?:,\d*)?\}\??|[?*+]\??")


class _Unknown(Exception):
    """The first characters of a pattern are not known: it gets no guard."""


def first_guard(pattern: str) -> str:
    """``(?=[...])`` on the characters every match of ``pattern`` begins with, "" when not known.

    The characters are lower-cased: the guard is for a pattern compiled with ``re.IGNORECASE``."""
    try:
        firsts, nullable, end = _alternation(pattern, 0)
    except _Unknown:
        return ""
    if firsts is None or nullable or end != len(pattern) or not firsts:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


def _alternation(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    """First characters (None: not known) and nullability of the branches from ``p[i]`` to a closing
    paren or the end, and the index where they end."""
    firsts: set[str] | None = set()
    nullable = False
    while True:
        f, n, i = _branch(p, i)
        firsts = None if firsts is None or f is None else firsts | f
        nullable = nullable or n
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return firsts, nullable, i


def _branch(p: str, i: int) -> tuple[set[str] | None, bool, int]:
    firsts: set[str] | None = set()
    open_ = True  # every item so far can match the empty string
    while i < len(p) and p[i] not in "|)":
        f: set[str] | None
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            f, n, i = set(), True, _skip_group(p, i)  # zero-width
        elif (g := _OPEN_GROUP.match(p, i)) is not None:
            f, n, i = _alternation(p, g.end())
            if i >= len(p) or p[i] != ")":
                raise _Unknown
            i += 1
        elif p[i] == "(":
            f, n, i = None, True, _skip_group(p, i)  # inline flags, backreferences, conditionals
        elif p[i] == "[":
            f, n, i = None, False, _skip_class(p, i)
        elif p[i] == "\\":
            if i + 1 >= len(p):
                raise _Unknown
            ch = p[i + 1]
            if ch in "bBAZ":
                f, n = set(), True  # zero-width
            elif ch.isalnum():
                f, n = None, True  # \s, \w, \d, a backreference ...
            else:
                f, n = _literal(ch), False
            i += 2
        elif p[i] in "^$":
            f, n, i = set(), True, i + 1
        elif p[i] == ".":
            f, n, i = None, False, i + 1
        else:
            f, n, i = _literal(p[i]), False, i + 1
        q = _QUANTIFIER.match(p, i)
        if q is not None:
            i = q.end()
            if q.group()[0] in "?*" or (q.group()[0] == "{" and int(q.group(1) or 0) == 0):
                n = True
        if open_:
            firsts = None if firsts is None or f is None else firsts | f
            open_ = n
    return firsts, open_, i


def _literal(ch: str) -> set[str] | None:
    return {ch.lower()} if ch.isascii() else None


def _skip_class(p: str, i: int) -> int:
    """The index after the character class opening at ``p[i]``."""
    i += 1
    if i < len(p) and p[i] == "^":
        i += 1
    if i < len(p) and p[i] == "]":
        i += 1
    while i < len(p):
        if p[i] == "\\":
            i += 2
        elif p[i] == "]":
            return i + 1
        else:
            i += 1
    raise _Unknown


def _skip_group(p: str, i: int) -> int:
    """The index after the group opening at ``p[i]``."""
    depth = 0
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "[":
            i = _skip_class(p, i)
            continue
        if p[i] == "(":
            depth += 1
        elif p[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Unknown
