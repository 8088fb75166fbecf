"""Matching and annotation: triggers -> filtered candidates -> incidents with their fields.

Per sentence (body lines only): the trigger lexicon proposes acts; the codebook's §1 filters drop
negated, modal, habitual, conditional and blamed ones and those of South Korean authorities; each
remaining act gets its time (the nearest time expression, else an anchor: the scene sentence before
it, the act before it in the paragraph, or for an ongoing act the act that began it), its place
(where the act happened, else the place the paragraph or report is about, else where the source
is), its victims (subject of a passive, object of an active verb, coreference to earlier counts),
its actor (by-phrase, subject, the one authority named) and its reason (sentence, paragraph,
report). Per report: one act told twice becomes one incident, escapes that ended in capture are
coded by the arrest (D16), ongoing acts are dated from their anchors (D7).
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sillok.extract.en.dates_en import DateMention, DateRecognizer
from sillok.extract.en.lexicon import KeywordGate, Lexicon, PartKeywords, Trigger, load_lexicon
from sillok.extract.en.places_en import PlaceFinder, PlaceRef
from sillok.extract.en.segment import Sentence, segment
from sillok.extract.en.victims import CountMention, CountRecognizer, parse_number
from sillok.models import (
    SPECIFICITY,
    TYPES_WITH_REASON,
    TYPES_WITHOUT_PERPETRATOR,
    DateRange,
    Document,
    Incident,
    Location,
    Victims,
)
from sillok.settings import Settings

#: Bump when the rules change; the extractor's version also names the lexicon version.
RULES_VERSION = "0.6.0"

_CLAUSE_BREAK = re.compile(
    r"[,;:—–“”\"()]|\s-\s|\b(?:but|and|while|whereas|although|though|because|after|before|when|so|then)\b",
    re.IGNORECASE,
)
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?!\d)")
_URL_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ANAPHORIC = re.compile(
    r"\b(?:then|there|on\s+the\s+spot|at\s+the\s+scene|afterwards|both\s+men|the\s+two|the\s+pair)\b", re.IGNORECASE
)
_BARE_AGENT = re.compile(r"\b(?:the\s+)?(?:agents|officers|branch|squad|team|unit|she|he|it)\b", re.IGNORECASE)
_STRONG_BREAK = re.compile(r"[;:“”\"]|\bbut\b|,\s+and\b|\bwhile\b|\bafter\b|\bbecause\b|\bwhen\b", re.IGNORECASE)
_FRONTED = re.compile(
    r"^(?:ahead\s+of|after|before|during|following|in\s+response\s+to|despite|amid|since|at|in|on|to)\b[^,]{0,120},\s*",
    re.IGNORECASE,
)
_MODIFIER = re.compile(
    r"\b(?:sent|led|formed|dispatched|ordered|set\s+up|put\s+together)\s+(?:by|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ORDERED_TO = re.compile(
    r"\b(?:ordered|order|orders|told|tells|instructed|urged|plans?|planned|wants?|wanted|intends?|intended|threatened|vowed|"
    r"decided|asked|expected|supposed|going|set|called\s+on)\s+(?:[\w',-]+\s+){0,10}?to\s+$",
    re.IGNORECASE,
)
_BARE_SUBJECT = re.compile(
    r"(?:^|\b(?:and|then)\s+)(?:the\s+)?(?:agents|officers|officials|branch|squad|team)\b(?!\s+of)", re.IGNORECASE
)
_CONDITIONAL = re.compile(r"[“\"]?(?:depending\s+on|if|unless|once|should|whenever|in\s+case)\b", re.IGNORECASE)
_ATTEMPT_BEFORE = re.compile(
    r"\b(?:tried|trying|try|tries|attempted|attempting|attempt|wanted|wanting|want|plan|plans|planned|planning|"
    r"failed|fail|hoped|hoping|sought|seeking)\s+to\s+(?:\w+\s+){0,2}$|\b(?:from|without)\s+$",
    re.IGNORECASE,
)
_FRONTED_PARTICIPLE = re.compile(
    r"[“\"]?(?:under|questioned|interrogated|handed|taken|detained|arrested|during|throughout|upon|while|after|following)\b",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(
    r"(?:\w+(?:ed|en)|caught|held|kept|sent|put|shot|struck|beat|taken|thrown|hung|given|brought|sold|found|told|made|"
    r"seen|picked|locked|dragged|hauled|rounded|stopped|handed)\b",
    re.IGNORECASE,
)
_TEXT: contextvars.ContextVar[str | None] = contextvars.ContextVar("sillok_en_text", default=None)
_GAP = re.compile(
    r"\band\s+(?:the\s+other|the\s+remaining|another)\s+(?P<n>\w+)\s+(?:\w+\s+)?(?:in|at|near)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_SAME_OPERATION = re.compile(r"\b(?:similar|same)\s+(?:raid|operation|sweep|crackdown|search)", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(?i:before|until|ahead\s+of)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*|of|the|on|birthday|anniversary)[\s,]+){0,8}$"
    r"|\b(?i:by)\s+(?:the\s+)?(?:end\s+of\s+)?$",
)
_CAUSE = re.compile(
    r"\b(?:responded|in\s+response|following|prompting|because\s+of|to\s+keep|to\s+stop|to\s+prevent|after\s+(?:a|the))\b",
    re.IGNORECASE,
)
_TRIAL = re.compile(r"\b(?:trial|sentenced\s+to\s+death|death\s+sentence|firing\s+squad)\b", re.IGNORECASE)
_NEW_CASE = re.compile(r"\b(?:separate|another|different|second|earlier|previous)\s+(?:case|incident)\b", re.IGNORECASE)
_DATE_SINK = re.compile(
    r"\b(?:(?:whose|his|her|their)\s+(?:arrest|detention|escape|flight|capture)|(?:had|who)\s+(?:\w+\s+)?(?:fled|escaped))\b",
    re.IGNORECASE,
)
#: "the families of detained smugglers": a participle used as an adjective, not an act
_ADJECTIVAL = re.compile(
    r"\b(?:of|the|for|from|with|among|against|to)\s+(?:the\s+|recently\s+|newly\s+)?$", re.IGNORECASE
)
#: ordered attendance at a trial or execution (D20: reason null)
_ATTENDANCE = re.compile(
    r"\b(?:watch|attend|witness)\s+(?:the|a|an)\s+(?:public\s+)?(?:execution|trial)|\b(?:morning|day)\s+of\s+the\s+(?:trial|execution)\b"
    r"|\bto\s+(?:a|an|the)\s+(?:public\s+)?(?:trial|execution)\b",
    re.IGNORECASE,
)
#: a by-phrase inside a modifier ("an inspection team sent by the Central Party"): not the agent of the act
_BY_MODIFIER = re.compile(r"\b(?:sent|led|formed|dispatched|set\s+up|organi[sz]ed|appointed)\s+$", re.IGNORECASE)
#: D18: a bar on approaching or touching a body is part of the killing
_BODY = re.compile(r"\b(?:body|bodies|corpses?|remains)\b", re.IGNORECASE)
#: D30: a raid or search told in the sentence of the arrest belongs to the arrest
_RAID = re.compile(r"^(?:raided|searched|burst)", re.IGNORECASE)
#: act types a lead sentence may tell again, with its time, in the body
_LEAD_TYPES = frozenset(
    (
        "arrest",
        "interrogation",
        "abuse",
        "sentence",
        "execution",
        "killing",
        "repatriation",
        "escape",
        "disappearance",
        "bribery",
        "official_punishment",
        "crackdown",
    )
)
#: background in the pluperfect ("had crossed the river in 2019"): its time anchors no later "two days later"
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?\w+(?:ed|en)\b[^,;]*$", re.IGNORECASE)
_BRIBE_PAID = re.compile(
    r"\bpaid\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:commander|chief|officers?|officials?|guards?)\b[^.]{0,40}?\d[\d,]*\s+(?:yuan|won|dollars)",
    re.IGNORECASE,
)
_DEFINITE_TARGET = re.compile(
    r"\b(?:of|for|after)\s+(?:the\s+(?:pair|couple|two|three|four|man|woman|men|women|family|fugitives?|soldiers|escapees|runaways?)|him|her|them)\b",
    re.IGNORECASE,
)
_RUMOUR = re.compile(r"\b(?:rumou?rs?|speculation|unconfirmed\s+reports?)\s+(?:that|of)\b", re.IGNORECASE)
#: a local organ named by its level ("city officials", "the county police"): the act is local to that level
_LOCAL_ORGAN = re.compile(
    r"\b(?P<level>city|county|provincial|province(?:'s|’s)|city(?:'s|’s)|county(?:'s|’s))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:officials|authorities|police|party|security|office|committee|court|prosecutors?)\b",
    re.IGNORECASE,
)
#: "two days after the shooting": the time hangs on the act it names
_AFTER_EVENT = re.compile(r"\s*(?:the|his|her|their)\s+(?P<noun>\w+)", re.IGNORECASE)
_EVENT_TYPES = {
    "shooting": ("killing",), "killing": ("killing",), "death": ("killing", "execution"),
    "arrest": ("arrest",), "arrests": ("arrest",), "detention": ("arrest",), "capture": ("arrest",),
    "execution": ("execution",), "trial": ("sentence", "execution"), "verdict": ("sentence", "execution"),
    "sentencing": ("sentence",), "escape": ("escape", "disappearance"), "disappearance": ("disappearance",),
    "defection": ("escape", "disappearance"), "repatriation": ("repatriation",), "return": ("repatriation",),
    "handover": ("repatriation",), "raid": ("surveillance", "arrest", "crackdown"),
}  # fmt: skip
#: a time that opens the sentence and is followed by a source speaking: when the source spoke
_SPEAKER_FIRST = re.compile(
    r"\W*(?:[\w'’-]+\s+){0,3}(?:source|sources|resident|residents|defector|partner|correspondent|insider|witness|"
    r"reporter|official|officials|he|she|they|we|I)\s+(?:\w+\s+)?(?:said|told|described|reported|recounted)\b",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(r"\s+(?:said|says|told|added|reported|explained)\b")
#: the triggers of a manhunt (D6)
_HUNT = re.compile(
    r"\b(?:search\w*|look(?:ing)?\s+for|hunt\w*|comb|scour\w*|manhunt|track\s+\w+\s+down|sent\s+after)\b", re.I
)
_BEGAN = re.compile(r"\b(?:began|begun|started)\s+(?:to\s+)?\w+", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:also|another|second|separate|other|too|as\s+well)\b", re.IGNORECASE)
_EVENT_DAY = re.compile(
    r"\b(?:on\s+)?the\s+(?:morning|day|afternoon|evening|night|eve)\s+of\s+the\s+(?P<noun>\w+)", re.IGNORECASE
)
#: a sentence whose subject is an event told before ("The meeting also ordered ..."): that event's time
_SAME_EVENT = re.compile(
    r"[“\"]?(?:The|This|That)\s+(?:same\s+)?(?P<noun>meeting|session|plenum|conference|hearing|trial|inspection|"
    r"politburo|decree|order)\b(?!\s+(?:of|on|in)\b)",
    re.IGNORECASE,
)
#: a measure taken in answer to an act told just before it
_RESPONSE = re.compile(r"\b(?:responded|reacted)\s+(?:\w+\s+){0,2}by\s+$|\bin\s+(?:response|reaction)\b", re.IGNORECASE)
#: a term handed down: "ten years", "life", "death"
#: a short name in quotes inside a clause ('"Group 109"', '"non-socialist"')
_QUOTED_NAME = re.compile(r"[“\"][\w’' -]{1,30}[”\"](?=\s+\w)")
#: an order and its content ("an order declaring that ...", "a notice warning that ...")
_ORDER_CONTENT = re.compile(
    r"\b(?:order|decree|notice|directive|instruction|warning|announcement|message)s?\s+(?:[\w,-]+\s+){0,4}?"
    r"(?:declaring|saying|stating|warning|announcing|that|which\s+(?:says|said|declares|declared|warns|warned))\b",
    re.IGNORECASE,
)
#: a sentence about a measure just told ("The order, issued by ...")
_MEASURE_SUBJECT = re.compile(
    r"[“\"]?The\s+(?:same\s+)?(?:order|decree|notice|directive|instruction|measure|campaign|ban)s?\b", re.IGNORECASE
)
#: an event as the subject of a passive ("A meeting of cadres was held at ...")
_EVENT_SUBJECT = re.compile(
    r"^[“\"]?(?:an?|the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:meeting|session|lecture|trial|rally|ceremony|conference|"
    r"event|briefing|gathering|hearing|exam(?:ination)?|course|training)s?\b(?:\s+(?:of|for|on)\s+[^,;]{0,60}?)?\s+"
    r"(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s",
    re.IGNORECASE,
)
#: "since the crossing": an ongoing act dated from the act it names (D7)
_SINCE_EVENT = re.compile(
    r"\bsince\s+(?:their|his|her|the)\s+(?P<noun>arrest|detention|return|repatriation|capture|escape|disappearance|"
    r"crossing|flight|defection|release)\b",
    re.IGNORECASE,
)
_SINCE_TYPES = {
    "crossing": ("escape", "disappearance"), "flight": ("escape", "disappearance"),
    "defection": ("escape", "disappearance"), "escape": ("escape", "disappearance"),
    "disappearance": ("disappearance",), "arrest": ("arrest",), "detention": ("arrest",), "capture": ("arrest",),
    "return": ("repatriation",), "repatriation": ("repatriation",),
}  # fmt: skip
#: "reported last year that ...": the report's time bounds an earlier act told only through it
_REPORTED_THAT = re.compile(r"\s*,?\s*that\b", re.IGNORECASE)
_REPORTED_BEFORE = re.compile(r"\b(?:reported|revealed|disclosed)\s+(?:in\s+|on\s+)?$", re.IGNORECASE)
#: the verb of a capture's scene, right after its actors ("Police officers surrounded the house")
_CAPTURE_SCENE = re.compile(
    r"(?:\s+(?:officers|agents|officials|men|units?|teams?|squads?))?\s+(?:\w+ly\s+)?(?:surrounded|raided|stormed|"
    r"burst\s+into|broke\s+into|tracked|cornered|ambushed|tracked\s+down|found)\b",
    re.IGNORECASE,
)
#: "have since been released": after an act told before, at a time not told
_HAS_SINCE = re.compile(r"\bha(?:s|ve)\s+since\b", re.IGNORECASE)
#: custody told with the questioning ("held at the station ... and questioned")
_HELD = re.compile(r"(?:held|detained|kept)\s+(?:at|in)\b", re.IGNORECASE)
#: a conviction: people shot after it were executed
_CONVICTION = re.compile(
    r"\b(?:(?:had\s+been|were|was)\s+(?:\w+\s+)?(?:convicted|found\s+guilty|condemned)|convicted\s+of|verdict)\b",
    re.IGNORECASE,
)
#: a killing told as blows ("beaten to death"): its abuse told again is the same act
_BEATING = re.compile(r"\b(?:beat|beaten|beating|struck|kicked|clubbed|tortured|torture|beatings)\b", re.IGNORECASE)
_TERM = re.compile(r"\b(?:years?|months?|life|death)\b", re.IGNORECASE)
_SINK_TRIGGER = Trigger("crackdown", re.compile("$^"), "active", False, None, "sink")
_AT_HOME = re.compile(r"\bat\s+(?:his|her|their|the\s+\w+(?:'s|’s))\s+home\s+in\s+$", re.IGNORECASE)
_PROHIBITION = re.compile(
    r"(?:is|are|was|were|been|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:barred|banned|prohibited|forbidden)",
    re.IGNORECASE,
)
#: a Chinese measure aimed at North Koreans or their helpers is in scope (codebook §1)
_NK_AIM = re.compile(
    r"\b(?:North\s+Korean?s?|the\s+North\b|DPRK|defect\w*|escape\w*|refugees?|border|smuggl\w*|brokers?|Tumen|Yalu)",
    re.IGNORECASE,
)
#: a Chinese domestic measure, aimed at something else (out of scope)
_CN_DOMESTIC = re.compile(
    r"\b(?:to\s+(?:fight|combat|curb|tackle|contain|control)\b|lockdowns?|quarantine|covid|pandemic|coronavirus|"
    r"traffic|drunk|protest\w*|Uy?ghurs?|Uighurs?|Tibet\w*|Hong\s+Kong|Shanghai|Wuhan)",
    re.IGNORECASE,
)
#: a coordinated clause with its own subject and verb (", and a dozen people were arrested")
_NEXT_CLAUSE = re.compile(
    r",\s+and\s+(?:[\w’'-]+\s+){1,4}?(?:was|were|had\s+been|have\s+been|has\s+been)\s+\w+ed\b", re.IGNORECASE
)
_ORDER_VERB = re.compile(r"\b(?:told|ordered|instructed|directed|urged|notified|informed)\b", re.IGNORECASE)
_IN_PP = re.compile(r"\b(?:to|by|from|with|for|against)\s+$", re.IGNORECASE)
_SCENE = re.compile(
    r"\b(?:took\s+place|happened|occurred|was\s+carried\s+out|took\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect)\b",
    re.IGNORECASE,
)
_PARTITIVE = re.compile(
    r"^\s*(?:one|two|three|some|several|many|most)\s+of\s+(?:the|them|those)\b|^\s*another\b", re.IGNORECASE
)
#: the subject is a part of a group whose act was just told ("One man who ...", "The other two", "Two others")
_GROUP_PART = re.compile(
    r"[\s“\"]*(?:(?:the\s+)?(?:other|remaining)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+|ones?|\w+s)\b"
    r"|the\s+(?:others|rest)\b|(?:one|two|three|four|five|six|\d+)\s+(?:others|of\s+(?:them|the\s+\w+|those))\b"
    r"|one\s+(?:man|woman|person|boy|girl|of)\b(?:(?!\bwas\s+also\b)[^.;])*$)",
    re.IGNORECASE,
)
#: a trigger that starts with its participle, after a definite noun phrase ("the man sentenced to death")
_PARTICIPLE_START = re.compile(
    r"(?:sentenced|executed|arrested|detained|repatriated|caught|sent|interrogated)\b", re.IGNORECASE
)
_DEFINITE_NP = re.compile(
    r"\b(?:the|those|these|that|this)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|men|women|people|persons?|couple|pair|family|"
    r"residents?|traders?|smugglers?|defectors?|returnees?|escapees?|officials?|soldiers?|students?|brokers?|"
    r"workers?|prisoners?|detainees?|suspects?)\s+$",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"\b(?:about(?!\s+(?:\d|a\s+dozen|a\s+hundred|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|dozens?)\b)|regarding|concerning)\b",
    re.IGNORECASE,
)
#: "handed down the sentence to the man": the person the penalty was given to, and the trial's place after it
_SENTENCE_TO_PERSON = re.compile(
    r"\b(?:sentences?|terms?|penalty|penalties|verdicts?)\s+(?:on|to|against)\s+(?:the|a|an|his|her|their|\d|two|three)",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(r"(?:arrived|reached|reaching|landed|made\s+(?:her|his|their)\s+way)\b", re.IGNORECASE)
_QUESTIONING = ("interrogation", "official_punishment", "abuse")
_GIVEN_QUESTIONING = re.compile(
    r"(?:during|throughout|in|under)\s+(?:the|that|this|those)\s+(?:questioning|interrogations?)\b", re.IGNORECASE
)
_SMALL_NUMBERS = {
    w: n for n, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1)
}
_GROUP_TYPES = ("sentence", "execution", "arrest", "interrogation", "abuse", "repatriation", "killing")
_RELATIVE_BACKGROUND = re.compile(r"\bwho\s+(?:had\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_PERSON_OBJ = re.compile(
    r"^\s+(?:him|her|them|both|everyone|people|residents|anyone|(?:a|the|his|her|their)\s+(?:\w+\s+)?(?:family|families|household))\b",
    re.IGNORECASE,
)
_BY_AGENT = re.compile(r"^(?:\s+\w+){0,6}?\s+by\s+", re.IGNORECASE)
_ARREST_FAMILY = ("arrest", "repatriation")
_AGENTLESS = ("arrest", "interrogation", "abuse", "killing", "sentence", "surveillance")
_ABROAD_TYPES = ("arrest", "interrogation", "disappearance", "surveillance")
_VIA = re.compile(r"\b(?:via|by\s+way\s+of|through|across|near|at)\s+(?:the\s+)?$", re.IGNORECASE)
_NATIONWIDE = re.compile(
    r"\b(?:nationwide|across\s+the\s+country|throughout\s+the\s+country|all\s+over\s+the\s+country|"
    r"North\s+Korea\s+has|Kim\s+Jong[\s-]Un|Ministry\s+of\s+(?:Social|People(?:'s|’s)|Public|State)\s+Security\s+"
    r"(?:has\s+|had\s+)?(?:ordered|issued|declared|sent))",
    re.IGNORECASE,
)
_OTHER_SOURCE = re.compile(
    r"\b(?:National\s+Intelligence\s+Service|state\s+media|KCNA|Korean\s+Central\s+News\s+Agency|Rodong\s+Sinmun|"
    r"unification\s+ministry|told\s+lawmakers)\b",
    re.IGNORECASE,
)
_FOREIGN = re.compile(
    r"\b(?:Vietnam\w*|Russia\w*|South\s+Korea\w*|Seoul|Laos|Lao|Thai\w*|Mongolia\w*|Cambodia\w*|Chin\w+)\b"
)
#: a place that locates a foreign authority ("to the Chinese border guard in Dandong"), not a North Korean one's act
_FOREIGN_ORGAN_IN = re.compile(
    r"\b(?:Chinese|Russian|Vietnamese|Lao|Laotian|Thai|Mongolian|China(?:'s|’s)|Russia(?:'s|’s))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:police|guards?|authorities|officials|officers|side|security|ministry|bureau|counterparts?)\s+(?:in|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: where returnees were handed over ("were taken across at Panmunjom", "handed over at Tumangang station")
_HANDOVER = re.compile(
    r"\b(?:hand(?:ed|ing)\s+(?:\w+\s+)?(?:over|back)|handovers?|taken\s+across|sent\s+(?:back\s+)?(?:across|through|via)|"
    r"returned\s+(?:\w+\s+){0,3}?(?:through|via))\b",
    re.IGNORECASE,
)
_HANDOVER_AT = re.compile(r"\b(?:at|through|via|across|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
#: "The official did not say where the execution was carried out": the report says the place is unknown
_PLACE_UNKNOWN = re.compile(
    r"\b(?:(?:did|does|do|would|could|will)\s*(?:not|n't|n’t)|declined\s+to|refused\s+to|(?:was|were)\s+unable\s+to)\s+"
    r"(?:say|disclose|reveal|specify|confirm|tell)\s+where\b(?P<a>[^.;]*)|"
    r"\b(?:it\s+(?:is|was|remains)|it's|it’s)\s+(?:not\s+(?:known|clear)|unknown|unclear)\s+where\b(?P<b>[^.;]*)",
    re.IGNORECASE,
)
#: the state's central organs: what they order with no place of its own is national (country only)
_CENTRAL = re.compile(
    r"\b(?:Politburo|Political\s+Bureau|Central\s+Committee|Central\s+Military\s+Commission|Presidium)\b",
    re.IGNORECASE,
)
_CENTRAL_SUBJECT = re.compile(
    r"[“\"]?(?:The|North\s+Korea(?:'s|’s))\s+(?:[\w'’-]+\s+){0,3}?(?:Politburo|Political\s+Bureau|Central\s+Committee|"
    r"Central\s+Military\s+Commission|Presidium|meeting|plenum|plenary(?:\s+meeting|\s+session)?|session)\s+"
    r"(?:also\s+|then\s+|further\s+)?(?:ordered|decided|called|instructed|directed|resolved|demanded|declared)\b",
    re.IGNORECASE,
)
#: the people a state sent back ("those sent back had been arrested"): their arrest was in that state (D9)
_RETURNEES = re.compile(
    r"\b(?:returnees|(?:those|people|defectors|women|men|they|all|some|many|most)\s+(?:(?!who\b)\w+\s+)?(?:who\s+(?:were|had\s+been)\s+)?"
    r"(?:sent\s+back|(?<=were\s)returned|(?<=been\s)returned|repatriated|deported|handed\s+(?:over|back))(?!\s+(?:to\s+)?(?:China|Russia)))\b",
    re.IGNORECASE,
)
_TRANSIT = re.compile(
    r"\b(?:moving\s+on|on\s+(?:the|their|his|her)\s+way|en\s+route|in\s+transit|"
    r"(?:travell?ing|heading|moving)\s+(?:on\s+)?to\s+(?:another|a\s+different|other))\b",
    re.IGNORECASE,
)
#: a sentence that tells where a crossing went over or was first seen ("walked across the line in Yeoncheon")
_CROSSING_SCENE = re.compile(
    r"\b(?:walked|swam|swum|crossed|sailed|drifted|landed|came\s+ashore|arrived|(?:first\s+)?(?:spotted|detected))\b",
    re.IGNORECASE,
)
_INTER_KOREAN = re.compile(
    r"\b(?:military\s+demarcation\s+line|MDL|Northern\s+Limit\s+Line|NLL|DMZ|demilitari[sz]ed\s+zone|"
    r"inter-Korean\s+(?:border|sea\s+border|maritime\s+border)|(?:eastern|western|east|west)\s+(?:sea|maritime)\s+"
    r"(?:border|boundary)|(?:sea|maritime)\s+border\s+(?:into|to)\s+the\s+South)\b"
)
#: what a search took or found: it was part of the arrest (D30)
_SEIZED = re.compile(
    r"\b(?:took|taking|seized|seizing|confiscated|confiscating|found|finding|carried\s+off|took\s+away)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:Chinese|mobile|smuggled|illegal)\s+(?:mobile\s+)?(?:phones?|handsets?|cellphones?)", re.I)
_PENALTY = re.compile(r"\b(?:fines?|penalt(?:y|ies)|fees?|tax(?:es)?|deposit)\b", re.IGNORECASE)
_DESTINATION = re.compile(
    r"\b(?:waiting|wait|hoping|hope|hopes|planning|plan|plans|want|wants|wanted|intend\w*|trying|tried|seeking|"
    r"preparing|about)\s+to\s+(?:[\w-]+\s+){0,2}?(?:to|for|in)\s+(?:the\s+)?$|\b(?:bound|headed|heading)\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ARRIVED_WHEN = re.compile(
    r"(?:defected|fled|escaped)\s+to\s+(?:South\s+Korea|the\s+South|Seoul)\s+(?:in|last|early|late|mid-?)\s*"
    r"(?:(?:19|20)\d\d|year|January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.IGNORECASE,
)
_SINCE_PERFECT = re.compile(r"\b(?:ha(?:s|ve)|had)\s+since\b(?:\s+\w+){0,3}\s*$", re.IGNORECASE)
_WHERE = re.compile(r",\s+(?:where|at\s+which|during\s+which|in\s+which)\b", re.IGNORECASE)
_KP_SIDE = ("interrogation", "abuse", "sentence", "killing")
_KP_ORGANS = ("mss", "mps", "border_guard", "military", "party", "judiciary", "task_force", "inminban", "state")
_IN_PLACE = re.compile(r"\b(?:in|inside|at|on\s+the|within)\s+(?:the\s+)?$", re.IGNORECASE)
_ONGOING_ANCHORS = {
    "interrogation": ("arrest", "repatriation"),
    "abuse": ("arrest", "repatriation", "interrogation"),
    "surveillance": ("disappearance", "escape"),
    "crackdown": ("disappearance", "escape", "killing", "execution", "crackdown"),
    "arrest": ("arrest",),
}


@dataclass
class _Context:
    """What the report has said so far: for anaphora (dates, counts, actors)."""

    published: dt.date | None
    source: Location | None
    last_date: DateRange | None = None
    last_count: Victims | None = None
    pending_counts: list[Sentence] = field(default_factory=list)
    last_perp: str | None = None
    last_loc: tuple[int, Location] | None = None
    #: (paragraph, interval) of the previous sentence when it gave a time but told no act ("It happened on Aug. 11.")
    scene_date: tuple[int, DateRange] | None = None
    #: (paragraph, place) of the previous sentence when it named a place but told no act ("... came from Sariwon.")
    scene_loc: tuple[int, Location] | None = None
    #: times of acts the report dates from another ("seventeen days after his arrest"), by type
    implied: dict[str, DateRange] = field(default_factory=dict)
    #: (paragraph, start) of "Until last November X could ...": the start of the "now" that follows (D25)
    until: tuple[int, dt.date] | None = None
    single_agent: str | None = None
    first_agent: str | None = None
    sentence_perp: str | None = None
    court: bool = False
    perp_default: bool = False
    agents: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: per sentence (by its start), the trigger and agent entries its keywords open (see _gate)
    opened: dict[int, set[int]] = field(default_factory=dict)
    body: str = ""
    reason_hits: list[tuple[int, int, str]] | None = None
    body_spans: list[tuple[int, int]] = field(default_factory=list)
    reason_scope: int | None = None
    #: the report's main place when it places no source: where its first located act happened
    main: Location | None = None
    kp_named: bool = False
    refs: list[PlaceRef] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    #: the act being built took its time from another act (it is no evidence that the two are one act)
    date_borrowed: bool = False
    #: times in the sentence that belong to an act not coded here ("a man who had fled came back in July")
    sunk: list[DateRange] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Match:
    trigger: Trigger
    start: int  # offsets in the document
    end: int


class EnglishExtractor:
    """Codebook incidents from English reports. Lexicons and patterns are compiled per instance."""

    language = "en"

    def __init__(self, settings: Settings | None = None, lexicon: Lexicon | None = None) -> None:
        self.settings = settings
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{RULES_VERSION}+lex{self.lexicon.version}"
        self.dates = DateRecognizer()
        self.counts = CountRecognizer(self.lexicon.words["person"])
        self.places = PlaceFinder()
        # which triggers and agency cues a sentence's words allow, in one pass for both (keyword gating):
        # trigger i is entry i, agency cue k is entry len(triggers) + k
        self._gate = KeywordGate(
            [*(t.keywords for t in self.lexicon.triggers), *(c.keywords for c in self.lexicon.agents)]
        )
        self._n_triggers = len(self.lexicon.triggers)
        f = self.lexicon.filters
        self._cancel = [f[k] for k in ("modality", "trend", "law", "tally") if k in f]
        self._negation = f.get("negation")
        self._habit = f.get("habit")
        self._after_cancel = [f[k] for k in ("habit_after", "tally_after") if k in f]
        self._sentence_cancel: list[re.Pattern[str]] = []
        self._blame = f.get("blame")
        self._south_korean = f.get("south_korean")
        self._hearsay = f.get("hearsay")
        if "unconfirmed" in f:
            self._sentence_cancel.append(f["unconfirmed"])
        self._present = f.get("present")
        self._question = f.get("question")
        self._speech = self.lexicon.markers["speech"]
        self._ongoing = self.lexicon.markers["ongoing"]
        self._official = re.compile(self.lexicon.words["official"], re.IGNORECASE)
        self._person = re.compile(
            r"^\s+(?:(?:a|an|the|his|her|their|all|both|some|two|three|four|five|six|seven|eight|"
            r"nine|ten|\d+|[\w-]+)\s+){0,4}?" + self.lexicon.words["person"] + r"\b",
            re.IGNORECASE,
        )

    # ---- entry point ----------------------------------------------------------------------------
    def extract(self, doc: Document) -> list[Incident]:
        text = doc.text
        published = doc.published or publication_from_url(doc.url)
        sentences = [s for s in segment(text, self.lexicon.boilerplate) if not s.boilerplate]
        if sentences and doc.title and sentences[0].text.strip() == doc.title.strip():
            sentences = sentences[1:]
        _TEXT.set(text)
        refs = self.places.in_document(text)
        ctx = _Context(published, self.places.source_location(text, refs))
        ctx.refs = refs
        ctx.kp_named = any(r.place is not None and r.location.country == "KP" and r.location.admin1 for r in refs)
        ctx.opened = {s.start: self._gate.open(s.text.lower()) for s in sentences}
        ctx.agents = {s.start: self._agents(s, ctx.opened[s.start]) for s in sentences}
        ctx.body = " ".join(s.text for s in sentences)
        ctx.body_spans = [(s.start, s.end) for s in sentences]
        codes = {a[2] for found in ctx.agents.values() for a in found} - {"state"}
        ctx.single_agent = next(iter(codes)) if len(codes) == 1 else None
        firsts = [a[2] for s in sentences for a in ctx.agents[s.start] if a[2] != "state"]
        ctx.court = "judiciary" in firsts
        ctx.first_agent = firsts[0] if firsts else None
        for sent in sentences:
            self._sentence(doc, sent, refs, ctx)
        incidents = _custody_of_questioning(_drop_beatings_of_killings(_drop_carried_out(ctx.incidents)))
        incidents = _date_ongoing(_arrival_is_crossing(_drop_caught_escapes(incidents)), ctx.published)
        incidents = _dedupe(_date_manhunts(_date_bounded(incidents), ctx.published))
        incidents = self._place_unknown(text, sentences, refs, incidents)
        incidents.sort(key=lambda i: (i.quote_start or 0, SPECIFICITY[i.type]))
        return incidents

    # ---- one sentence ---------------------------------------------------------------------------
    def _sentence(self, doc: Document, sent: Sentence, refs: list[PlaceRef], ctx: _Context) -> None:
        text = doc.text
        dates = [self._since_when(d, text, ctx) for d in self.dates.find(sent.text, ctx.published, sent.start)]
        agents = ctx.agents[sent.start]
        sref = [
            r
            for r in refs
            if sent.start <= r.start < sent.end and not any(a[0] <= r.start < a[1] and a[2] == "state" for a in agents)
        ]
        cancelled = (self._question is not None and self._question.search(sent.text)) or any(
            rx.search(sent.text) for rx in self._sentence_cancel
        )
        matches = (
            []
            if cancelled
            else [m for m in self._matches(sent, ctx.opened[sent.start]) if not self._cancelled(text, sent, m, ctx)]
        )
        if not matches:
            # victim phrases of a sentence that tells no act matter only as the antecedent of a later
            # "they" or "the family": found when one is met (see _last_count)
            ctx.pending_counts.append(sent)
            counts: list[CountMention] = []
        else:
            counts = self.counts.find(sent.text, sent.start)
        # a relative time ("a month later") may hang on a time told earlier in the same sentence
        resolved: list[DateRange | None] = []
        saved = ctx.last_date
        for d in dates:
            rng = self._resolve_date(d, ctx)
            if d.relation == "since_anchor" and ctx.published is not None and d.text.lower().startswith("since"):
                # "since the officer's arrest": from the act it names, where the report dates it (D6, D7)
                noun = re.search(r"(\w+)$", d.text)
                kinds = _EVENT_TYPES.get(noun.group(1).lower(), ()) if noun else ()
                named = [i for i in ctx.incidents if i.type in kinds and i.date is not None]
                if named and named[-1].date.start <= ctx.published:  # type: ignore[union-attr]
                    rng = DateRange(named[-1].date.start, ctx.published)  # type: ignore[union-attr]
            if d.relation == "shift" and d.shift and (event := _AFTER_EVENT.match(text, d.end)):
                kinds = _EVENT_TYPES.get(event.group("noun").lower(), ())
                named = [i for i in ctx.incidents if i.type in kinds and i.date is not None]
                if named:
                    rng = named[-1].date.shift(d.shift)  # type: ignore[union-attr]
                elif kinds and resolved and resolved[-1] is not None and ctx.last_date is not saved:
                    # the act named is dated back from the time just given; the expression dates nothing here
                    ctx.implied.setdefault(kinds[0], resolved[-1].shift(-d.shift))
                    rng = None
            resolved.append(rng)
            if rng is not None and d.relation is None and not self._is_speech_date(text, d, sent):
                ctx.last_date = rng
        ctx.last_date = saved
        # each time expression belongs to the act named nearest to it
        blame = self._blame.search(sent.text) if self._blame is not None and matches else None
        if blame is not None:
            matches = [m for m in matches if m.start < sent.start + blame.start()]
        made = self._make(doc, sent, matches, dates, resolved, counts, agents, sref, ctx)
        made = self._specific(made, sent)
        made = [self._convicted(text, sent, inc) for inc in made]
        made = self._gapped(text, sent, made, refs)
        if not made and ctx.incidents and _SCENE.search(sent.text):
            self._scene(text, sent, sref, dates, resolved, ctx)
        elif not made and ctx.incidents and _CROSSING_SCENE.search(sent.text):
            self._crossing(text, sent, sref, ctx)
        for inc in made:
            ctx.incidents.append(inc)
        self._handover(text, sent, sref, ctx)
        for inc in made:
            if ctx.main is None and inc.location is not None and inc.location.admin1:
                if inc.location.country == "KP" or not ctx.kp_named:
                    ctx.main = Location(inc.location.country, inc.location.admin1, inc.location.admin2)
            if inc.location is not None and inc.type != "crackdown":
                ctx.last_loc = (sent.paragraph, inc.location)
            if inc.perpetrator:
                ctx.last_perp = inc.perpetrator
            if inc.victims:
                ctx.last_count = inc.victims
                ctx.pending_counts.clear()
        # the last dated expression of the sentence anchors "the next day", "that month"
        spans = [
            rng
            for d, rng in zip(dates, resolved, strict=True)
            if rng is not None
            and not self._is_speech_date(text, d, sent)
            and not (not made and _PLUPERFECT.search(text, sent.start, d.start))
        ]
        if spans:
            ctx.last_date = min(spans, key=lambda r: (r.end - r.start).days)
        usable_dates = [
            r
            for d, r in (zip(dates, resolved, strict=True) if not made else ())  # read only when no act was made
            if r is not None
            and not self._is_speech_date(text, d, sent)
            and not _PLUPERFECT.search(text, sent.start, d.start)
        ]
        # a time told without an act sets the scene for the paragraph's next act, through sentences that
        # tell neither an act nor a time ("That morning every unit was told ... The offices ordered ...")
        if usable_dates and not made:
            ctx.scene_date = (sent.paragraph, usable_dates[-1])
        elif made or dates:
            ctx.scene_date = None
        if not made and usable_dates and re.match(r"[“\"]?Until\b", sent.text):
            ctx.until = (sent.paragraph, usable_dates[0].start)
        named = [
            r
            for r in (sref if not made else ())  # read only when no act was made
            if r.place is not None
            and r.location.country == "KP"
            and r.location.admin1
            and not r.residence
            and not self._in_source_phrase(text, r)
        ]
        if named and not made:
            finest = max(named, key=lambda r: (r.location.admin2 is not None, r.start))
            ctx.scene_loc = (sent.paragraph, finest.location)
        else:
            ctx.scene_loc = None
        numbered = [c for c in counts if c.kind in ("number", "coref") and c.victims]
        if numbered and not made:
            ctx.last_count = numbered[0].victims
            ctx.pending_counts.clear()

    def _since_when(self, d: DateMention, text: str, ctx: _Context) -> DateMention:
        """The time of the act a "when" clause tells ("since August last year, when another soldier walked across")."""
        if d.relation != "since" or not re.match(r",?\s+when\b", text[d.end : d.end + 8]):
            return d
        found = self.dates.find(re.sub(r"^since\b", "in", d.text, flags=re.IGNORECASE), ctx.published, d.start)
        if len(found) != 1 or found[0].relation is not None or found[0].range is None:
            return d
        return dataclasses.replace(d, range=found[0].range, relation=None)

    def _make(
        self,
        doc: Document,
        sent: Sentence,
        matches: list[_Match],
        dates: list[DateMention],
        resolved: list[DateRange | None],
        counts: list[CountMention],
        agents: list[tuple[int, int, str]],
        sref: list[PlaceRef],
        ctx: _Context,
    ) -> list[Incident]:
        """Incidents of the sentence's triggers; each time expression goes to the nearest act that stands."""
        usable = [
            (d, r)
            for d, r in zip(dates, resolved, strict=True)
            if not self._is_speech_date(doc.text, d, sent)
            and not _DEADLINE.search(doc.text[max(sent.start, d.start - 30) : d.start])
        ]
        reported = [
            (d, r)
            for d, r in zip(dates, resolved, strict=True)
            if r is not None
            and _REPORTED_THAT.match(doc.text, d.end)
            and _REPORTED_BEFORE.search(doc.text[max(sent.start, d.start - 16) : d.start])
        ]
        live = list(range(len(matches)))
        # verbs and nouns of acts that are not coded here ("whose arrest in February", "fled ... in August")
        # still take the time expressions next to them
        sinks = [
            _Match(_SINK_TRIGGER, sent.start + m.start(), sent.start + m.end())
            for m in (_DATE_SINK.finditer(sent.text) if matches and usable else ())  # read only when both are
            if not any(k.start <= sent.start + m.start() < k.end for k in matches)
        ]
        for _attempt in range(2):
            assigned: dict[int, list[tuple[DateMention, DateRange | None]]] = {i: [] for i in live}
            ctx.sunk = []
            for d, rng in usable:
                if live:
                    # "following the disappearance" dates what follows, not the disappearance
                    options = [i for i in live if not (d.relation == "since_anchor" and _overlap(d, matches[i]))]
                    # "fled on Oct. 27, and one has since been caught": the act came after the time told before it
                    options = [
                        i
                        for i in options
                        if not (
                            d.end <= matches[i].start and _SINCE_PERFECT.search(doc.text, sent.start, matches[i].end)
                        )
                    ]
                    if not options:
                        continue

                    def cost(i: int, d: DateMention = d) -> int:
                        m = matches[i]
                        gap = doc.text[m.end : d.start] if d.start >= m.end else doc.text[d.end : m.start]
                        crossing = 40 if _CLAUSE_BREAK.search(gap) else 0
                        return _distance(d.start, d.end, m, d.relation == "since") + crossing

                    i = min(options, key=cost)
                    best = _distance(d.start, d.end, matches[i], d.relation == "since")
                    if any(_distance(d.start, d.end, k) < best and not (0 <= k.start - d.end <= 2) for k in sinks):
                        if rng is not None:
                            ctx.sunk.append(rng)
                        continue  # the time of an act not coded here ("whose arrest in May")
                    assigned[i].append((d, rng))
            # an act left without a time takes the one told between it and a neighbour that has its own
            # time after it ("caught by guards ... in February paid the chief ... in March")
            for i in live:
                if assigned[i]:
                    continue
                m = matches[i]
                for j in live:
                    mj = matches[j]
                    own_after = [x for x in assigned[j] if x[0].start >= mj.end]
                    # the other time is told between the two acts, or fronted before both ("Last month a man
                    # who was caught in April received three years")
                    other = [
                        x
                        for x in assigned[j]
                        if x[0].end <= mj.start
                        and (m.end <= x[0].start or (m.start > mj.end and x[0].start - sent.start <= 2))
                    ]
                    if own_after and other and not _STRONG_BREAK.search(doc.text[m.end : other[0][0].start]):
                        assigned[j].remove(other[0])
                        assigned[i].append(other[0])
                        break
            # "Daily NK reported last year that agents had begun ...": an act told only as reported then
            for d, rng in reported if not usable else []:
                for i in live:
                    if not assigned[i] and matches[i].start > d.end:
                        assigned[i].append((d, rng))
            made: list[tuple[int, Incident]] = []
            ctx.sentence_perp = None
            for i in live:
                inc = self._incident(doc, sent, matches[i], assigned[i], counts, agents, sref, ctx)
                if inc is not None:
                    made.append((i, inc))
                    ctx.sentence_perp = ctx.sentence_perp or inc.perpetrator
            standing = [i for i, _ in made]
            if standing == live or not any(assigned[i] for i in live if i not in standing):
                break
            live = standing
        # an act told in a relative clause of place ("a trial on Sept. 12, where five were sentenced") happened
        # at the time the main clause gives the place (D1)
        for k, (i, inc) in enumerate(made):
            if inc.date is not None:
                continue
            where = [w for w in _WHERE.finditer(doc.text, sent.start, matches[i].start)]
            if where:
                before = [r for d, r in usable if r is not None and d.end <= where[-1].start() and d.relation is None]
                if before:
                    made[k] = (i, inc.with_(date=before[-1]))
        return [inc for _, inc in made]

    def _matches(self, sent: Sentence, opened: set[int]) -> list[_Match]:
        found: list[_Match] = []
        triggers = self.lexicon.triggers
        for i in sorted(i for i in opened if i < self._n_triggers):
            trig = triggers[i]
            for m in trig.regex.finditer(sent.text):
                if trig.type == "bribery" and _PENALTY.search(m.group()):
                    continue  # "paid a fine of 30,000 won": a penalty imposed (a sentence), not a bribe
                found.append(_Match(trig, sent.start + m.start(), sent.start + m.end()))
        found.sort(key=lambda m: (m.start, SPECIFICITY[m.trigger.type]))
        # overlapping matches of different types: the more specific type wins (codebook §2)
        kept: list[_Match] = []
        for m in found:
            clash = [k for k in kept if k.start < m.end and m.start < k.end]
            if not clash:
                kept.append(m)
                continue
            if any(k.trigger.type == m.trigger.type for k in clash):
                continue
            contains = all(
                m.start <= k.start and k.end <= m.end and (m.end - m.start) > (k.end - k.start) for k in clash
            )
            inside = any(k.start <= m.start and m.end <= k.end and (k.end - k.start) > (m.end - m.start) for k in clash)
            middle = all(m.start < k.start and k.end < m.end for k in clash) or all(
                k.start < m.start and m.end < k.end for k in clash
            )
            if middle:
                kept.append(m)  # an act named inside a longer phrase ("beaten during interrogation and died")
                continue
            if inside:
                continue
            if contains or all(SPECIFICITY[m.trigger.type] < SPECIFICITY[k.trigger.type] for k in clash):
                for k in clash:
                    kept.remove(k)
                kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept

    # ---- filters --------------------------------------------------------------------------------
    def _clause_before(self, text: str, sent: Sentence, start: int) -> str:
        return _clause_tail(text[sent.start : start])

    def _cancelled(self, text: str, sent: Sentence, match: _Match, ctx: _Context) -> bool:
        before = self._clause_before(text, sent, match.start)
        span = text[match.start : match.end]
        first_word = re.match(r"\S*", span)
        probe = before + (first_word.group() if first_word else "")
        if match.trigger.type == "crackdown" and _ORDER_CONTENT.search(before):
            # "An order declaring that anyone who ... will be shot was read out": the words of the order
            # are its content, not a hedge on the act of issuing it
            before = probe = before[: _ORDER_CONTENT.search(before).start()]  # type: ignore[union-attr]
            if not (self._habit is not None and self._habit.search(before)):
                return False
        if self._negation is not None and self._negation.search(before):
            return True
        reported_order = match.trigger.type == "crackdown" and _ORDER_VERB.search(text[sent.start : match.start])
        if not reported_order and any(rx.search(probe) for rx in self._cancel):
            return True
        if self._habit is not None and self._habit.search(text[sent.start : match.end]):
            return True
        if re.search(r"\bthose\s+$", before, re.IGNORECASE):
            return True
        if match.trigger.voice == "passive" and _EVENT_SUBJECT.search(before + span):
            return True  # "A meeting was held at the police station": an event, not a person, is held
        if match.trigger.type == "arrest" and match.trigger.voice == "active" and _ADJECTIVAL.search(before):
            return True  # "the families of detained smugglers"
        after = text[match.end : sent.end]
        after = after[: m.start()] if (m := re.search(r"[;:]|,\s+(?:and|but|while)\b|\s+but\s+", after)) else after
        if any(rx.search(after) for rx in self._after_cancel):
            return True
        if _CONDITIONAL.match(sent.text):
            return True
        if _RUMOUR.search(text, sent.start, match.start) or (
            self._hearsay is not None and self._hearsay.search(text, sent.start, match.start)
        ):
            return True  # "Rumours that three soldiers had deserted ...", "I heard that ...": hearsay, not a stated act
        subject = text[sent.start : match.start]
        if (
            match.trigger.type != "escape"
            and self._south_korean is not None
            and self._south_korean.search(subject + span + text[match.end : match.end + 40])
        ):
            return True
        if (
            match.trigger.type == "surveillance"
            and _RAID.match(span)
            and _SEIZED.search(text, match.end, sent.end)
            and any(i.type == "arrest" for i in ctx.incidents)
        ):
            return True  # D30: a search that takes the items (or the people) is part of the arrest told
        if _ATTEMPT_BEFORE.search(text[max(sent.start, match.start - 40) : match.start]):
            return True
        if self._present is not None and match.trigger.type != "crackdown" and self._present.match(span):
            return True
        if (
            _PARTITIVE.search(before)
            and match.trigger.type != "escape"
            and any(i.type == match.trigger.type for i in ctx.incidents)
        ):
            return True
        if (
            _PARTICIPLE_START.match(span)
            and _DEFINITE_NP.search(before)
            and any(i.type == match.trigger.type for i in ctx.incidents)
        ):
            return True  # "the man sentenced to death": a reduced relative naming an act told before
        if (
            match.trigger.type == "interrogation"
            and _GIVEN_QUESTIONING.match(span)
            and any(i.type == "interrogation" for i in ctx.incidents)
        ):
            return True  # "during the questioning": the questioning already told
        part = _GROUP_PART.match(text, sent.start, match.start)
        if (
            part is not None
            and match.trigger.type in _GROUP_TYPES
            and any(
                i.type == match.trigger.type
                and i.victims is not None
                and i.victims.count > _part_size(part.group())
                and sent.paragraph - 1 <= i.evidence.get("paragraph", -9) <= sent.paragraph  # type: ignore[operator]
                for i in ctx.incidents
            )
        ):
            return True  # "five were sentenced ... One man got death, the other two ...": parts of one act (§1)
        if match.trigger.type != "crackdown" and _ORDERED_TO.search(
            text[max(sent.start, match.start - 90) : match.start]
        ):
            return True  # an infinitive: what was ordered or planned, not what was done
        if match.trigger.type == "escape":
            if _RELATIVE_BACKGROUND.search(text[max(sent.start, match.start - 30) : match.start]) and not (
                _ARRIVED_WHEN.match(text, match.start, min(sent.end, match.end + 70))
            ):
                return True  # background; but "a woman who defected to South Korea in 2011" is an act with its time
            if self.lexicon.markers.get("attempt") and self.lexicon.markers["attempt"].search(
                text[max(sent.start, match.start - 25) : match.start]
            ):
                return True
        if match.trigger.needs_person:
            after = text[match.end : min(sent.end, match.end + 60)]
            inside = re.search(r"\b(?:him|her|them)\b", span, re.IGNORECASE)
            if not (inside or _PERSON_OBJ.match(after) or self._person.match(after) or _BY_AGENT.match(after)):
                before_words = text[max(sent.start, match.start - 12) : match.start].lower()
                if not re.search(r"\b(?:were|was|been|being|is|are|got)\s*$", before_words):
                    return True
        return False

    @staticmethod
    def _act_clauses(text: str, sent: Sentence, match: _Match) -> str:
        """The sentence up to the end of the trigger's clause: "... were called in too, and the village knows
        it now" is not an ongoing act."""
        tail = re.search(r",\s+(?:and|but)\s+(?:the|a|an|everyone|nobody|people)\b", text[match.end : sent.end])
        return text[sent.start : match.end + tail.start()] if tail else sent.text

    def _ongoing_after(self, text: str, sent: Sentence) -> bool:
        """Whether the report says the measure goes on: in its own sentence or the next one."""
        nxt = re.match(r"\s*[^.!?]*", text[sent.end : sent.end + 300])
        return bool(self._ongoing.search(sent.text) or (nxt and self._ongoing.search(nxt.group())))

    # ---- one incident ---------------------------------------------------------------------------
    def _incident(
        self,
        doc: Document,
        sent: Sentence,
        match: _Match,
        own: list[tuple[DateMention, DateRange | None]],
        counts: list[CountMention],
        agents: list[tuple[int, int, str]],
        sref: list[PlaceRef],
        ctx: _Context,
    ) -> Incident | None:
        text = doc.text
        kind = match.trigger.type
        victims = self._victims(text, sent, match, counts, ctx) or self._possessive_one(text, match)
        if (
            victims is None
            and kind not in ("crackdown", "bribery")
            and re.search(r"\btheir\b", text[match.start : match.end], re.IGNORECASE)
        ):
            victims = self._last_count(ctx)  # "tracking their signals": the group named before
        if match.trigger.official and self._victim_is_official(text, sent, match):
            kind = match.trigger.official
        death_sentence = kind == "sentence" and bool(
            re.search(r"\bto\s+death\b", text[match.start : min(sent.end, match.end + 90)].split(";")[0])
        )
        ctx.perp_default = False
        perp = None if kind in TYPES_WITHOUT_PERPETRATOR else self._perpetrator(text, sent, match, agents, ctx, kind)
        if kind == "crackdown" and perp is None:
            perp = self._issuer_next(text, sent, ctx)
        if kind == "arrest" and perp is None and match.trigger.voice == "passive":
            perp = self._captor_next(text, sent, ctx)
        if kind == "crackdown" and perp is None and not _PROHIBITION.match(text[match.start : match.end]):
            return None
        if kind == "crackdown" and perp == "china" and _CN_DOMESTIC.search(sent.text) and not _NK_AIM.search(sent.text):
            return None  # a Chinese domestic measure ("stepped up traffic checks in Shenyang to fight ...")
        if kind == "killing" and perp is None and match.trigger.voice == "active":
            return None
        if kind in ("escape", "disappearance") and self._background(text, sent, match, counts):
            return None
        if kind == "escape" and victims is not None and victims.count >= 100:
            return None  # arrivals counted by a government or NGO: a statistic, not an act
        if kind in ("crackdown", "bribery") or (kind == "official_punishment" and victims and victims.count > 1000):
            victims = None if kind != "official_punishment" else victims
        ctx.date_borrowed = False
        date, ongoing = self._date(text, sent, match, own, ctx, kind)
        if (
            kind == "crackdown"
            and date is not None
            and ctx.published is not None
            and (date.end - date.start).days < 11
            and date.end < ctx.published
            and _BEGAN.search(text[max(sent.start, match.start - 12) : match.end])
            and self._ongoing_after(text, sent)
        ):
            date = DateRange(date.start, ctx.published)  # a measure begun that day and still in force
        if (
            kind == "escape"
            and victims is not None
            and victims.count >= 20
            and ((date and (date.end - date.start).days >= 80) or _OTHER_SOURCE.search(sent.text))
        ):
            return None  # "67 defectors reached South Korea in 2022": a tally
        if (
            kind == "crackdown"
            and _PROHIBITION.match(text[match.start : match.end])
            and _BODY.search(sent.text)
            and any(i.type == "killing" for i in ctx.incidents)
        ):
            return None  # D18: a bar on approaching the body is part of the killing
        explicit = perp
        if perp is None and kind in _AGENTLESS and kind not in TYPES_WITHOUT_PERPETRATOR:
            cut = sent.start
            for m in _STRONG_BREAK.finditer(text[sent.start : match.start]):
                cut = sent.start + m.end()
            if m2 := re.search(r"\bthat\s", text[cut : match.start]):
                cut = cut + m2.end()
            for m3 in _WHERE.finditer(text, cut, match.start):
                cut = m3.end()  # "a centre run by the MSS, where they are questioned": the MSS is in charge (D33)
            codes = {
                a[2]
                for a in agents
                if not (cut <= a[0] < match.start)
                and not re.search(r"\b(?:to|for|with|from|against)\s+(?:the\s+)?$", text[max(0, a[0] - 12) : a[0]])
            } - {"state"}
            kp_codes = codes & set(_KP_ORGANS)
            if len(codes) == 1:
                perp = codes.pop()
            elif len(kp_codes) == 1 and kind in _KP_SIDE:
                # "returned by China ... held by the MSS and beaten": the act is on the North's side
                perp = kp_codes.pop()
            elif ctx.single_agent:
                perp = ctx.single_agent
        location = self._location(text, sent, match, sref, ctx, kind, perp)
        if (
            victims is not None
            and location is not None
            and location.admin2 is None
            and kind != "crackdown"
            and not any(r.place is not None for r in sref)
            and not _TRANSIT.search(sent.text)  # "as they were moving on": not the city they were in
        ):
            same = [
                i
                for i in ctx.incidents
                if i.victims
                and i.victims.count == victims.count
                and i.location
                and i.location.admin2
                and i.location.country == location.country
                and victims.count > 1
            ]
            if same and (location.admin1 in (None, same[-1].location.admin1)):  # type: ignore[union-attr]
                location = same[-1].location
        if explicit is None and kind == "arrest" and location is not None and location.country == "CN":
            perp = "china"
        if perp == "mps" and location is not None and location.country not in ("KP", "KR"):
            perp = "china" if location.country == "CN" else "other"  # police abroad are that state's
        attendance = kind == "crackdown" and bool(_ATTENDANCE.search(sent.text))
        if attendance:
            scenes = [i for i in ctx.incidents if i.type in ("execution", "sentence") and i.location is not None]
            if scenes:
                location = scenes[-1].location
            dated = [i for i in ctx.incidents if i.type in ("execution", "sentence") and i.date is not None]
            if date is None and dated:
                date = dated[-1].date  # D20: attendance ordered at the trial or execution the report has dated
        if perp is None and ctx.last_perp and _SAME_OPERATION.search(sent.text):
            perp = ctx.last_perp
        ctx.reason_scope = None
        reason = self._reason(doc, sent, ctx, kind) if kind in TYPES_WITH_REASON and not attendance else None
        quote_start, quote_end = _trim_quote(text, sent.start, sent.end)
        return Incident(
            type=kind,
            quote=text[quote_start:quote_end],
            date=date,
            location=location,
            victims=victims,
            perpetrator=perp,
            reason=reason,
            quote_start=quote_start,
            quote_end=quote_end,
            evidence={
                "trigger_end": match.end,
                "trigger": text[match.start : match.end],
                "rule": match.trigger.entry,
                "ongoing": ongoing,
                "paragraph": sent.paragraph,
                "reason_scope": ctx.reason_scope,
                "perp_default": ctx.perp_default,
                "death_sentence": death_sentence,
                "date_borrowed": ctx.date_borrowed,
                "date_own": bool(own),
                "since": since.group("noun").lower() if (since := _SINCE_EVENT.search(sent.text)) else None,
            },
        )

    def _gapped(self, text: str, sent: Sentence, made: list[Incident], refs: list[PlaceRef]) -> list[Incident]:
        """'N were arrested in A and the other M in B': a second act of the same kind, M people, in B."""
        out = list(made)
        for inc in made:
            if inc.victims is None:
                continue
            m = _GAP.search(text, inc.evidence.get("trigger_end", sent.start), sent.end)
            if not m:
                continue
            count = parse_number(m.group("n"))
            place = [r for r in refs if r.start >= m.end() - 1 and r.start <= m.end() + 40 and r.place is not None]
            if not count or not place:
                continue
            out.append(inc.with_(victims=Victims(count), location=place[0].location))
        return out

    def _scene(
        self,
        text: str,
        sent: Sentence,
        sref: list[PlaceRef],
        dates: list[DateMention],
        resolved: list[DateRange | None],
        ctx: _Context,
    ) -> None:
        """A sentence that tells where or when the last act took place refines it."""
        prev = ctx.incidents[-1]
        places = [r for r in sref if r.place is not None and not r.residence and not self._in_source_phrase(text, r)]
        loc = prev.location
        if places:
            found = _combine(places, _Match(prev_trigger(prev), sent.start, sent.start))
            loc = _finer(prev.location, found) if prev.location else found
        rngs = [
            r for d, r in zip(dates, resolved, strict=True) if r is not None and not self._is_speech_date(text, d, sent)
        ]
        date = _narrower(prev.date, rngs[0]) if rngs else prev.date
        ctx.incidents[-1] = prev.with_(location=loc, date=date)

    @staticmethod
    def _background(text: str, sent: Sentence, match: _Match, counts: list[CountMention]) -> bool:
        """An earlier flight recalled without a time ('had earlier made her way'), or one by a vague crowd."""
        before = text[max(sent.start, match.start - 30) : match.start]
        if re.search(r"\bhad\s+(?:\w+\s+)?$", before) and not re.search(r"\b(?:19|20)\d\d\b", sent.text):
            return True
        subject = [c for c in counts if c.end <= match.start]
        return bool(subject and subject[0].kind == "null")

    @staticmethod
    def _convicted(text: str, sent: Sentence, inc: Incident) -> Incident:
        """People shot after a conviction told in the sentence or the next one were executed, not killed."""
        if inc.type != "killing" or not re.search(r"\bshot\b", str(inc.evidence.get("trigger", ""))):
            return inc
        nxt = re.match(r"\s*[^.!?]*", text[sent.end : sent.end + 300])
        told = sent.text + " " + (nxt.group() if nxt else "")
        return inc.with_(type="execution") if _CONVICTION.search(told) else inc

    @staticmethod
    def _specific(made: list[Incident], sent: Sentence) -> list[Incident]:
        """Within a sentence: a killing told with an execution is the execution; an abuse ending in death is
        the killing; one type told twice is one incident."""
        types = {i.type for i in made}
        # D21: measures aimed at definite fugitives told with the hunt for them are part of the hunt
        hunt = "surveillance" in types and bool(_DEFINITE_TARGET.search(sent.text))
        out: list[Incident] = []
        for inc in made:
            if (
                hunt
                and inc.type == "crackdown"
                and any(o.type == "surveillance" and o.perpetrator == inc.perpetrator for o in made)
            ):
                continue
            if inc.type == "killing" and "execution" in types:
                continue
            if inc.type == "killing" and _TRIAL.search(sent.text):
                inc = inc.with_(type="execution")
            if inc.type == "abuse" and "killing" in types:
                continue
            if inc.type == "disappearance" and any(
                o.type == "escape" and (o.victims is None or inc.victims is None or o.victims == inc.victims)
                for o in made
            ):
                continue  # "fled his unit and crossed into the South": the crossing says where they went
            if inc.type == "surveillance" and "arrest" in types and _RAID.match(str(inc.evidence.get("trigger", ""))):
                continue  # D30: the raid of the arrest belongs to the arrest
            if (
                inc.type == "surveillance"
                and not hunt
                and inc.victims is None
                and any(o.type == "crackdown" and o.perpetrator == inc.perpetrator for o in made)
            ):
                continue  # D29: measures of one actor told in one sentence are one crackdown
            same = [
                k
                for k, o in enumerate(out)
                if o.type == inc.type
                and (o.perpetrator in (inc.perpetrator, None) or inc.type == "crackdown")
                and (o.victims is None or inc.victims is None or o.victims == inc.victims)
                and (
                    o.date is None
                    or inc.date is None
                    or o.date == inc.date
                    # a time taken from an earlier act is no sign of a second act
                    or not (o.evidence.get("date_own", True) and inc.evidence.get("date_own", True))
                )
            ]
            if same:
                k = same[0]
                out[k] = out[k].with_(
                    date=out[k].date or inc.date,
                    location=out[k].location or inc.location,
                    victims=out[k].victims or inc.victims,
                    perpetrator=out[k].perpetrator or inc.perpetrator,
                )
                continue
            out.append(inc)
        return out

    @staticmethod
    def _issuer_next(text: str, sent: Sentence, ctx: _Context) -> str | None:
        """A measure told without its authority, whose next sentence names who issued it ("The order,
        issued in the name of the provincial party committee, ...")."""
        later = [k for k in ctx.agents if k >= sent.end]
        if not later or not _MEASURE_SUBJECT.match(text, min(later)):
            return None
        codes = [a[2] for a in ctx.agents[min(later)]]
        return next((c for c in codes if c != "state"), codes[0] if codes else None)

    @staticmethod
    def _captor_next(text: str, sent: Sentence, ctx: _Context) -> str | None:
        """A capture told in the passive, whose next sentence tells the scene with its actors as subject
        ("... were recaptured four days later. Police officers surrounded the house ...")."""
        later = [k for k in ctx.agents if k >= sent.end]
        if not later:
            return None
        nxt = min(later)
        found = [a for a in ctx.agents[nxt] if a[0] - nxt <= 30]
        if not found or not _CAPTURE_SCENE.match(text, found[0][1]):
            return None
        return found[0][2]

    # ---- victims --------------------------------------------------------------------------------
    def _victims(
        self, text: str, sent: Sentence, match: _Match, counts: list[CountMention], ctx: _Context
    ) -> Victims | None:
        kind = match.trigger.type
        if kind in ("crackdown", "bribery"):
            return None
        clause_start = match.start - len(self._clause_before(text, sent, match.start))
        cut = sent.start
        for m in _STRONG_BREAK.finditer(text[sent.start : match.start]):
            cut = sent.start + m.end()
        # a relative clause of place or time has its own subject ("made 4,000 residents attend a trial, where five
        # people were sentenced")
        for m in _WHERE.finditer(text, cut, match.start):
            cut = m.end()
        left = [c for c in counts if c.end <= match.start and c.start >= cut]
        left = left or [c for c in counts if c.end <= match.start and c.start >= sent.start]
        left = [
            c for c in left if not re.search(r"(?:among\s+them|including|of)\s+$", text[max(0, c.start - 15) : c.start])
        ]
        right = [c for c in counts if c.start >= match.start and c.start <= match.end + 50 and c.end > match.start]
        # "the arrest of two" inside a nominal trigger names its victims; "one of the men" after it does not
        right = [
            c
            for c in right
            if not re.search(r"\bof\s+$", text[max(0, c.start - 6) : c.start])
            or (match.trigger.voice == "nominal" and c.end <= match.end)
        ]
        # "..., the resident said": the source, not the victims
        right = [c for c in right if not _SPEAKER_AFTER.match(text, c.end)]
        # people named in a prepositional phrase after the verb ("to the border guard") are not the victims
        right = [
            c
            for c in right
            if not _IN_PP.search(text[max(0, c.start - 10) : c.start])
            or c.start < match.end
            or (kind == "sentence" and _SENTENCE_TO_PERSON.search(text, max(0, c.start - 30), c.end))
            or (kind == "surveillance" and re.search(r"\bfor\s+$", text[max(0, c.start - 5) : c.start]))
        ]
        by_after = re.match(r"^\s+by\b", text[match.end : match.end + 5])
        passive = _is_passive(text, sent, match)
        intransitive = kind in ("escape", "disappearance") or re.match(r"died\b", text[match.start : match.end], re.I)
        order: list[CountMention] = []
        fronted = (
            not left
            and "," in text[match.end : sent.end]
            and "," not in text[sent.start : match.start]
            and bool(_FRONTED_PARTICIPLE.match(text[sent.start : match.end]))
        )
        if fronted:
            comma = text.index(",", match.end, sent.end)
            order = [c for c in counts if c.start > comma][:1]
        elif (passive or by_after) and kind != "surveillance":
            order = left
            if re.match(r"being\b", text[match.start : match.end], re.IGNORECASE):
                # "watched three women being shot": the people right before a reduced passive
                order = [c for c in left if match.start - c.end <= 2] + left
        elif intransitive and _RELATIVE_BACKGROUND.search(text, max(sent.start, match.start - 30), match.start):
            # "the family of a woman who defected": the antecedent of "who"
            order = [c for c in counts if sent.start <= c.start and c.end <= match.start][-1:]
        elif intransitive:
            order = left + right
        else:
            # the object, then the nearest phrase before the verb in its clause, then the sentence subject
            in_clause = [c for c in reversed(left) if c.start >= clause_start - 1]
            order = right + in_clause + [c for c in left if c not in in_clause]
        if kind == "official_punishment":
            order = [
                c
                for c in order
                if c.kind in ("pronoun_sg", "coref")
                or self._official.search(text[c.start : c.end])
                or (
                    re.match(r"[A-Z]", text[c.start : c.end])
                    and c.victims
                    and c.victims.count == 1
                    and not re.match(r"(?:A|An|One|The)\b", text[c.start : c.end])
                )
            ]
        for c in order:
            v = self._count_value(c, ctx)
            if c.kind == "null":
                return None
            if v is not None:
                return v
        return None

    @staticmethod
    def _possessive_one(text: str, match: _Match) -> Victims | None:
        return Victims(1) if re.search(r"\b(?:his|her)\s+\w+", text[match.start : match.end], re.IGNORECASE) else None

    def _count_value(self, c: CountMention, ctx: _Context) -> Victims | None:
        if c.kind in ("number", "coref", "pronoun_sg"):
            return c.victims
        if c.kind in ("family", "pronoun_pl"):
            return self._last_count(ctx)
        return None

    def _last_count(self, ctx: _Context) -> Victims | None:
        """The count a "they" or "the family" refers back to: the latest sentence that gave one."""
        for sent in reversed(ctx.pending_counts):
            text = _TEXT.get()
            numbered = [
                c
                for c in self.counts.find(sent.text, sent.start)
                if c.kind in ("number", "coref") and c.victims and not _SPEAKER_AFTER.match(text, c.end)
            ]  # "one of the sources said" is a speaker, not the people "they" refers to
            if numbered:
                ctx.last_count = numbered[0].victims
                break
        ctx.pending_counts.clear()
        return ctx.last_count

    def _victim_is_official(self, text: str, sent: Sentence, match: _Match) -> bool:
        before = text[sent.start : match.start]
        for m in _STRONG_BREAK.finditer(before):
            before = before[m.end() :]
        if not _is_passive(text, sent, match):
            before = ""
        after = text[match.end : min(sent.end, match.end + 40)]
        return bool(
            self._official.search(before) or re.match(r"^\s+(?:the\s+)?\w*\s*(?:officials?|officers?|cadres?)", after)
        )

    # ---- perpetrator ----------------------------------------------------------------------------
    def _agents(self, sent: Sentence, opened: set[int]) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, int, str]] = []
        cues = self.lexicon.agents
        for rank in sorted(i - self._n_triggers for i in opened if i >= self._n_triggers):
            cue = cues[rank]
            for m in cue.regex.finditer(sent.text):
                if m.end() > m.start():
                    spans.append((sent.start + m.start(), sent.start + m.end(), rank, cue.code))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
        kept: list[tuple[int, int, str]] = []
        for start, end, _rank, code in spans:
            if kept and start < kept[-1][1]:
                continue
            # "MSS officials", "police officers": one mention, the organ's code
            if kept and code == "state" and start - kept[-1][1] <= 1 and kept[-1][2] != "state":
                kept[-1] = (kept[-1][0], end, kept[-1][2])
                continue
            kept.append((start, end, code))
        return kept

    def _perpetrator(
        self, text: str, sent: Sentence, match: _Match, agents: list[tuple[int, int, str]], ctx: _Context, kind: str
    ) -> str | None:
        if kind == "bribery":
            # the officials paid: named in the trigger ("paid the police chief") or right after it
            taker = [a for a in agents if match.start <= a[0] < match.end + 40 and a[2] != "state"]
            if taker:
                return taker[0][2]
        after = text[match.end : sent.end]
        by = re.search(r"\b(?:by|through|on\s+the\s+orders?\s+of)\s+(?:their\s+|its\s+|an?\s+)?", after[:80])
        if by and _BY_MODIFIER.search(after[: by.start()]):
            by = None
        if by and re.search(r",|\band\b|\b(?:are|is|was|were|being|been|has|have)\b", after[: by.start()]):
            by = None
        if by:
            at = match.end + by.end()
            for a in agents:
                if at - 1 <= a[0] <= at + 60:
                    return a[2]
        inside = [a for a in agents if match.start <= a[0] < match.end]
        if inside and (
            " by " in text[match.start : match.end]
            or not re.search(r"\w+(?:ed|ing)\b", text[match.start : inside[0][0]])
            or (kind != "repatriation" and re.search(r"\bover\s+to\s+(?:the\s+)?$", text[match.start : inside[0][0]]))
        ):
            return inside[0][2]
        if by and re.match(r"(?:her|his|their|the\s+same)\s+\w+", after[by.end() :]) and ctx.last_perp:
            return ctx.last_perp
        voice_passive = match.trigger.voice == "passive" and re.match(
            r"(?:is|are|was|were|be|been|being|got|had|have|has)\b", text[match.start : match.end], re.IGNORECASE
        )
        before = [a for a in agents if a[0] < match.start and not (a[0] < match.start < a[1] and a[2] == "state")]
        clause_start = match.start - len(self._clause_before(text, sent, match.start))
        if not voice_passive:
            region = self._clause_before(text, sent, match.start)
            opening = re.match(r"[“\"]?(?:the\s+)?(?:agents|officers|officials)\b(?!\s+of)", sent.text, re.IGNORECASE)
            if opening and ctx.last_perp:
                return ctx.last_perp
            if (
                _BARE_SUBJECT.search(region)
                and ctx.last_perp
                and not [a for a in before if a[0] >= match.start - len(region)]
            ):
                return ctx.last_perp
            subject = self._subject_agent(text, sent, match, before)
            if subject is not None:
                return subject
            if re.match(r"\s*and\b", self._clause_before(text, sent, match.start), re.IGNORECASE):
                # "the government ordered X, and also ordered Y": the subject of the first verb
                if before:
                    return before[0][2]
                if ctx.sentence_perp:
                    return ctx.sentence_perp
            bare = _BARE_AGENT.search(text[max(sent.start, clause_start - 40) : match.start])
            if bare and ctx.last_perp and not (kind == "killing" and bare.group().lower() in ("he", "she")):
                return ctx.last_perp
        if kind == "killing" and "died" in text[match.start : match.end].lower():
            for a in agents:
                return a[2]
        if kind == "repatriation":
            codes = [a[2] for a in agents]
            if "china" in codes:
                return "china"
            if "other" in codes:
                return "other"
            if re.search(r"\b(?:the\s+South|South\s+Korea|Russia|Vietnam|Laos|Thailand|Mongolia)\b", sent.text):
                return "other"
            if ctx.last_perp in ("china", "other"):
                return ctx.last_perp
            if re.search(r"\bChin(?:a|ese)\b", ctx.body):
                return "china"
        if kind == "sentence" and not agents and ctx.court:
            ctx.perp_default = True  # the court the report names elsewhere: a guess the body may correct
            return "judiciary"
        if kind == "abuse" and not agents:
            keepers = [
                i.perpetrator
                for i in ctx.incidents
                if i.type in ("interrogation", "arrest") and i.perpetrator and i.perpetrator not in ("china", "other")
            ]
            return keepers[-1] if keepers else None
        if kind == "execution" and re.search(
            r"\b(?:convicted|trial|court|sentenced|verdict|publicly\s+executed|public\s+execution)\b", sent.text, re.I
        ):
            ctx.perp_default = True  # D13: the authority that passed the sentence, unless an executioner is named
            return "judiciary"
        if kind in ("bribery", "sentence", "execution"):
            codes = [a[2] for a in agents]
            if codes:
                return "judiciary" if "judiciary" in codes else codes[0]
            if kind == "bribery":
                return ctx.last_perp or ctx.single_agent or ctx.first_agent
        if kind in ("surveillance", "interrogation", "abuse") and not voice_passive:
            if re.search(r"\b(?:agents?|officers?)\b", sent.text, re.IGNORECASE) and ctx.last_perp:
                return ctx.last_perp
        return None

    @staticmethod
    def _subject_agent(text: str, sent: Sentence, match: _Match, before: list[tuple[int, int, str]]) -> str | None:
        """The agent that is the subject of the trigger's clause: the first named after a fronted adverbial
        and the last strong break, skipping agents inside modifiers ('teams sent by the Central Party')."""
        if not before:
            return None
        window = text[sent.start : match.start]
        cut = sent.start
        fronted = _FRONTED.match(window)
        if fronted:
            cut = sent.start + fronted.end()
        # a name in quotes ('A "Group 109" squad') does not break the clause
        named = [(q.start(), q.end()) for q in _QUOTED_NAME.finditer(window)]
        for m in _STRONG_BREAK.finditer(window):
            if not any(a <= m.start() < b for a, b in named):
                cut = max(cut, sent.start + m.end())
        in_clause = [a for a in before if a[0] >= cut]
        in_clause = [a for a in in_clause if not _MODIFIER.search(text[max(sent.start, a[0] - 25) : a[0]])] or in_clause
        if not in_clause:
            return None
        first = in_clause[0]
        if len(in_clause) > 1 and first[2] == "state" and re.match(r"\s*of\b", text[first[1] : first[1] + 5]):
            return in_clause[1][2]
        return first[2]

    # ---- date -----------------------------------------------------------------------------------
    def _resolve_date(self, d: DateMention, ctx: _Context) -> DateRange | None:
        if d.relation is None or d.relation == "since":
            return d.range
        if d.relation == "vague" or ctx.last_date is None:
            return None
        if d.relation == "since_anchor":
            return DateRange(ctx.last_date.start, ctx.published) if ctx.published else None
        if d.relation == "shift":
            return ctx.last_date.shift(d.shift)
        if d.relation == "that_month":
            from sillok.extract import dates as D

            return D.month_part(ctx.last_date.start.year, ctx.last_date.start.month, d.part)
        return None

    def _is_speech_date(self, text: str, d: DateMention, sent: Sentence) -> bool:
        if d.start - sent.start <= 2 and _SPEAKER_FIRST.match(text, d.end, d.end + 60):
            return True  # "Late last month another source described ..." (not "That day every unit told ...")
        if re.match(r"\s*\([\w\s]+\)\s*(?:--|—|–)", text[d.end : d.end + 16]):
            return True  # a dateline: "SEOUL, July 30 (NKW) --"
        before = text[max(sent.start, d.start - 45) : d.start]
        found = list(self._speech.finditer(before))
        if not found:
            return False
        gap = before[found[-1].end() :]
        return len(gap.split()) <= 5 and "," not in gap and " that " not in gap and not re.search(r"\b\w+ed\b", gap)

    def _date(
        self,
        text: str,
        sent: Sentence,
        match: _Match,
        own: list[tuple[DateMention, DateRange | None]],
        ctx: _Context,
        kind: str,
    ) -> tuple[DateRange | None, bool]:
        """The act's interval, and whether it is an undated ongoing act (dated later from its anchor)."""
        if own:
            d, rng = min(own, key=lambda item: _distance(item[0].start, item[0].end, match))
            if d.relation == "vague":
                return None, False
            if rng is not None and ctx.published is not None and rng.start > ctx.published + dt.timedelta(days=1):
                return None, False
            return rng, False
        if (
            kind == "crackdown"
            and ctx.until is not None
            and ctx.until[0] == sent.paragraph
            and ctx.published is not None
            and re.search(r"\bnow\b", sent.text, re.IGNORECASE)
        ):
            return DateRange(ctx.until[1], ctx.published), False  # D25: "Until last November ...; now ..."
        if self._ongoing.search(self._act_clauses(text, sent, match)) and kind in _ONGOING_ANCHORS:
            prior = ctx.incidents[-1] if ctx.incidents else None
            continued = (  # "Checkpoints were strengthened on the 3rd. The police now check them daily."
                prior is not None
                and prior.type == "crackdown"
                and prior.date is not None
                and prior.evidence.get("paragraph") == sent.paragraph
            )
            if kind != "crackdown" or _CAUSE.search(sent.text) or continued or _SINCE_EVENT.search(sent.text):
                return None, True
        if kind not in _ONGOING_ANCHORS and _HAS_SINCE.search(text, sent.start, match.end):
            return None, False  # "have since been released after paying bribes": some time after, not when
        if kind in ctx.implied:
            return ctx.implied.pop(kind), False
        if ctx.sunk and _RESPONSE.search(text, sent.start, match.start):
            return ctx.sunk[-1], False  # "... came back in mid-July, and Kim responded by disbanding ..." (D1, D7)
        if event := _EVENT_DAY.search(sent.text):
            kinds = _EVENT_TYPES.get(event.group("noun").lower(), ())
            named = [i for i in ctx.incidents if i.type in kinds and i.date is not None]
            if named:
                return named[-1].date, False  # "on the morning of the trial": that act's day
        if (same := _SAME_EVENT.match(sent.text)) is not None:
            noun = same.group("noun").lower()
            told = [i for i in ctx.incidents if i.date is not None and noun in i.quote.lower()]
            if told:
                return told[-1].date, False  # "The meeting also ordered ...": the meeting told before
        if kind == "sentence" and _TERM.search(sent.text):
            verdicts = [i for i in ctx.incidents if i.type in ("sentence", "execution") and i.date is not None]
            if verdicts:
                ctx.date_borrowed = True
                return verdicts[-1].date, False  # a term handed down at the trial the report has dated
        if ctx.scene_date is not None and ctx.scene_date[0] == sent.paragraph:
            return ctx.scene_date[1], False
        prior = ctx.incidents[-1] if ctx.incidents else None
        if (
            prior is not None
            and prior.date is not None
            and not prior.evidence.get("date_borrowed")  # a time at second hand is not passed on
            and prior.evidence.get("paragraph") == sent.paragraph
            and not re.search(r"\bhad\s+(?:\w+\s+)?$", text[max(sent.start, match.start - 20) : match.start])
            and (
                (kind != "crackdown" and prior.type != "crackdown")
                or (kind == prior.type == "crackdown" and _CAUSE.search(sent.text))
                or (kind == "crackdown" and prior.type in ("execution", "sentence"))
            )
        ):
            return prior.date, False
        return None, False

    # ---- location -------------------------------------------------------------------------------
    def _location(
        self,
        text: str,
        sent: Sentence,
        match: _Match,
        sref: list[PlaceRef],
        ctx: _Context,
        kind: str,
        perp: str | None,
    ) -> Location | None:
        usable = [
            r
            for r in sref
            if not self._in_source_phrase(text, r)
            and (
                kind in ("disappearance", "sentence")
                or not r.residence
                or _AT_HOME.search(text[max(0, r.start - 24) : r.start])
                or (
                    kind in ("crackdown", "surveillance")
                    and re.search(
                        r"\b(?:homes|houses|households)\s+(?:in|of)\s+$", text[max(0, r.start - 20) : r.start]
                    )
                )
            )
            and not re.match(r"[\s-]based\b", text[r.end : r.end + 8])
            # "questioned about their time in China": the topic of the questioning, not where it happened
            and not (kind in _QUESTIONING and r.start > match.end and _TOPIC.search(text, match.end, r.start))
            and not (perp in _KP_ORGANS and _FOREIGN_ORGAN_IN.search(text[max(0, r.start - 60) : r.start]))
            # "agents went through phones, and a dozen people were arrested in Hyesan": the place of the
            # act told in the next coordinated clause, not of the measure
            and not (kind == "crackdown" and r.start > match.end and _NEXT_CLAUSE.search(text, match.end, r.start))
            and not (
                kind == "sentence"
                and r.start > match.end
                and re.search(r"\b(?:to|into|including)\b", text[match.end : r.start])
                and not _SENTENCE_TO_PERSON.search(text, match.start, r.start)
            )
        ]
        places = [r for r in usable if r.place is not None]
        countries = [r for r in usable if r.place is None]
        located = [r for r in countries if _IN_PLACE.search(text[max(0, r.start - 14) : r.start])]
        near = [r for r in usable if _near_trigger(text, r, match, 90 if kind == "repatriation" else 30)]
        if kind == "repatriation":
            handover = [
                r
                for r in near
                if r.place is not None
                and (
                    r.location.country != "KP" or re.search(r"\bat\s+(?:the\s+)?$", text[max(0, r.start - 8) : r.start])
                )
                and not (perp == "china" and r.location.country == "KR")  # "drew condemnation from Seoul"
            ]
            if handover:
                return _combine(handover, match)
            if perp == "china" or any(r.location.country == "CN" for r in countries):
                return Location("CN")
            foreign = [r for r in countries if r.location.country != "KP"]
            return Location(foreign[0].location.country) if foreign else None
        if kind == "escape":
            # a destination not yet reached ("waiting to fly to Seoul") is not where they crossed or arrived
            places = [r for r in places if not _DESTINATION.search(text[max(0, r.start - 40) : r.start])]
            countries = [r for r in countries if not _DESTINATION.search(text[max(0, r.start - 40) : r.start])]
            kr = [r for r in countries if r.location.country == "KR"]
            arrived = [r for r in kr if match.start <= r.start <= match.end + 12]
            crossed = [
                r
                for r in places
                if r.location.country != "KR"
                and _near_trigger(text, r, match)
                and not re.search(r"\bwho\b", text[r.end : match.start])  # a place of the main clause
            ]
            if arrived and not crossed:
                places = [r for r in places if r.location.country == "KR"]  # "defected to South Korea in 2011"
            if places:
                via = [r for r in places if _VIA.search(text[max(0, r.start - 14) : r.start])]
                return _combine(via or places, match)
            if kr or _INTER_KOREAN.search(sent.text):
                return Location("KR")  # D35: a crossing of the MDL or the sea border lands in the South
            third = [
                r for r in countries if r.location.country not in ("KP", "CN", "RU") and _near_trigger(text, r, match)
            ]
            return Location(third[0].location.country) if third else ctx.source or ctx.main
        foreign_perp = perp == "china" or (perp == "other" and bool(_FOREIGN.search(sent.text)))
        kp = [r for r in places if r.location.country == "KP"]
        if kind == "arrest" and not kp and perp not in _KP_ORGANS and _RETURNEES.search(text, sent.start, match.start):
            returned = [r.location.country for r in located if r.location.country != "KP"] + [
                "CN" if i.perpetrator == "china" else i.location.country
                for i in ctx.incidents[::-1]
                if i.type == "repatriation" and i.location is not None and i.location.country != "KP"
            ]
            if returned:
                return Location(returned[0])
        foreign = [r for r in places if r.location.country != "KP"]
        abroad = [r for r in located if r.location.country != "KP" and r in near]
        if foreign_perp or (perp is None and not kp) or (not kp and kind in _ABROAD_TYPES):
            options = [r for r in foreign if r in near] or foreign or abroad
            if options:
                best = _nearest(options, match)
                if best.place is None:
                    return Location(best.location.country)
                return _combine([r for r in options if r.place is not None], match)
            if foreign_perp:
                # a foreign authority's act with no place of its own: where the paragraph has the people abroad
                code = "CN" if perp == "china" else None
                if ctx.last_loc is not None and ctx.last_loc[0] == sent.paragraph and code == ctx.last_loc[1].country:
                    loc = ctx.last_loc[1]
                    return Location(loc.country, loc.admin1) if _TRANSIT.search(sent.text) else loc
                # else the place of that country the paragraph named before ("... reached Shenyang. But Chinese
                # agents picked them up"); only its province when they were moving on from it
                para_start = text.rfind("\n", 0, sent.start) + 1
                there = [
                    r
                    for r in ctx.refs
                    if para_start <= r.start < sent.start
                    and r.place is not None
                    and r.location.country == code
                    and r.location.admin1
                    and not r.residence
                    and not self._in_source_phrase(text, r)
                ]
                if there:
                    loc = there[-1].location
                    return Location(loc.country, loc.admin1) if _TRANSIT.search(sent.text) else loc
                return None
        if kp or (abroad and kind in _ABROAD_TYPES):
            candidates = kp + (abroad if kind in _ABROAD_TYPES else [])
            best = _nearest(candidates, match)
            if best.place is None:
                return Location(best.location.country)
            loc = _combine(kp, match)
            if ctx.source and loc.admin1 is None and loc.place:
                loc = Location("KP", ctx.source.admin1, ctx.source.admin2, loc.place)
            if loc.admin1 is not None or loc.country != "KP" or any(r.location.admin1 for r in kp):
                return loc
            # only a river named: where the report's context places the act
        central = _CENTRAL_SUBJECT.match(sent.text) and _CENTRAL.search(text, 0, sent.end)
        if _NATIONWIDE.search(sent.text) or _OTHER_SOURCE.search(sent.text) or central:
            return Location("KP")
        local = _LOCAL_ORGAN.search(sent.text)
        if local and ctx.last_loc is not None and ctx.last_loc[1].country == "KP" and ctx.last_loc[1].admin1:
            loc = ctx.last_loc[1]
            if local.group("level").lower().startswith(("city", "county")) and loc.admin2:
                return Location(loc.country, loc.admin1, loc.admin2)
        if perp == "state" and kind in ("crackdown", "official_punishment") and not _quoted(text, sent):
            return Location("KP")
        if ctx.scene_loc is not None and ctx.scene_loc[0] == sent.paragraph and kind != "crackdown":
            scene = ctx.scene_loc[1]
            return Location(scene.country, scene.admin1, scene.admin2, None)
        # people of several home places ("the Sukchon family ... the Yongchon group"): not the last act's place
        homes = [r for r in sref if r.residence and r.place is not None and r.location.country == "KP"]
        if ctx.last_loc is not None and kind != "crackdown":
            para, loc = ctx.last_loc
            if para == sent.paragraph and not any(r.location.admin2 != loc.admin2 for r in homes):
                return loc
            if (
                loc.country == "KP"
                and loc.admin2
                and (ctx.source is None or ctx.source.admin1 == loc.admin1)
                and not _NEW_CASE.search(sent.text)
            ):
                return Location(loc.country, loc.admin1, loc.admin2, None)
        main = (
            ctx.main
            if ctx.main is not None and (ctx.main.country == "KP" or perp in (None, "china", "other"))
            else None
        )
        return ctx.source or main or Location("KP")

    def _place_unknown(
        self, text: str, sentences: list[Sentence], refs: list[PlaceRef], incidents: list[Incident]
    ) -> list[Incident]:
        """Where the report says it does not know where an act took place, the source's province does not
        place it (codebook §3 "Which place"): only its country, unless its own sentence names a place."""
        kinds: set[str] = set()
        if "where" not in text.lower():
            return incidents  # every _PLACE_UNKNOWN match holds the word
        for sent in sentences:
            for m in _PLACE_UNKNOWN.finditer(sent.text):
                clause = m.group("a") or m.group("b") or ""
                kinds.update(k for w in re.findall(r"\w+", clause.lower()) for k in _EVENT_TYPES.get(w, ()))
                kinds.update(t.type for t in self.lexicon.triggers if t.regex.search(clause))
        if not kinds:
            return incidents
        out = []
        for inc in incidents:
            own = [
                r
                for r in refs
                if inc.quote_start is not None
                and inc.quote_end is not None
                and inc.quote_start <= r.start < inc.quote_end
                and r.place is not None
                and not r.residence
                and not self._in_source_phrase(text, r)
            ]
            if inc.type in kinds and inc.location is not None and inc.location.admin1 and not own:
                inc = inc.with_(location=Location(inc.location.country))
            out.append(inc)
        return out

    def _crossing(self, text: str, sent: Sentence, sref: list[PlaceRef], ctx: _Context) -> None:
        """An escape placed only in a country: the next sentence that tells where the people crossed or
        were first seen there places it (codebook: escape, where they crossed; D35)."""
        prev = ctx.incidents[-1]
        loc = prev.location
        if (
            prev.type != "escape"
            or loc is None
            or loc.admin1 is not None
            or prev.evidence.get("paragraph", -9) < sent.paragraph - 1  # type: ignore[operator]
        ):
            return
        places = [
            r
            for r in sref
            if r.place is not None
            and r.location.country == loc.country
            and r.location.admin1
            and not r.residence
            and not self._in_source_phrase(text, r)
        ]
        if places:
            found = _combine(places, _Match(prev_trigger(prev), sent.start, sent.start))
            ctx.incidents[-1] = prev.with_(location=found)

    def _handover(self, text: str, sent: Sentence, sref: list[PlaceRef], ctx: _Context) -> None:
        """Where returnees were handed over, told of the last repatriation (codebook: its place; D8, D15)."""
        cue = _HANDOVER.search(sent.text)
        returns = [k for k, i in enumerate(ctx.incidents) if i.type == "repatriation"]
        if cue is None or not returns:
            return
        k = returns[-1]
        prev = ctx.incidents[k]
        if prev.location is not None and prev.location.admin1 is not None:
            return
        at = [
            r
            for r in sref
            if r.place is not None
            and r.start >= sent.start + cue.end()
            and not _STRONG_BREAK.search(text[sent.start + cue.end() : r.start])
            and (_HANDOVER_AT.search(text[max(0, r.start - 40) : r.start]) or _between_list(text, sref, r))
        ]
        if at:
            ctx.incidents[k] = prev.with_(location=_shared([r.location for r in at]))

    @staticmethod
    def _in_source_phrase(text: str, ref: PlaceRef) -> bool:
        before = text[max(0, ref.start - 40) : ref.start]
        after = text[ref.end : ref.end + 40]
        if re.search(
            r"(?:sources?|residents?|partners?|official|officials|informants?)\s+(?:\w+\s+)?(?:in|from|based\s+in|inside)\s+(?:the\s+)?$",
            before,
            re.I,
        ):
            return bool(
                re.match(
                    r"^(?:\s+Province)?(?:,?\s+[\w\s]{0,30}?)?\s*(?:said|says|say|told|reported|confirmed|added)",
                    after,
                    re.I,
                )
                or re.match(r"^(?:\s+Province)?\s*(?:,|\.|$)", after)
            )
        return bool(re.match(r"^(?:\s+Province)?[\s-]based\s+source", after, re.I))

    # ---- reason ---------------------------------------------------------------------------------
    def _reason(self, doc: Document, sent: Sentence, ctx: _Context, kind: str) -> str | None:
        """The first reason the sentence names; else its paragraph's; else the report's (the case's charge, D31)."""
        if ctx.reason_hits is None:
            ctx.reason_hits = self._reason_hits(doc.text, ctx)
        para_start = doc.text.rfind("\n", 0, sent.start) + 1
        para_end = doc.text.find("\n", sent.end)
        para_end = para_end if para_end >= 0 else len(doc.text)
        scopes = [(sent.start, sent.end), (para_start, para_end)]
        if kind != "killing":
            scopes.append((0, len(doc.text)))
        for level, (start, end) in enumerate(scopes):
            for pos, _rank, code in ctx.reason_hits:
                if start <= pos < end:
                    ctx.reason_scope = level
                    if (
                        level > 0
                        and kind == "official_punishment"
                        and (any(c == "corruption" for _p, _r, c in ctx.reason_hits) or _BRIBE_PAID.search(ctx.body))
                    ):
                        return "corruption"  # officials punished for taking money
                    return code
        return None

    def _reason_hits(self, text: str, ctx: _Context) -> list[tuple[int, int, str]]:
        """The first reason cue of each kind in the report's body: (offset, lexicon rank, code), in order."""
        spans = sorted(ctx.body_spans)
        low = text.lower()
        parts = [low[a:b] for a, b in spans]
        hits: list[tuple[int, int, str]] = []
        holding = PartKeywords(parts)
        for rank, cue in enumerate(self.lexicon.reasons):
            held = sorted(holding.holding(cue.keywords)) if cue.keywords else range(len(spans))
            for a, b in (spans[k] for k in held):
                for m in cue.regex.finditer(text, a, b):
                    hits.append((m.start(), rank, cue.code))
        hits.sort()
        # a phone searched for or holding media ("search their mobile phones for South Korean songs") is the
        # carrier of the media, not outside contact
        media = [p for p, _r, c in hits if c == "foreign_media"]
        return [
            h
            for h in hits
            if not (
                h[2] == "outside_contact"
                and _PHONE.match(text, h[0])
                and any(h[0] < p <= h[0] + 90 and not re.search(r"[.;]", text[h[0] : p]) for p in media)
            )
        ]


# ---- helpers ------------------------------------------------------------------------------------
def publication_from_url(url: str | None) -> dt.date | None:
    """The publication context a URL gives when ``published`` is null: its date, month or year."""
    if not url:
        return None
    from sillok.extract.dates import last_day

    m = _URL_DATE.search(url)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else last_day(year, month)
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    m = _URL_YEAR.search(url)
    return dt.date(int(m.group(1)), 12, 31) if m else None


def _part_size(phrase: str) -> int:
    """The number a part of a group names ("the other two" 2, "one man" 1); 1 when it names none."""
    for word in re.findall(r"\w+", phrase.lower()):
        if word.isdigit():
            return int(word)
        if word in _SMALL_NUMBERS:
            return _SMALL_NUMBERS[word]
    return 1


def _trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence without an unbalanced opening quote mark."""
    while start < end and text[start] in "“\"‘'" and text.count("”", start, end) + text.count('"', start, end) < 2:
        start += 1
    return start, end


def prev_trigger(inc: Incident) -> Trigger:
    """A stand-in trigger for refining an incident already made."""
    return Trigger(inc.type, re.compile("$^"), "active", False, None, "scene")


def _is_passive(text: str, sent: Sentence, match: _Match) -> bool:
    """A passive or participial trigger ('were arrested', 'was put before a firing squad', 'Questioned by')."""
    span = text[match.start : match.end]
    if re.match(r"(?:is|are|was|were)\s+\w+ing\b", span, re.I):
        return False
    if re.match(r"(?:is|are|was|were|be|been|being|got|get|gets|had\s+been|have\s+been|has\s+been)\b", span, re.I):
        return True
    if match.trigger.voice == "nominal":
        return False
    before = text[max(sent.start, match.start - 25) : match.start]
    if _PARTICIPLE.match(span) and re.search(
        r"\b(?:were|was|been|being|is|are|got)\s+(?:\w+ly\s+|also\s+|then\s+)?$", before, re.I
    ):
        return True
    return bool(re.match(r"\w+ed\s+by\b", span + text[match.end : match.end + 4], re.I))


def _overlap(d: DateMention, match: _Match) -> bool:
    return d.start < match.end and match.start < d.end


def _distance(start: int, end: int, match: _Match, leading: bool = False) -> int:
    """Characters between a span and a trigger; a span before the trigger counts a little further."""
    return start - match.end if start >= match.end else match.start - end + (0 if leading else 20)


def _drop_carried_out(incidents: list[Incident]) -> list[Incident]:
    """A death sentence carried out is one execution, not also a sentence (codebook §2)."""
    executions = [i for i in incidents if i.type == "execution"]
    return [
        i
        for i in incidents
        if not (
            i.evidence.get("death_sentence")
            and any(e.victims is None or i.victims is None or e.victims.count == i.victims.count for e in executions)
        )
    ]


def _drop_beatings_of_killings(incidents: list[Incident]) -> list[Incident]:
    """The blows of a beating to death, told again after the killing, are that killing, not also an abuse."""
    killings = [i for i in incidents if i.type == "killing" and _BEATING.search(str(i.evidence.get("trigger", "")))]
    return [
        i
        for i in incidents
        if not (
            i.type == "abuse"
            and any(
                (k.quote_start or 0) < (i.quote_start or 0)
                and (k.victims is None or i.victims is None or k.victims.count == i.victims.count)
                and (i.date is None or k.date is None or (i.date.start <= k.date.end and k.date.start <= i.date.end))
                for k in killings
            )
        )
    ]


def _custody_of_questioning(incidents: list[Incident]) -> list[Incident]:
    """A person "held at the police station and questioned" was arrested too, unless the report tells
    how the people were taken (an arrest or a return of the same people)."""
    out = []
    for inc in incidents:
        if inc.type == "interrogation" and _HELD.match(str(inc.evidence.get("trigger", ""))):
            taken = any(
                o.type in ("arrest", "repatriation")
                and (o.victims is None or inc.victims is None or o.victims.count == inc.victims.count)
                for o in incidents
            )
            if not taken:
                out.append(inc.with_(type="arrest"))
        out.append(inc)
    return out


def _drop_caught_escapes(incidents: list[Incident]) -> list[Incident]:
    """People who left but were caught abroad or sent back are coded by the arrest, not an escape (D16)."""
    out = []
    for i, inc in enumerate(incidents):
        if inc.type == "escape":
            para = inc.evidence.get("paragraph")
            later = [o for o in incidents[i + 1 :] if o.evidence.get("paragraph") == para]
            if any(
                o.type in ("arrest", "repatriation")
                and o.victims is not None
                and inc.victims is not None
                and o.victims.count == inc.victims.count
                for o in later
            ):
                continue
        out.append(inc)
    return out


def _arrival_is_crossing(incidents: list[Incident]) -> list[Incident]:
    """An arrival in the South and the crossing that began it, told of the same people, are one escape: it
    takes the crossing's time and place (codebook: escape, where they crossed; else where they arrived)."""
    escapes = [i for i in incidents if i.type == "escape"]
    arrivals = [i for i in escapes if _ARRIVAL.match(str(i.evidence.get("trigger", "")))]
    crossings = [
        i
        for i in escapes
        if not _ARRIVAL.match(str(i.evidence.get("trigger", ""))) and i.date is not None and i.location is not None
    ]
    if len(arrivals) != 1 or len(crossings) != 1:
        return incidents
    arrival, crossing = arrivals[0], crossings[0]
    if (arrival.victims and crossing.victims and arrival.victims.count != crossing.victims.count) or (
        arrival.date is not None and crossing.date is not None and crossing.date.start > arrival.date.end
    ):
        return incidents
    return [i for i in incidents if i is not arrival]


def _date_ongoing(incidents: list[Incident], published: dt.date | None) -> list[Incident]:
    """An ongoing act without a time of its own runs from the act that began it to publication (D7)."""
    if published is None:
        return incidents
    out = list(incidents)
    for i, inc in enumerate(out):
        if not inc.evidence.get("ongoing") or inc.date is not None:
            continue
        since = inc.evidence.get("since")
        # "since her release": from the end of the custody; "since the crossing": from the flight
        kinds = ("arrest", "interrogation") if since == "release" else _SINCE_TYPES.get(str(since), ())
        kinds = kinds or _ONGOING_ANCHORS[inc.type]
        anchors = [a for a in out[:i][::-1] + out[i + 1 :] if a.type in kinds and a.date is not None]
        anchors = [a for a in anchors if a.date is not None and a.date.start <= published]
        # the act of the same people ("the family" of ten: the flight of the ten) before the nearest one
        anchors.sort(key=lambda a: not (inc.victims and a.victims and a.victims.count == inc.victims.count))
        if anchors:
            start = anchors[0].date.end if since == "release" else anchors[0].date.start  # type: ignore[union-attr]
            out[i] = inc.with_(date=DateRange(start, published))
    return out


def _date_manhunts(incidents: list[Incident], published: dt.date | None) -> list[Incident]:
    """D6: a manhunt runs from its start (else the flight that began it) to the capture, or to publication."""
    out = list(incidents)
    for k, inc in enumerate(out):
        if inc.type != "surveillance" or not _HUNT.search(str(inc.evidence.get("trigger", ""))):
            continue
        start = inc.date
        if start is None:
            flights = [a for a in incidents[:k] if a.type in ("disappearance", "escape") and a.date is not None]
            start = flights[-1].date if flights else None
        if start is None:
            continue
        captures = [
            a.date
            for a in incidents[k + 1 :]
            if a.type == "arrest"
            and a.date is not None
            and a.date.start >= start.start
            and (a.victims is None or inc.victims is None or a.victims.count == inc.victims.count)
        ]
        end = captures[0].start if captures else published
        if end is not None and end >= start.start:
            out[k] = inc.with_(date=DateRange(start.start, end))
    return out


def _date_bounded(incidents: list[Incident]) -> list[Incident]:
    """D2: questioning or ill-treatment with no time of its own, bounded by the arrest that began the case
    and the death, execution or sentence that ended it, runs from the one to the other."""
    out = list(incidents)
    ends = [i for i in incidents if i.type in ("killing", "execution", "sentence") and i.date is not None]
    for k, inc in enumerate(out):
        if (
            inc.type == "interrogation"
            and inc.date is not None
            and re.search(r"\b(?:days?|weeks?|months?)\s+of\b", str(inc.evidence.get("trigger", "")), re.I)
        ):
            # "after nearly a month of interrogation ... on April 2": from the arrest to that day
            began = [
                a.date
                for a in incidents[:k]
                if a.type in ("arrest", "repatriation") and a.date is not None and a.date.start <= inc.date.start
            ]
            if began:
                out[k] = inc.with_(date=DateRange(began[-1].start, inc.date.end))
            continue
        if inc.type not in ("interrogation", "abuse") or inc.date is not None or inc.evidence.get("ongoing"):
            continue
        starts = [
            a
            for a in incidents[:k][::-1] + incidents[k + 1 :]
            if a.type in ("arrest", "repatriation")
            and a.date is not None
            and (a.victims is None or inc.victims is None or a.victims.count >= inc.victims.count)
        ]
        if not starts:
            continue
        begin = starts[0].date
        later = [e.date for e in ends if e.date is not None and begin is not None and e.date.start >= begin.start]
        if begin is not None and later:
            out[k] = inc.with_(date=DateRange(begin.start, min(later, key=lambda r: r.start).end))
    return out


def _near_trigger(text: str, ref: PlaceRef, match: _Match, reach: int = 30) -> bool:
    """A place right after the trigger ("caught in China"), or before it in the same clause."""
    if ref.start >= match.end:
        return ref.start - match.end <= reach and not _STRONG_BREAK.search(text[match.end : ref.start])
    return match.start - ref.end <= 60 and not re.search(r"[,;:]|\bwhile\b", text[ref.end : match.start])


def _nearest(refs: list[PlaceRef], match: _Match) -> PlaceRef:
    def distance(r: PlaceRef) -> int:
        return r.start - match.end if r.start >= match.end else match.start - r.end + 5

    return min(refs, key=distance)


def _quoted(text: str, sent: Sentence) -> bool:
    """Whether the sentence is (inside) a quotation: the words of a source."""
    if sent.text.startswith(("“", '"')):
        return True
    para_start = text.rfind("\n", 0, sent.start) + 1
    before = text[para_start : sent.start]
    return before.count("“") > before.count("”")


def _between(a: PlaceRef, b: PlaceRef) -> str:
    first, second = (a, b) if a.start < b.start else (b, a)
    return _TEXT.get()[first.end : second.start] if _TEXT.get() is not None else ""


def _between_list(text: str, refs: list[PlaceRef], ref: PlaceRef) -> bool:
    """A place that continues a list of places ("in Tumen, Hunchun and Dandong")."""
    before = [r for r in refs if r.end <= ref.start]
    return bool(before) and bool(re.fullmatch(r"[\s,]*(?:and|or)?\s*(?:the\s+)?", text[before[-1].end : ref.start]))


def _shared(locs: list[Location]) -> Location:
    """The lowest level that several places share (D8)."""
    first = locs[0]
    if any(loc.country != first.country for loc in locs):
        return Location(first.country)
    if any(loc.admin1 != first.admin1 for loc in locs):
        return Location(first.country)
    if any(loc.admin2 != first.admin2 for loc in locs):
        return Location(first.country, first.admin1)
    if any(loc.place != first.place for loc in locs):
        return Location(first.country, first.admin1, first.admin2)
    return first


def _combine(refs: list[PlaceRef], match: _Match) -> Location:
    """The location named nearest the trigger, completed with the other places of the sentence."""

    def distance(r: PlaceRef) -> int:
        return r.start - match.end if r.start >= match.end else match.start - r.end

    best = min(refs, key=distance)
    loc = best.location
    siblings = [
        r
        for r in refs
        if r is not best
        and r.place is not None
        and best.place is not None
        and r.place.level == best.place.level
        and r.location.country == loc.country
        and re.fullmatch(r"[\s,]*(?:and|or)?\s*(?:the\s+)?", _between(r, best))
    ]
    if siblings:
        group = [best, *siblings]
        if len({r.location.admin1 for r in group}) > 1:
            return Location(loc.country)
        if len({r.location.admin2 for r in group}) > 1:
            return Location(loc.country, loc.admin1)
        if len({r.location.place for r in group}) > 1:
            return Location(loc.country, loc.admin1, loc.admin2)
    if best.place is not None and best.place.level == "admin1":
        # a finer place in that province named in the same sentence
        finer = [r for r in refs if r.location.admin1 == loc.admin1 and r.location.admin2 and r is not best]
        if finer:
            return finer[0].location
    if loc.admin1 is None and best.place is not None:
        # a river: its province from another place of the sentence
        other = [r for r in refs if r.location.admin1]
        if other:
            o = other[0].location
            return Location(o.country, o.admin1, o.admin2, None)
        return Location(loc.country, None, None, None)
    return loc


def _lead_retold(a: Incident, b: Incident, lead: int | None) -> bool:
    """The lead tells an act without its time; the body tells it again with it (one act told twice)."""
    if lead is None or a.type != b.type or a.type not in _LEAD_TYPES or (a.date is None) == (b.date is None):
        return False
    if a.date is not None and (a.type == "crackdown" or a.victims is None or b.victims is None):
        return False  # a dated lead retold without its time: only a counted act is safely the same
    if _ANOTHER.search(b.quote):
        return False  # "She also picked up a woman ...": a second act of the kind
    if a.evidence.get("paragraph") != lead or b.evidence.get("paragraph") == lead or (a.quote_start or 0) > 600:
        return False
    if a.perpetrator and b.perpetrator and a.perpetrator != b.perpetrator:
        return False
    if a.victims and b.victims and a.victims.count != b.victims.count:
        return False
    la, lb = a.location, b.location
    if la and lb and (la.country != lb.country or (la.admin1 and lb.admin1 and la.admin1 != lb.admin1)):
        return False
    return True


def _same_area(la: Location | None, lb: Location | None) -> bool:
    """Two locations that may name one place: one unknown or coarser, or both the same."""
    if la is None or lb is None:
        return True
    return la.country == lb.country and not (la.admin1 and lb.admin1 and la != lb)


def _compatible(a: Incident, b: Incident, lead: int | None = None) -> bool:
    if a.type != b.type:
        return False
    if _lead_retold(a, b, lead):
        return True
    if (
        a.type == "crackdown"
        and a.perpetrator == "state"
        and b.perpetrator not in (None, "state")
        and a.location == b.location
        and a.date is not None
        and b.date is not None
        and a.date.overlaps(b.date)
    ):
        return True  # D19: the lead's "authorities" and the organ the body names are one measure
    if (
        a.type == "official_punishment"
        and a.victims is not None
        and a.victims == b.victims
        and a.date == b.date
        and (a.perpetrator in (None, "state", b.perpetrator) or b.perpetrator in (None, "state"))
        and _same_area(a.location, b.location)
    ):
        return True  # the same officials, counted the same, told in the lead and again in the body
    if (
        a.perpetrator
        and b.perpetrator
        and a.perpetrator != b.perpetrator
        and not (a.evidence.get("perp_default") or b.evidence.get("perp_default"))
    ):
        return False
    if a.date and b.date and not a.date.overlaps(b.date):
        return False
    if (a.date is None) != (b.date is None) and a.type not in ("crackdown", "surveillance"):
        same_actor = (a.perpetrator is not None and a.perpetrator == b.perpetrator) or bool(
            a.evidence.get("perp_default") and b.perpetrator
        )
        if not (a.victims and b.victims and a.victims.count >= 2) and not (
            a.type in ("killing", "execution") and same_actor
        ):
            return False
    la, lb = a.location, b.location
    if la and lb and la.admin1 and lb.admin1 and la.admin1 != lb.admin1:
        return False
    if la and lb and la.country != lb.country:
        return False
    if a.victims and b.victims and a.victims.count != b.victims.count:
        return False
    if (
        a.reason
        and b.reason
        and a.reason != b.reason
        and a.evidence.get("reason_scope") == b.evidence.get("reason_scope") == 0
    ):
        return False
    if a.type == "official_punishment" and (a.victims is None) != (b.victims is None):
        return False
    if b.date is None and b.victims is None and a.type in ("escape", "disappearance", "killing", "execution"):
        return True
    if (
        a.type == "surveillance"
        and a.perpetrator == b.perpetrator
        and a.victims is not None
        and a.victims == b.victims
        and a.location == b.location
    ):
        return True  # one manhunt told twice
    if a.type in ("crackdown", "surveillance", "official_punishment", "bribery"):
        return a.date == b.date and (la is None or lb is None or la == lb)
    borrowed = a.evidence.get("date_borrowed") or b.evidence.get("date_borrowed")
    return (a.victims is not None and b.victims is not None) or (
        a.date is not None and a.date == b.date and not borrowed
    )


def _strictly_inside(a: DateRange | None, b: DateRange | None) -> bool:
    """Whether ``a`` is a strictly narrower time than ``b``: the fuller telling of the act."""
    return a is not None and b is not None and b.start <= a.start and a.end <= b.end and a != b


def _narrower(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    if a is None or b is None:
        return a or b
    return b if a.start <= b.start and b.end <= a.end else a


def _finer(a: Location | None, b: Location | None) -> Location | None:
    if a is None or b is None:
        return a or b
    rank = lambda loc: (loc.admin1 is not None) + (loc.admin2 is not None) + (loc.place is not None)  # noqa: E731
    if a.country == b.country and (a.admin1 is None or a.admin1 == b.admin1) and rank(b) > rank(a):
        return b
    return a


def _dedupe(incidents: list[Incident]) -> list[Incident]:
    """The same act told twice in one report is one incident: keep the first telling, fill its gaps."""
    out: list[Incident] = []
    lead = incidents[0].evidence.get("paragraph") if incidents else None
    for n, inc in enumerate(incidents):
        before = incidents[n - 1] if n else None
        if (
            inc.type == "crackdown"
            and inc.date is None
            and before is not None
            and before.type == "crackdown"
            and before.perpetrator == inc.perpetrator
            and before.quote_start != inc.quote_start
            and out
            and out[-1].type == "crackdown"
            and (inc.location is None or out[-1].location is None or inc.location.admin1 == out[-1].location.admin1)
        ):
            continue  # the next sentence describes the same measure further ("The teams ... check the permits")
        for i, prev in enumerate(out):
            if _lead_retold(prev, inc, lead):
                # the body tells the act in full: its telling, with the lead's gaps filled
                out[i] = inc.with_(
                    date=inc.date or prev.date,
                    victims=inc.victims or prev.victims,
                    perpetrator=inc.perpetrator or prev.perpetrator,
                    reason=inc.reason or prev.reason,
                    location=(
                        _finer(inc.location, prev.location)
                        if inc.location and inc.location.admin1
                        else inc.location or prev.location
                    ),
                )
                break
            if _compatible(prev, inc, lead):
                out[i] = prev.with_(
                    date=_narrower(prev.date, inc.date),
                    location=(
                        inc.location
                        if _strictly_inside(inc.date, prev.date)
                        and inc.location is not None
                        and prev.location is not None
                        and inc.location.country == prev.location.country
                        and inc.location.admin2
                        else _finer(prev.location, inc.location)
                    ),
                    victims=prev.victims or inc.victims,
                    perpetrator=(
                        inc.perpetrator
                        if (prev.evidence.get("perp_default") or prev.perpetrator == "state") and inc.perpetrator
                        else prev.perpetrator or inc.perpetrator
                    ),
                    reason=prev.reason or inc.reason,
                )
                break
        else:
            out.append(inc)
    return out


@lru_cache(maxsize=256)
def _clause_tail(window: str) -> str:
    """The last clause of ``window`` (the text before a trigger): after its last clause break. Asked for
    several times per trigger, by the filters, the victims and the actor: worked out once."""
    cut = 0
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.start() if m.group()[0].isalpha() else m.end()
    return window[cut:]
