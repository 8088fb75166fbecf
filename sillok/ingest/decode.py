"""Bytes to text: encodings tried strictly, in a fixed order, and never mojibake.

Order (the first that decodes strictly *and* reads as text wins):

1. a byte-order mark: UTF-32 LE/BE, UTF-8, UTF-16 LE/BE;
2. UTF-16 LE/BE without a mark, when NUL bytes fall where UTF-16 puts them; other NUL bytes,
   beyond a stray one in a thousand, make the file binary;
3. a charset the document declares (an HTML ``<meta charset>``), with EUC-KR read as its
   superset CP949;
4. UTF-8;
5. CP949 (EUC-KR and its Unified Hangul extension);
6. Windows-1252 (Latin-1's superset), for an English text whose only non-ASCII characters are
   the usual ones of English prose (curly quotes, dashes, accented letters, NBSP);
7. charset-normalizer's best guess, last, and only when the result is plausibly English or Korean
   (the same restriction: Hangul or the usual non-ASCII characters of English prose).

"Reads as text" (:func:`plausible`): almost no control characters or symbols from unexpected
blocks, little Hanja against Hangul and Latin letters (a wrong byte order turns ASCII into CJK
ideographs), and Hangul that stands in words, not single syllables glued to Latin letters (the
mark of a Windows-1252 English text misread as CP949).

The text is then normalised (:func:`clean_text`): Unicode NFC, no byte-order mark, ``\\n`` line
ends, no control characters but tab and newline, no leading or trailing blank space. Characters
are otherwise kept as they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: File signatures of common binary formats: (magic, what it is).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
)

#: Aliases of declared charsets that are read with a superset codec.
_CHARSET_ALIASES = {
    "euc-kr": "cp949",
    "euckr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949",
    "ks_c_5601": "cp949",
    "uhc": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HANGUL = (0xAC00, 0xD7A3)


class DecodeError(ValueError):
    """Bytes that are not text in an encoding Sillok reads; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text and the encoding it was read with."""

    text: str
    encoding: str


def binary_kind(head: bytes) -> str | None:
    """What a binary file is (``"a PDF document"``...) from its first bytes, or ``None``."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` announces, or ``None``."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NUL bytes sit where UTF-16 text puts them, else ``None``.

    UTF-16 stores ASCII (spaces, digits, punctuation, Latin letters) as one byte and one NUL; in
    little-endian the NUL follows, in big-endian it leads. At least one character in ten must be
    ASCII that way, and NULs must (almost) never sit on the other side.
    """
    n = len(head) - len(head) % 2
    if n < 4:
        return None
    even_nul = sum(1 for i in range(0, n, 2) if head[i] == 0)
    odd_nul = sum(1 for i in range(1, n, 2) if head[i] == 0)
    pairs = n // 2
    if odd_nul >= pairs / 10 and even_nul <= odd_nul / 20:
        return "utf-16-le"
    if even_nul >= pairs / 10 and odd_nul <= even_nul / 20:
        return "utf-16-be"
    return None


def _category(ch: str) -> str:
    """Rough class of a character for plausibility: hangul, latin, hanja, ok or bad."""
    code = ord(ch)
    if code < 0x80:
        if ch.isalpha():
            return "latin"
        return "bad" if _CONTROL_RE.match(ch) and ch not in "\t\n\r\f" else "ok"
    if _HANGUL[0] <= code <= _HANGUL[1] or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
        return "hanja"
    if 0x80 <= code <= 0x9F:
        return "bad"
    if code <= 0x024F:  # Latin-1 supplement and Latin extended: accented letters, NBSP, ©, °
        return "latin" if ch.isalpha() else "ok"
    if (
        0x2000 <= code <= 0x206F  # general punctuation: quotes, dashes, ellipsis
        or 0x20A0 <= code <= 0x20CF  # currency signs
        or 0x2100 <= code <= 0x218F  # letterlike symbols, number forms
        or 0x2190 <= code <= 0x21FF  # arrows
        or 0x2460 <= code <= 0x24FF  # enclosed numbers
        or 0x25A0 <= code <= 0x25FF  # geometric shapes (bullets)
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0x3200 <= code <= 0x32FF  # enclosed CJK
        or 0x3300 <= code <= 0x33FF  # CJK compatibility (㎞, ㎏)
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or 0x0300 <= code <= 0x036F  # combining marks (NFD input)
        or 0x00B7 == code
        or code == 0xFEFF
    ):
        return "ok"
    return "bad"


def plausible(text: str, sample: int = 20_000) -> bool:
    """Whether ``text`` reads as English or Korean text rather than a misdecoding (see the module doc)."""
    head = text[:sample]
    counts = {"hangul": 0, "latin": 0, "hanja": 0, "ok": 0, "bad": 0}
    for ch in head:
        counts[_category(ch)] += 1
    total = len(head)
    if total == 0:
        return True
    if counts["bad"] > max(2, total // 100):
        return False
    letters = counts["hangul"] + counts["latin"] + counts["hanja"]
    if counts["hanja"] > max(3, letters // 5):
        return False
    return not _glued_hangul(head, counts["hangul"])


def _few_controls(text: str, sample: int = 20_000) -> bool:
    head = text[:sample]
    return len(_CONTROL_RE.findall(head.replace("\x0c", ""))) <= max(2, len(head) // 100)


_GLUED_RE = re.compile(r"(?<=[A-Za-z])[\uac00-\ud7a3]|[\uac00-\ud7a3](?=[A-Za-z])")
_HANGUL_RUN_RE = re.compile(r"[\uac00-\ud7a3]+")


def _glued_hangul(text: str, hangul: int) -> bool:
    """True when the Hangul in ``text`` is mostly single syllables glued to Latin letters.

    Korean prose writes Hangul in words; particles after an acronym ("MSS가") touch Latin
    letters, but they are a small part of all the Hangul. A Windows-1252 English text read as
    CP949 turns each curly quote and its neighbouring letter into one stray syllable.
    """
    if hangul == 0:
        return False
    glued = len(_GLUED_RE.findall(text))
    singles = sum(1 for run in _HANGUL_RUN_RE.findall(text) if len(run) == 1)
    return glued * 2 > hangul or (hangul < 50 and singles * 2 > len(_HANGUL_RUN_RE.findall(text)) and glued > 0)


def _normalise_charset(name: str) -> str | None:
    name = name.strip().strip("\"'").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first bytes (a codec name), or ``None``."""
    m = _META_CHARSET_RE.search(head[:4096]) or _XML_ENCODING_RE.search(head[:512])
    return _normalise_charset(m.group(1).decode("ascii")) if m else None


#: Non-ASCII characters of ordinary English prose (besides Latin-1's letters and signs).
_USUAL_PUNCTUATION = frozenset("‘’‚“”„–—…•′″€™·")


def _usual_characters(text: str, korean: bool, sample: int = 100_000) -> bool:
    """Whether ``text`` looks like ordinary English (or, with ``korean``, Korean) prose in the
    eyes of a legacy 8-bit decoding: every non-ASCII character is Hangul (with ``korean``) or
    one English prose uses, and those English extras are rare (at most 1 character in 8). A
    wrong code page still decodes, but turns whole words into accented letters or symbols."""
    head = text[:sample]
    extras = 0
    for ch in head:
        code = ord(ch)
        if code < 0x80:
            continue
        if korean and (_HANGUL[0] <= code <= _HANGUL[1] or 0x3000 <= code <= 0x303F):
            continue
        if 0xA0 <= code <= 0xFF or ch in _USUAL_PUNCTUATION:
            extras += 1
            continue
        return False
    return extras * 8 <= len(head)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` (see the module doc for the order); raises :class:`DecodeError` with the reason."""
    kind = binary_kind(data[:16])
    if kind:
        raise DecodeError(f"binary file ({kind}), not a text document")
    bom = bom_encoding(data[:4])
    if bom:
        bom_len = next(len(mark) for mark, encoding in _BOMS if encoding == bom)
        text = _try(data[bom_len:], bom)
        if text is None:
            raise DecodeError(f"the file starts with a {bom.upper()} byte-order mark but is not valid {bom.upper()}")
        return Decoded(text, bom)
    nuls = data.count(b"\x00")
    if nuls:
        utf16 = utf16_without_bom(data[:65536])
        if utf16:
            text = _try(data, utf16)
            if text is not None and plausible(text):
                return Decoded(text, utf16)
        if nuls > max(1, len(data) // 1000):  # a stray NUL in a text is dropped by clean_text
            raise DecodeError("binary file (contains NUL bytes), not a text document")
    candidates: list[str] = []
    if declared:
        candidates.append(_normalise_charset(declared) or declared)
    candidates += ["utf-8", "cp949"]
    for encoding in dict.fromkeys(candidates):  # ordered, without repeats
        text = _try(data, encoding)
        if text is None:
            continue
        # Strict UTF-8 never decodes other encodings' non-ASCII bytes by chance: only the control
        # characters of a binary file are checked, so that text in any language reads (and is then
        # rejected, if it must be, for its language rather than its encoding).
        if (encoding == "utf-8" and _few_controls(text)) or plausible(text):
            return Decoded(text, encoding)
    text = _try(data, "cp1252")
    if text is not None and plausible(text) and _usual_characters(text, korean=False):
        return Decoded(text, "cp1252")
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    raise DecodeError(
        f"cannot decode the file: it is not UTF-8{_utf8_error(data)}, UTF-16, EUC-KR/CP949 or Windows-1252 text"
    )


def _utf8_error(data: bytes) -> str:
    """Where UTF-8 decoding fails, for the message: `` (byte 0xff at offset 1234)``."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return f" (byte 0x{data[e.start]:02x} at offset {e.start})"
    return ""


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        return None
    text = _try(data, best.encoding)
    if text is None or not plausible(text) or not _usual_characters(text, korean=True):
        return None
    from sillok.ingest.language import count_scripts

    if not count_scripts(text).readable:
        return None
    return Decoded(text, best.encoding)


_NEWLINE_RE = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_DROP_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufeff\u200b]")


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no byte-order marks or control characters (tab and newline kept), trimmed."""
    text = _NEWLINE_RE.sub("\n", text)
    text = _DROP_RE.sub("", text)
    return unicodedata.normalize("NFC", text).strip()
