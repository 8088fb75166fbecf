"""The Korean lexicon (``data/lexicon.toml``): triggers on morphemes, modality cues, agencies, reasons.

Loaded and validated on first use; a bad entry raises :class:`~sillok.errors.LexiconError` naming
the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sillok.errors import LexiconError
from sillok.models import PERPETRATORS, REASONS, SPECIFICITY

LEXICON_FILE = "data/lexicon.toml"
_ITEM_RE = re.compile(r"^(?P<forms>[^/\s]+)(?:/(?P<tags>[A-Z|]+))?(?P<opt>\?)?$")
VOICES = ("active", "passive", "nominal")
GAP = "*"


def compile_morph_pattern(pattern: str) -> re.Pattern[str]:
    """A morpheme pattern ("체포/N 되|당하/X|V", "*" = up to four morphemes) as a regex over a
    token stream written "form/TAG " per morpheme."""
    parts: list[str] = []
    for item in pattern.split():
        if item == GAP:
            parts.append(r"(?:[^ ]+ ){0,4}?")
            continue
        m = _ITEM_RE.match(item)
        if not m:
            raise ValueError(f"bad pattern item {item!r}")
        forms = "|".join(re.escape(f) for f in m.group("forms").split("|") if f)
        tags = m.group("tags")
        tag_re = "(?:" + "|".join(re.escape(t) for t in tags.split("|")) + r")[^ ]*" if tags else r"[^ ]+"
        part = f"(?:(?:{forms})/{tag_re} )"
        parts.append(part + ("?" if m.group("opt") else ""))
    return re.compile("(?<![^ ])" + "".join(parts))


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    patterns: tuple[re.Pattern[str], ...]
    voice: str | None = None
    needs_agent: bool = False
    needs_custody: bool = False
    continues: bool = False  # custody that continues an arrest or return told before (D12)
    requires: re.Pattern[str] | None = None
    forbids: re.Pattern[str] | None = None
    forbids_before: re.Pattern[str] | None = None  # looked for in the clause before the trigger (its object)
    forbids_after: re.Pattern[str] | None = None  # looked for in the next 25 characters after the trigger
    official: str | None = None
    source: str = ""  # the pattern text, for evidence
    apart: bool = False  # coded apart from another act of its type in the same sentence (D27)


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    user_words: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    negation: tuple[re.Pattern[str], ...]
    speculation: tuple[re.Pattern[str], ...]
    habit: tuple[re.Pattern[str], ...]
    intent: tuple[re.Pattern[str], ...]
    clause_words: re.Pattern[str]
    after_words: re.Pattern[str]
    sentence_tally: re.Pattern[str]
    agency_re: re.Pattern[str]
    agency_code: dict[str, str]  # group name -> code
    reasons: re.Pattern[str]
    reason_code: dict[str, str]
    officials: re.Pattern[str]
    residence: re.Pattern[str]
    destination: re.Pattern[str]


def _alternation(words: list[str], where: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{w})" for w in words) if words else r"(?!x)x")
    except re.error as e:
        raise LexiconError(f"{LEXICON_FILE}: {where}: bad regular expression: {e}") from e


def _strings(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"{LEXICON_FILE}: {where}.{key} must be a list of non-empty strings")
    return value


def _named_alternation(
    table: dict[str, Any], allowed: tuple[str, ...], where: str
) -> tuple[re.Pattern[str], dict[str, str]]:
    alts: list[tuple[str, str]] = []
    for code in table:
        if code not in allowed:
            raise LexiconError(f"{LEXICON_FILE}: [{where}] {code!r} is not a codebook code", hint=", ".join(allowed))
        for w in _strings(table, code, where):
            alts.append((code, w))
    # longest literal first, so that "국가보위성" wins over "보위성" at the same place
    alts.sort(key=lambda cw: -len(re.sub(r"\\[sd]\*?|[()?:=!<\[\]|*+]", "", cw[1])))
    names: dict[str, str] = {}
    parts: list[str] = []
    firsts: set[str] = set()
    for i, (code, w) in enumerate(alts):
        names[f"g{i}"] = code
        parts.append(f"(?P<g{i}>{w})")
        first = re.sub(r"^\(\?<!\[[^\]]*\]\)", "", w)[:1]
        firsts.add(first if first and first not in "\\([.?*+|^$" else "")
    # a look-ahead on the first letters lets the engine skip most positions at once
    prefix = "" if "" in firsts or not firsts else "(?=[" + "".join(sorted(re.escape(c) for c in firsts)) + "])"
    if not parts:
        return re.compile(r"(?!x)x"), names  # an empty table matches nothing
    try:
        return re.compile(prefix + "(?:" + "|".join(parts) + ")"), names
    except re.error as e:
        raise LexiconError(f"{LEXICON_FILE}: [{where}]: bad regular expression: {e}") from e


def _morphs(data: dict[str, Any], key: str, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in _strings(data, key, where):
        try:
            out.append(compile_morph_pattern(p))
        except (ValueError, re.error) as e:
            raise LexiconError(f"{LEXICON_FILE}: {where}.{key}: pattern {p!r}: {e}") from e
    return tuple(out)


def parse_lexicon(text: str) -> Lexicon:
    """Validate and compile the lexicon's TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{LEXICON_FILE}: not valid TOML: {e}") from e
    version = data.get("version")
    if not isinstance(version, str):
        raise LexiconError(f"{LEXICON_FILE}: 'version' must be a string")
    triggers: list[Trigger] = []
    for n, entry in enumerate(data.get("trigger", []), 1):
        where = f"trigger #{n}"
        ttype = entry.get("type")
        if ttype not in SPECIFICITY:
            raise LexiconError(f"{LEXICON_FILE}: {where}: type {ttype!r} is not a codebook type")
        official = entry.get("official")
        if official is not None and official not in SPECIFICITY:
            raise LexiconError(f"{LEXICON_FILE}: {where}: official {official!r} is not a codebook type")
        voice = entry.get("voice")
        if voice is not None and voice not in VOICES:
            raise LexiconError(f"{LEXICON_FILE}: {where}: voice {voice!r} is not one of {', '.join(VOICES)}")
        unknown = set(entry) - {
            "type",
            "patterns",
            "voice",
            "needs_agent",
            "needs_custody",
            "continues",
            "requires",
            "forbids",
            "forbids_before",
            "forbids_after",
            "official",
            "apart",
        }
        if unknown:
            raise LexiconError(f"{LEXICON_FILE}: {where}: unknown key(s) {', '.join(sorted(unknown))}")
        patterns = _morphs(entry, "patterns", where)
        if not patterns:
            raise LexiconError(f"{LEXICON_FILE}: {where}: no patterns")
        requires = _strings(entry, "requires", where)
        forbids = _strings(entry, "forbids", where)
        forbids_before = _strings(entry, "forbids_before", where)
        forbids_after = _strings(entry, "forbids_after", where)
        triggers.append(
            Trigger(
                type=ttype,
                patterns=patterns,
                voice=voice,
                needs_agent=bool(entry.get("needs_agent", False)),
                needs_custody=bool(entry.get("needs_custody", False)),
                continues=bool(entry.get("continues", False)),
                requires=_alternation(requires, where) if requires else None,
                forbids=_alternation(forbids, where) if forbids else None,
                forbids_before=_alternation(forbids_before, where) if forbids_before else None,
                forbids_after=_alternation(forbids_after, where) if forbids_after else None,
                official=official,
                source=" ; ".join(_strings(entry, "patterns", where)),
                apart=bool(entry.get("apart", False)),
            )
        )
    modality = data.get("modality", {})
    words = data.get("words", {})
    agency_re, agency_code = _named_alternation(data.get("agency", {}), PERPETRATORS, "agency")
    reason_re, reason_code = _named_alternation(data.get("reason", {}), REASONS, "reason")
    return Lexicon(
        version=version,
        user_words=tuple(_strings(data, "user_words", "user_words")),
        triggers=tuple(triggers),
        negation=_morphs(modality, "negation", "modality"),
        speculation=_morphs(modality, "speculation", "modality"),
        habit=_morphs(modality, "habit", "modality"),
        intent=_morphs(modality, "intent", "modality"),
        clause_words=_alternation(_strings(modality, "clause_words", "modality"), "modality.clause_words"),
        after_words=_alternation(_strings(modality, "after_words", "modality"), "modality.after_words"),
        sentence_tally=_alternation(_strings(modality, "sentence_tally", "modality"), "modality.sentence_tally"),
        agency_re=agency_re,
        agency_code=agency_code,
        reasons=reason_re,
        reason_code=reason_code,
        officials=_alternation(_strings(words, "officials", "words"), "words.officials"),
        residence=_alternation(_strings(words, "residence", "words"), "words.residence"),
        destination=_alternation(_strings(words, "destination", "words"), "words.destination"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (read once per process; immutable)."""
    text = resources.files("sillok.extract.ko").joinpath(LEXICON_FILE).read_text("utf-8")
    return parse_lexicon(text)
