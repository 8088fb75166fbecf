"""The Korean extractor: Korean reports in, codebook incidents out.

One pass per document: kiwipiepy splits the text into sentences and morphemes once; triggers
(lexicon patterns on morphemes) propose acts; modality cues (negation, speculation, plans, habits,
trends, tallies, order contents) drop those the report does not state as having happened; then the
fields are read from the sentence (and, where the sentence is silent, from what the report said
before: the last date, the group, the source's province).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sillok.extract.ko.analyzer import KoreanAnalyzer, Sentence, Token
from sillok.extract.ko.counts import CountMention, find_counts
from sillok.extract.ko.lexicon import Lexicon, Trigger, load_lexicon
from sillok.extract.ko.timex import NATIVE_DAYS, TimeMention, find_times
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
from sillok.places import Gazetteer, Place, load_gazetteer
from sillok.settings import Settings

VERSION = "0.7.0"

#: Connective endings that close a clause.
CLAUSE_EC = frozenset(
    {
        "고",
        "며",
        "으며",
        "지만",
        "는데",
        "은데",
        "ᆫ데",
        "면서",
        "으면서",
        "자",
        "으나",
        "나",
        "는데도",
        "더니",
        "다고",
        "라고",
        "냐고",
    }
)
#: Lines that are not the body of the report.
SKIP_LINE = re.compile(r"^\s*(?:<?\s*관련\s*기사|\(끝\)|\[관련|※|ⓒ|Copyright|사진=|\(사진)")
REPORT_VERB = re.compile(r"^\s*(?:에\s*)?(?:“|\"|전했|전해|알려|말했|보도|밝혔|설명|덧붙|주장|통화|증언|에\s*따르면)")
SOURCE_BEFORE = re.compile(r"(?:소식통|매체|방송|관계자|당국자|주민|협력자)(?:들)?(?:은|이|는|가)?\s*$")
ONGOING = re.compile(r"고\s*있|[는ᆫ]\s*중(?:이|에)|지금|현재|아직|길어지|도맡")
DEFINITE = re.compile(
    r"가정집|의\s*집(?!들)|(?<![가-힣])[이그]\s*집(?!들)|"
    r"탈북자들|탈북민들|달아난\s*자|도주자|이들|그들|두\s*사람|세\s*사람|부부|일가족|가족|일행|청년들|형제|자매|그는|그녀|민\s*씨|[김이박최정]\s*씨"
)
SOURCE_RE = re.compile(
    r"\s*(?:의\s*)?(?:한\s*|또\s*다른\s*)?(?:주민\s*|간부\s*|내부\s*|무역\s*|군\s*)?(?:소식통|취재\s*협력자|협력자)"
)
FUGITIVE = re.compile(r"[‘'][^’']*(?:달아난|도주한|도망친|도주자|탈북자|탈북민)[^’']*[’']")
STORY_ANCHOR = re.compile(r"사건|이번\s*일|그\s*일")
PROCESS_ANCHOR = re.compile(r"(?:이|그)\s*과정에서|도중에?")
CAUSED = re.compile(r"이번\s*일로|이\s*일로|사건\s*(?:직후|이후|뒤)|^\s*이후|그\s*뒤로?|그\s*후")
DATELINE = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*|^\s*(?:앵커|기자|진행자)\s*:\s*"
)
NATIONAL = re.compile(r"국가보위성|사회안전성|중앙|북한\s*당국|북한은|북한이|김정은")
NOT_REFERENCE = frozenset(
    {
        "한편",
        "동시",
        "가운데",
        "중",
        "것",
        "수",
        "바",
        "듯",
        "사이",
        "와중",
        "때문",
        "끝",
        "뒤",
        "후",
        "적",
        "일",
        "사실",
        "사건",
    }
)
BORDER_DUTY = re.compile(r"경계근무|경계\s*강화|경계가|경계는|경비\s*강화|비상이\s*걸|특별경비")
PROVINCIAL = re.compile(
    r"(?<![가-힣])도(?:와\s*시)?\s*(?:보위부|보위국|안전부|안전국|검찰소|재판소|당위원회)(?!\s*(?:으로|로)(?![가-힣]))"
)
HABIT = re.compile(
    r"해마다|매년|매해|때마다|매번|수시로|관례|관행|일쑤|흔히|"
    r"(?<=[는ᆫ])\s+대로\s|(?:지적|주장|비판|증언|경고|강조)해\s*(?:왔|온)|"  # "붙잡는 대로", "지적해 왔다"
    r"난민이\s*아닌|(?:로|으로)\s*(?:여겨|간주해|간주하여)\s|"  # a state's policy: "난민이 아닌 불법 체류자로 여겨"
    r"몇\s*(?:달|해|년)\s*(?:사이|새)"  # a trend: "최근 몇 달 사이 ... 잇따라"
)
#: The provincial office, also as where people were sent to be questioned ("도 보위국으로 넘겨져 조사").
PROVINCIAL_OFFICE = re.compile(r"(?<![가-힣])도(?:와\s*시)?\s*(?:보위부|보위국|안전부|안전국|검찰소|재판소|당위원회)")
#: People handed to another office: "시 보위부로 넘겨져", "보위부 구류장으로 옮겨졌다".
HANDOVER_CUE = re.compile(r"넘겨|옮겨|이송|압송|송치|인계")
HANDOVER = re.compile(
    r"^(?:들)?\s*(?:구류장|집결소|조사실|예심과|예심국|감방|유치장|본부)?\s*(?:으로|로)\s*(?:넘겨|옮겨|이송|압송|송치|인계)"
)
#: People handed to or held at a provincial office: "도 보위부로 넘어갔고", "도 보위부 예심과 구류장에 갇혔다".
TO_PROVINCE = re.compile(
    r"(?<![가-힣])도\s*(?:보위부|보위국|안전부|안전국|보안국|검찰소)[^.,“”\"]{0,14}?"
    r"(?:넘어가|넘어갔|넘겨|옮겨|이송|압송|송치|인계|갇|수감|구류|구금)"
)
#: Acts done to people in custody, located at the office holding them.
CUSTODY_ACTS = frozenset({"interrogation", "abuse", "bribery"})
#: A purpose ("붙잡기 위해", "잡으려고") and agents sent somewhere for it ("중국에 요원들을 보냈다").
PURPOSE = re.compile(r"^(?:하|시키)?(?:기)?\s*(?:위해서?|위하여)\s|^(?:하|시키)?(?:으)?(?:려고|러)\s")
DISPATCH = re.compile(
    r"^\s*(?:에|으로|로)\s+(?:[가-힣]+\s+){0,3}?(?:[가-힣]*(?:요원|보위원|안전원|체포조|인원|성원|수사관)[가-힣]*\s+)?"
    r"(?:보내|보냈|파견|급파|투입|잠입)"
)
#: People named by an act told before ("조사를 마친 이들은", "체포된 사람들"): what is done to them next
#: is told of that group, where that act placed it, not of a member told of since.
NAMED_BY_ACT = re.compile(
    r"(조사|심문|취조|예심|체포|구류|구금)(?:을|를|가|이)?\s*(?:마친|받은|끝낸|끝난|당한|된|받던)\s*"
    r"(?:이들|사람들|자들|[가-힣]{0,3}민들|[가-힣]{0,3}자들)"
)
NAMED_BY_TYPE = {"조사": "interrogation", "심문": "interrogation", "취조": "interrogation", "예심": "interrogation"}
QUOTED = re.compile(r"[“\"‘'][^”\"’']*[”\"’']")
#: An act told as spread over a province: along the border ("국경 연선 마을마다"), in all its cities and
#: counties ("각 시·군 보위부에"), across it ("도 전역"). With no city or county of its own, it is at the
#: lowest level its places share: the province (codebook §3, "an act in several places").
WIDE = re.compile(
    r"국경\s*(?:연선|지역|일대|마을|부근|지대)|각\s*시\s*[·ㆍ,]?\s*군|(?<![가-힣])시\s*[·ㆍ]\s*군|"
    r"(?<![가-힣])도\s*(?:전역|전체|안의\s*모든)|도내\s*(?:모든|전체|전역)"
)
#: Verbs of reporting: "소식통은 ... 전한다" is not a general statement.
REPORTING = frozenset(
    {"전하", "말하", "밝히", "알리", "보도하", "설명하", "주장하", "덧붙이", "하", "증언하", "지적하"}
)
#: Where people were handed over: "투먼 세관을 통해", "신의주 해관에서".
HANDOVER_PLACE = re.compile(
    r"^\s*(?:세관|해관|통상구|구안|다리|대교|변방대|변방구류소)?\s*(?:을|를)\s*(?:통해|거쳐)|^\s*(?:세관|해관|통상구)"
)
#: People made to attend a public trial or execution (D20: reason null).
ATTENDANCE = re.compile(r"참가|참석|동원|불러\s*모|모이라|지켜보|지켜봐|불려\s*나|빠짐없이\s*나오|나오라")
PUBLIC_PUNISHMENT = re.compile(r"재판|처형|총살|현장")
#: Made to watch an execution told before: "처형 현장에는 … 불려 나와 이를 지켜봐야 했다".
WATCHED = re.compile(r"(?:처형|총살)\s*(?:현장|장소)|(?:이를|그\s*장면을|처형을|총살을)\s*(?:모두\s*)?지켜")
#: A trial named, and a span that runs until it or until a release.
TRIAL = re.compile(r"재판|판결")
UNTIL_TRIAL = re.compile(r"(?:재판|선고|판결)[^.,]{0,12}까지")
RELEASE = re.compile(r"풀려나|풀려난|석방")
#: A rule or law as the subject: "형법은 ... 다스리도록 하고 있다" (laws in general are not incidents).
LAW_SUBJECT = re.compile(r"(?:형법|헌법|법률|법령|규정|조항|(?<![가-힣])법)(?:은|는|에는|에서는|에\s*따르면|상)\s")
#: Phones as the means of another act ("손전화로 한국 드라마 영상을 주고받고") yield to what was shared.
DEVICE = re.compile(r"손전화|휴대전화|휴대폰")
NONHUMAN = frozenset({"전파", "신호", "물건", "증거", "단서", "위치", "윤곽", "꼬리", "물고기", "고기", "중심", "균형"})
#: Nouns after a nominal trigger that make it a name: "검열 과정에서", "검열 그루빠", "체포 직전".
NAMED_ACT = frozenset(
    {
        "뒤",
        "후",
        "과정",
        "도중",
        "결과",
        "당시",
        "직전",
        "전",
        "그루빠",
        "조",
        "단",
        "원",
        "요원",
        "이튿날",
        "다음날",
        "경위",
        "당일",
        "이후",
        "직후",
        "현장",
        "장소",
        "대부분",
        "건수",
        "사례",
        "기간",
    }
)
#: Acts told before that a later mention of a type names ("아들이 사라진 직후": the escape told before).
_TOLD_AS = {"disappearance": ("disappearance", "escape")}
#: Nouns after an adnominal clause that make it the time of another act: "봉쇄된 뒤", "풀려난 다음".
AFTER_NOUNS = frozenset({"뒤", "후", "이후", "다음", "무렵", "때", "당시", "즈음", "직후", "와중"})
#: A habit told by the sentence's predicate or adverb: "...풀려나곤 했다", "대개 ... 간다".
GENERAL = re.compile(
    r"곤\s*(?:했|한다|하였|합니다|하던|해\s*왔)|(?<![가-힣])(?:대개|대체로|일반적으로|통상적으로)(?![가-힣])|"
    r"평소(?:\s*같으면|\s*같았으면|\s*같았다면|라면|에는|엔)"  # "평소 같으면 벌금으로 끝날 일": what usually happens
)
#: The act named as a practice: "강을 건너게 해 주는 게 일상이 됐다", "보내지는 일도 흔했다".
PRACTICE = re.compile(
    r"^[^.]{0,25}?(?:는|ᆫ|은|던)\s*(?:일|것|게|건|경우)(?:은|도|이|가|는)?\s+[^.]{0,12}?"
    r"(?:일상|다반사|예사|비일비재|흔하|흔했|흔한|잦|빈번|부지기수|허다|관행|관례|일쑤)"
)
#: "요즘은 전화 한 통 하다가도 잡혀간다": a present-day generality.
NOWADAYS = re.compile(r"요즘|요새|요즈음|이제는|언제든|누구든|누구나|아무나")
#: People named by their arrival as the report's sources: "한국에 들어온 전직 노동자들의 증언".
SOURCE_PEOPLE = re.compile(
    r"^[^.,]{0,20}?(?:의\s*(?:증언|말|전언|설명|얘기|이야기)|에\s*따르면|(?:을|를)\s*통해|(?:을|를)\s*인용)"
)
#: "이렇게 붙잡힌 10여 명은": people named by an act the report has just told, with their total.
RECAP = re.compile(r"(?:이렇게|그렇게|이같이|이처럼|이와\s*같이|그같이|앞서|함께)\s*$")
#: A sentence set at the scene of the act told just before: "이 자리에서", "현장에서", "그 자리에서".
SAME_SCENE = re.compile(r"^\s*(?:이|그)\s*(?:자리|곳)에서(?:는|도)?\s|^\s*현장에서(?:는|도)?\s")
#: "같은 주에", "그 주에": the week of the act told before.
SAME_WEEK = re.compile(r"(?:같은|그|이)\s*주(?:에|말에|에도)")
#: "예심 기간에", "조사 도중": within the questioning told.
DURING_ACT = re.compile(r"(?:예심|조사|취조|심문)\s*(?:기간|도중|과정)(?:에|에서|중에?)?")
#: "넉 달 동안", "석 달 가까이", "40일 넘게": a span of questioning counted from the custody.
SPAN_OF = re.compile(
    r"(?P<n>\d+|한|두|석|세|넉|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?P<u>달|개월|일)\s*(?:동안|간|넘게|가까이|남짓|이상)"
    r"|(?P<w>보름|열흘|한\s*달|하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레)\s*(?:동안|간|넘게|가까이|남짓)"
)
_NATIVE_N = {
    "한": 1,
    "두": 2,
    "석": 3,
    "세": 3,
    "넉": 4,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
}
_NATIVE_SPAN = {**NATIVE_DAYS, "보름": 15, "한달": 30}
#: Acts done where the people were, whichever office did them: a provincial office's arrest in a city
#: is in that city (the questioning in its custody is the province's).
PEOPLE_TAKEN = frozenset({"arrest", "bribery"})
#: A sentence that gives the reason for the act told before it.
BECAUSE = re.compile(r"이유(?:였|이었|다|라고|로\s*알려)|때문(?:이었|였|이다|이라고)")
#: A sentence about the people just named: "이들은", "그들은", "이 사람들은".
RETOLD = re.compile(r"^\s*(?:이들|그들|이\s*사람들|이\s*일행|일행)(?:은|이)\s")
AGAIN = re.compile(r"다시|또다시|재차|또\s|이후|뒤에|후에|결국")
#: Acts on the people of a case, which take the case's charge when they give no reason (D31).
CASE_ACTS = frozenset({"arrest", "interrogation", "abuse", "sentence", "execution", "killing", "repatriation"})
#: "...가 나오면 그 자리에서", "전화 한 통 하다가도": what happens whenever a condition holds.
CONDITION = re.compile(r"(?:면|다가도|더라도|기만\s*해도|만\s*해도)\s+(?:[^\s]+\s+){0,3}$")
#: A measure that is one event (an order given, a meeting held), not a state that lasts ("강화됐다").
ONE_OFF = re.compile(r"지시했|지시를\s*내렸|포치했|포치를\s*내렸|통보했|열었|소집했|읽어\s*주었|강연했|모아\s*놓고")
#: "원산시에 사는", "만경대구역에 살던": where people live.
LIVED = re.compile(r"^\s*(?:에|에서)\s*(?:사는|살던|살고)")
#: Banishment: people put out of where they lived.
EXPELLED = re.compile(r"추방|쫓겨")
#: Items found in a search: the search belongs to the arrest it was part of (D30).
FOUND = re.compile(r"찾아내|찾아냈|찾아낸|발견|압수|빼앗")
HOME = re.compile(r"집\s*안|집을|집에|집까지|가택|살림집|방\s*안|세간")
#: "끌려간 뒤 소식이 끊겼다": no word from people in custody is the arrest, not a disappearance.
CUSTODY_SILENCE = re.compile(
    r"(?:체포|연행|구속|붙잡|잡혀|끌려|압송|북송|송환)[^.,]{0,12}?(?:뒤|후|이후|다음)(?:로|에|부터)?\s*(?:로\s*)?(?:[^\s]+\s+){0,2}(?:소식|연락)"
)
#: "아내도 이때 같이 붙잡혔다": people joined to an arrest told before.
JOINED = re.compile(r"(?:도|까지)\s+(?:[^\s]+\s+){0,2}(?:같이|함께)\s*(?:붙잡|체포|잡혀|잡히|연행|끌려)")
#: County- and city-level offices named without their place ("군 안전부", "시 보위부").
LOCAL_OFFICE = re.compile(
    r"(?<![가-힣])(?:군|시|구역)\s*(?:안전부|보위부|보안서|재판소|인민재판소|검찰소|당위원회|인민위원회)"
)
#: An order come down from a higher authority, and the border guard's duty: measures of the province
#: or the state, not of the city where the report's news happened.
FROM_ABOVE = re.compile(r"내려온|내려보낸|내려졌|내려왔|하달|중앙에서|위에서")
BORDER_GUARD = re.compile(r"국경\s*경[계비]|경비대|경계근무")
CHARGE = re.compile(r"혐의|죄로|죄목|죄를|이유로")
SOME = re.compile(r"(?:일부|상당수|대부분|많은\s*이들?|다수)(?:는|가|이|은|도|\s)")
CORRUPTION_CUE = re.compile(r"뇌물|뒷거래|뒷돈|묵인|봐주|직권남용|허위\s*보고")
#: "지난달 초부터 … 추적해 왔다": an act on definite people told from a start it names is going on, not a habit.
SINCE = re.compile(r"부터")
#: How often definite people are watched ("수시로 집에 들러"): the manner of a surveillance, not a habit.
#: Definite people watched: a named person, "그를", "이들", the family of the story (not "탈북자 가족들").
WATCHED_PEOPLE = re.compile(
    r"[가-힣]\s*씨|그를|그녀|그의|이들|일가족|부부|(?<!탈북자)(?<!탈북민)(?<!탈북자\s)(?<!탈북민\s)가족(?!들)"
)
FREQUENT = re.compile(r"수시로|매일|날마다|밤마다|하루에도\s*몇\s*(?:번|차례)|틈틈이|수시")
#: Head nouns that end an adnominal clause of cause: "돈을 쥐여 준 덕분에 건널 수 있었다".
CAUSE_HEADS = frozenset({"덕분", "때문", "탓", "덕", "바람"})
#: Things found in a home searched during or right after an arrest: part of the arrest (D30).
FOUND = re.compile(r"찾아내|찾아냈|찾아낸|발견|압수|나왔|나온|적발")
ARREST_WORD = re.compile(r"연행|체포|붙잡|잡아|끌고|끌려|구속|잡혀|검거")


_PlaceMention = tuple[tuple[int, int], Place]


@dataclass(slots=True)
class _Candidate:
    type: str
    trigger: Trigger
    first: int  # token index of the match start
    last: int  # token index of the match end (exclusive)
    voice: str
    start: int  # char offsets in the sentence text
    end: int


@dataclass(slots=True)
class _DocState:
    published: dt.date | None
    last_date: DateRange | None = None  # the date of the last dated act (or, before any, of the last date named)
    anchor_date: DateRange | None = None  # last_date as the current sentence began: what "사흘 뒤" counts from
    story_year: int | None = None  # the year of the last date named: "그해 11월"
    has_act_date: bool = False
    custody_count: Victims | None = None
    last_act_type: str | None = None
    last_act_sentence: int = -10
    story_start: DateRange | None = None  # the first date the report names: "이번 사건"
    last_count: Victims | None = None
    custody: DateRange | None = None  # the interval of the last arrest or return
    in_custody: bool = False
    provincial_custody: bool = False  # the people in custody were handed to, or are held by, a provincial office
    arrest_perpetrator: str | None = None
    missing: DateRange | None = None  # the last disappearance or escape, for a manhunt
    has_missing: bool = False
    last_reason: str | None = None
    case_charge: str | None = None  # the reason in the charge the report gives for the case (D31)
    last_location: Location | None = None
    source_location: Location | None = None
    lead_location: Location | None = None  # where the lead places the news: "양강도 갑산군에서 ..."
    # the last city or county named before sentence n: what "군 안전부" refers to (looked up on demand)
    named_place: Callable[[int], Location | None] | None = None
    corruption: bool = False
    trial: bool = False
    trial_date: DateRange | None = None  # the day the report gives for the trial
    body_start: int = 0  # the first sentence after the lead paragraph
    incidents: list[tuple[int, Incident]] = field(default_factory=list)  # (sentence number, incident)


@dataclass(slots=True)
class _Context:
    """What one sentence offers its triggers."""

    sent: Sentence
    times: list[TimeMention]
    counts: list[CountMention]
    agencies: list[tuple[int, int, str]]
    places: list[tuple[tuple[int, int], Place]]
    reasons: list[tuple[int, str]]
    boundaries: list[int]
    quotes: list[tuple[int, int]]  # “...” spans: a source's words
    n: int = 0
    cands: list[_Candidate] = field(default_factory=list)


class KoreanExtractor:
    """Codebook incidents from Korean reports."""

    language = "ko"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        self._lexicon: Lexicon | None = None
        self._analyzer: KoreanAnalyzer | None = None
        self._gazetteer: Gazetteer | None = None

    @property
    def version(self) -> str:
        return f"{VERSION}+lex{self.lexicon.version}"

    # -- resources, loaded on first use ---------------------------------------------------------
    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    @property
    def analyzer(self) -> KoreanAnalyzer:
        if self._analyzer is None:
            self._analyzer = KoreanAnalyzer(
                (w.partition("/")[0], w.partition("/")[2] or "NNP") for w in self.lexicon.user_words
            )
        return self._analyzer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def __getstate__(self) -> dict[str, object]:
        return {"settings": self.settings, "analyzer": self._analyzer}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.settings = state["settings"]  # type: ignore[assignment]
        self._analyzer = state["analyzer"]  # type: ignore[assignment]
        self._lexicon = None
        self._gazetteer = None

    # -- the document -------------------------------------------------------------------------
    def extract(self, doc: Document) -> list[Incident]:
        text = doc.text
        state = _DocState(published=doc.published or _url_month(doc.url))
        sentences = [s for s in self.analyzer.sentences(text) if not _skip_line(text, s)]
        cache: dict[int, list[tuple[tuple[int, int], Place]]] = {}

        def places(n: int) -> list[tuple[tuple[int, int], Place]]:
            if n not in cache:
                cache[n] = self._places(sentences[n])
            return cache[n]

        state.source_location = self._source_location(sentences, places)
        state.corruption = bool(CORRUPTION_CUE.search(text))
        state.trial = bool(re.search(r"재판|판결", text))
        paras = [text.count("\n\n", 0, s.start) if "\n\n" in text else text.count("\n", 0, s.start) for s in sentences]
        first_para = paras[0] if paras else 0
        state.body_start = next((i for i, p in enumerate(paras) if p != first_para), len(paras))
        state.lead_location = self._lead_location(sentences[: state.body_start], places)

        def named_place(n: int) -> Location | None:
            for k in range(n - 1, -1, -1):
                named = [p for (_s, _e), p in places(k) if p.country == "KP" and p.admin2 is not None]
                if named:
                    return self.gazetteer.location(named[-1])
            return None

        state.named_place = named_place
        for n, sent in enumerate(sentences):
            self._sentence(n, sent, places, state)
        lead = {n for n, p in enumerate(paras) if p == first_para} if len(set(paras)) > 1 else set()
        return _caught_abroad(_merge(state.incidents, lead))

    def _source_location(
        self, sentences: list[Sentence], places: Callable[[int], list[_PlaceMention]]
    ) -> Location | None:
        """'양강도 소식통', '혜산시의 한 주민 소식통': the source's province (and city)."""
        for n, sent in enumerate(sentences):
            if "소식통" not in sent.text and "협력자" not in sent.text:
                continue
            for (_s, e), place in places(n):
                if SOURCE_RE.match(sent.text[e : e + 14]) and place.country == "KP" and place.level != "country":
                    return self.gazetteer.location(place)
        return None

    def _lead_location(self, lead: list[Sentence], places: Callable[[int], list[_PlaceMention]]) -> Location | None:
        """'양강도 갑산군에서 ... 열렸다': the place where the lead tells the news happened."""
        for n, sent in enumerate(lead):
            for (_s, e), place in places(n):
                if place.country == "KP" and place.level != "country" and re.match(r"^\s*(?:에서|서)\s", sent.text[e:]):
                    return self.gazetteer.location(place)
        return None

    # -- one sentence ---------------------------------------------------------------------------
    def _sentence(self, n: int, sent: Sentence, places: Callable[[int], list[_PlaceMention]], state: _DocState) -> None:
        lex = self.lexicon
        tokens = sent.tokens
        state.anchor_date = state.last_date
        question = sent.text.rstrip('”" ').endswith("?")
        dateline = DATELINE.match(sent.text)
        skip_to = dateline.end() if dateline else 0
        orders = _order_spans(sent)

        def keep(pos: int) -> bool:
            return pos >= skip_to and not any(a <= pos < b for a, b in orders)

        question = question or _byline(sent.text)
        stream, offsets = _stream(tokens)
        raw: list[tuple[Trigger, int, int]] = []
        if not question:
            for trig in lex.triggers:
                if trig.requires is not None and not trig.requires.search(sent.text):
                    continue
                if trig.continues and state.in_custody:
                    continue
                for pattern in trig.patterns:
                    for m in pattern.finditer(stream):
                        first = bisect.bisect_right(offsets, m.start()) - 1
                        raw.append((trig, first, bisect.bisect_left(offsets, m.end())))
        ctx = _Context(
            sent=sent,
            times=[
                t
                for t in find_times(sent.text, state.published, state.story_year)
                if keep(t.start) and not _is_report_time(sent.text, t)
            ],
            counts=[c for c in find_counts(sent.text) if keep(c.start)],
            agencies=[a for a in self._agencies(sent.text) if a[0] >= skip_to] if raw else [],
            places=[p for p in places(n) if keep(p[0][0])] if raw else [],
            reasons=_reasons(lex, sent.text, skip_to),
            boundaries=_clause_ends(tokens),
            quotes=[(m.start(), m.end()) for m in re.finditer(r"[“\"][^”\"]*[”\"]?", sent.text)],
            n=n,
        )
        if state.story_start is None:
            dated = [t for t in ctx.times if t.kind == "date" and t.range is not None]
            if dated:
                state.story_start = dated[0].range
        if raw:
            tally = bool(lex.sentence_tally.search(sent.text))
            for trig, first, last in raw:
                cand = self._candidate(ctx, trig, first, last, orders, tally, state)
                if cand is not None:
                    ctx.cands.append(cand)
        if not state.in_custody and not any(c.type in ("arrest", "repatriation") for c in ctx.cands):
            ctx.cands = [c for c in ctx.cands if not c.trigger.needs_custody]  # questioning of people in custody
        if ctx.cands:
            ctx.cands = _resolve_types(ctx.cands, ctx.boundaries)
            measures = 0
            for cand in ctx.cands:
                for inc in self._incidents(ctx, cand, state):
                    if inc.type == "crackdown":
                        measures += 1
                        if measures > 1:
                            continue  # a manhunt with no definite target and a measure: one crackdown (D29)
                    self._record(n, inc, state)
        self._remember(ctx, state)

    def _record(self, n: int, inc: Incident, state: _DocState) -> None:
        if inc.evidence.get("joined"):
            # "그의 아내도 이때 같이 붙잡혔다": more people in the arrest told before
            for i in range(len(state.incidents) - 1, -1, -1):
                m, prev = state.incidents[i]
                if prev.type == "arrest" and prev.victims is not None:
                    add = inc.victims.count if inc.victims is not None else 1
                    victims = Victims(prev.victims.count + add, prev.victims.qualifier)
                    state.incidents[i] = (m, prev.with_(victims=victims))
                    if state.custody_count == prev.victims:
                        state.custody_count = victims
                    return
        if self._same_scene(n, inc, state):
            return
        if _decision_of(inc, state, self._agencies(inc.quote)):
            return
        if _retold(n, inc, state):
            return
        if inc.type == "crackdown" and inc.date is None and state.incidents:
            m, prev = state.incidents[-1]
            if m == n - 1 and prev.type == "crackdown" and prev.date is not None:
                inc = inc.with_(date=prev.date)  # the measure told on in the next sentence
        state.incidents.append((n, inc))
        if inc.date is not None:
            state.last_date = inc.date
            state.has_act_date = True
            state.last_act_type = inc.type
            state.last_act_sentence = n
        if inc.type in ("arrest", "repatriation"):
            state.in_custody = True
            state.provincial_custody = False
            if inc.date is not None:
                state.custody = inc.date
            if inc.victims is not None and (state.custody_count is None or inc.evidence.get("count", 0) == 2):
                state.custody_count = inc.victims
            if inc.type == "arrest" and inc.perpetrator:
                state.arrest_perpetrator = inc.perpetrator
        if inc.type in ("disappearance", "escape"):
            state.has_missing = True
            if inc.date is not None:
                state.missing = inc.date
        if inc.location is not None and inc.type != "repatriation" and inc.location.admin1:
            state.last_location = inc.location

    def _same_scene(self, n: int, inc: Incident, state: _DocState) -> bool:
        """ "이 자리에서 남녀 8명이 한꺼번에 끌려갔다": an act told at the scene of the act of the sentence
        before, of the same type, is that act; its figure replaces a count the act only inherited."""
        if not SAME_SCENE.match(inc.quote) or inc.date is not None or not state.incidents:
            return False
        m, prev = state.incidents[-1]
        if m != n - 1 or prev.type != inc.type:
            return False
        if inc.evidence.get("count", 0) == 2 and prev.evidence.get("count", 0) < 2:
            evidence = {**prev.evidence, "count": 2}
            state.incidents[-1] = (m, prev.with_(victims=inc.victims, evidence=evidence))
            if inc.type in ("arrest", "repatriation"):
                state.custody_count = inc.victims
        return True

    def _remember(self, ctx: _Context, state: _DocState) -> None:
        if state.in_custody and TO_PROVINCE.search(ctx.sent.text):
            state.provincial_custody = True
        if state.in_custody and HANDOVER_CUE.search(ctx.sent.text):
            # "온성군 보위부 구류장으로 옮겨졌다": the office now holding the people runs the case (D12, D33)
            for _a, a_end, code in self._agencies(ctx.sent.text):
                if HANDOVER.match(ctx.sent.text[a_end : a_end + 24]):
                    state.arrest_perpetrator = code
        dated = [t for t in ctx.times if t.kind == "date" and t.range is not None]
        if dated:
            state.story_year = dated[-1].range.start.year  # type: ignore[union-attr]
            if state.trial_date is None and TRIAL.search(ctx.sent.text):
                state.trial_date = dated[0].range
        if dated and not ctx.cands and not state.has_act_date:
            state.last_date = dated[-1].range
        got = [c for c in ctx.counts if c.victims is not None and not self._not_victims(ctx.sent.text, c)]
        if got:
            totals = [c for c in got if c.total]
            state.last_count = totals[0].victims if totals else _group_total(ctx.sent.text, got, 0, backward=False)
        if ctx.reasons:
            state.last_reason = ctx.reasons[0][1]
            if not ctx.cands and BECAUSE.search(ctx.sent.text) and state.incidents:
                # "아들이 한국으로 갔다는 것이 이유였다": the reason for the act just told
                m, prev = state.incidents[-1]
                if prev.reason is None and prev.type in TYPES_WITH_REASON and ctx.n - m <= 2:
                    state.incidents[-1] = (m, prev.with_(reason=ctx.reasons[0][1]))
            charged = _charge(ctx.sent.text, ctx.reasons)
            if charged is not None:
                state.case_charge = charged

    def _candidate(
        self,
        ctx: _Context,
        trig: Trigger,
        first: int,
        last: int,
        orders: list[tuple[int, int]],
        tally: bool,
        state: _DocState,
    ) -> _Candidate | None:
        lex = self.lexicon
        sent = ctx.sent
        tokens = sent.tokens
        base = sent.start
        start, end = tokens[first].start - base, tokens[last - 1].end - base
        if any(a <= start < b for a, b in orders):
            return None  # the wording of an order ('...하라'), not an act
        clause_end = next((b for b in ctx.boundaries if b >= last - 1), len(tokens) - 1)
        # a source's words quoted after the trigger ("총화를 열어 “...하지 못하다”고") are not its modality
        opening = next((i for i in range(last, clause_end + 1) if tokens[i].form in ("“", '"')), None)
        if opening is not None and opening > last:
            clause_end = opening - 1
        clause_end = _cause_head(tokens, last, clause_end)
        tail_tokens = tokens[last : clause_end + 1]
        tail_stream, _ = _stream(tail_tokens)
        skip = last
        while skip < len(tokens) and (tokens[skip].tag in ("XSV", "EP") or tokens[skip].form in ("되", "하", "당하")):
            skip += 1
        near_stream, _ = _stream(tokens[skip : skip + 3])
        tail_text = sent.text[end : tokens[clause_end].end - base] if clause_end >= last else ""
        clause_text = sent.text[start : tokens[clause_end].end - base]
        if re.match(r"^\s*(?:하|시키|되)?(?:라|으라)(?:는|고|’|'|$)", sent.text[end : end + 6]):
            return None  # an imperative: the content of an order
        ongoing = _ongoing_since(sent, start, trig.type)
        for group in (lex.negation, lex.speculation, lex.habit):
            if group is lex.habit and ongoing:
                continue
            if any(p.search(tail_stream) for p in group):
                return None
        if any(p.match(near_stream) for p in lex.intent):
            return None
        if _rule_present(tokens, last) and any(t.tag == "EC" and t.form in ("면", "으면") for t in tokens[:first]):
            return None  # "붙잡으면 북한 측에 넘긴다": a rule, not a report of an act
        habit_text = sent.text
        if trig.type == "surveillance" and WATCHED_PEOPLE.search(sent.text) and not _rule_present(tokens, last):
            # "보위원이 수시로 집에 들러": how often definite people are watched
            habit_text = FREQUENT.sub(lambda m: " " * len(m.group()), sent.text)
            tail_text = FREQUENT.sub(lambda m: " " * len(m.group()), tail_text)
        if lex.clause_words.search(tail_text) or HABIT.search(habit_text) or LAW_SUBJECT.search(sent.text):
            return None
        # "...하는 일은 오래된 관행이다": the act named as a practice
        practice = re.match(r"^[^.]{0,25}?(?:는|ᆫ|은|던)\s*(?:일|것)(?:은|도|이)", sent.text[end:])
        if practice and lex.clause_words.search(sent.text[end + practice.end() :]):
            return None
        if trig.forbids is not None and trig.forbids.search(clause_text):
            return None
        if trig.forbids_after is not None and trig.forbids_after.search(sent.text[end : end + 25]):
            return None
        if trig.forbids_before is not None and trig.forbids_before.search(
            sent.text[_clause_start_at(ctx, first) : start]
        ):
            return None
        if tally and trig.type not in ("crackdown", "official_punishment"):
            return None
        if lex.after_words.search(sent.text[end:]):
            return None  # "...처형됐다는 첩보가 있으나 확인되지 않았다": hearsay, not a stated act
        if self._background(ctx, trig.type, first, last, clause_end, state):
            return None
        nxt = tokens[last] if last < len(tokens) else None
        if nxt is not None and tokens[last - 1].tag.startswith("N") and (nxt.tag == "JKG" or nxt.form in NAMED_ACT):
            return None  # "봉쇄의 책임", "검열 과정에서": the act named as known
        if _adnominal(tokens, last) and any(0 <= a_start - end <= 4 for a_start, _e, _c in ctx.agencies):
            return None  # "잠복하던 기동순찰대에", "들이닥친 보위원들에게": the act describes the agent
        if _reference(tokens, last) and _generic_present(tokens):
            return None  # "새로 입국한 탈북민들은 ... 교육을 받는다": people named by an act, in a general statement
        if (
            _reference(tokens, last)
            and any(i.type == trig.type for _n, i in state.incidents)
            and not any(c.total for c in ctx.counts)
        ):
            return None  # "북송된 이들은": the act told before
        if trig.type == "surveillance" and _found_in_custody(sent.text, state):
            return None  # "집 안을 샅샅이 뒤져 … 찾아냈다" after the arrest: part of the arrest (D30)
        if (
            _adnominal(tokens, last)
            and RECAP.search(sent.text[max(0, start - 8) : start])
            and any(i.type == trig.type for _n, i in state.incidents)
        ):
            return None  # "이렇게 붙잡힌 10여 명은": the acts just told, summed up
        if trig.type == "arrest" and first > 0:
            prev = tokens[first - 1] if tokens[first - 1].tag.startswith("N") else tokens[max(0, first - 2)]
            if prev.form in NONHUMAN:
                return None  # "전파가 잡히자": a signal caught, not a person
        voice = trig.voice or _voice(tokens, last)
        if trig.needs_agent and not any(
            a_end <= start and re.match(r"^(?:들)?\s*(?:이|가|은|는|에서)", sent.text[a_end : a_end + 4])
            for _a, a_end, _c in ctx.agencies
        ):
            return None
        if self._not_an_act(ctx, trig, first, last, start, end, state):
            return None
        ttype = trig.type
        if trig.official and re.search(
            rf"(?:{lex.officials.pattern})(?:들)?\s*(?:을|를|에게|에\s*대한|전반|\d+\s*명|까지|마저)", sent.text
        ):
            ttype = trig.official
        return _Candidate(ttype, trig, first, last, voice, start, end)

    def _background(self, ctx: _Context, ttype: str, first: int, last: int, clause_end: int, state: _DocState) -> bool:
        """A trigger in an adnominal clause that only dates another act: "예심이 이어지던 9월 3일에는",
        "일가족이 사라진 지 사흘 만에", "국경이 봉쇄된 뒤" (an act told before, or a measure, D17)."""
        tokens = ctx.sent.tokens
        base = ctx.sent.start
        for i in range(last, min(clause_end + 1, last + 6, len(tokens))):
            t = tokens[i]
            if t.tag in ("EC", "EF", "SF", "SP"):
                return False
            if t.tag != "ETM":
                continue
            if i + 1 >= len(tokens):
                return False
            nxt = tokens[i + 1]
            if nxt.form == "지" and nxt.tag == "NNB":
                return True  # "사라진 지 사흘 만에"
            if any(tm.start == nxt.start - base for tm in ctx.times if tm.kind == "date"):
                return True  # "예심이 이어지던 9월 3일에는"
            if nxt.form in AFTER_NOUNS and nxt.tag.startswith("NN"):
                span = (_clause_start_at(ctx, first), tokens[first].start - base)
                own = any(span[0] <= tm.start < span[1] for tm in ctx.times if tm.kind == "date") or any(
                    span[0] <= c.start < span[1] and c.victims is not None for c in ctx.counts
                )
                told = any(inc.type in _TOLD_AS.get(ttype, (ttype,)) for _n, inc in state.incidents)
                # "아들이 사라진 직후": the flight told before as an escape, now the time of another act
                fled = ttype == "disappearance" and any(inc.type == "escape" for _n, inc in state.incidents)
                return not own and (ttype == "crackdown" or told or fled)
            return False
        return False

    def _not_an_act(
        self, ctx: _Context, trig: Trigger, first: int, last: int, start: int, end: int, state: _DocState
    ) -> bool:
        """Habits, practices, present-day generalities, sources described by their arrival, a search
        told with what it found once people are held (D30), and no word from people taken away."""
        text = ctx.sent.text
        tokens = ctx.sent.tokens
        # a habit in the sentence, unless it also tells a dated act ("지난 3일 체포된 김 씨는 ... 팔곤 했다")
        definite = any(t.kind == "date" and t.range is not None and _days(t.range) <= 31 for t in ctx.times)
        if (GENERAL.search(text) and not definite) or PRACTICE.match(text[end:]):
            return True
        # "요즘 보위부가 ... 돌린다": a measure going on, unless told as what follows a condition
        conditional = bool(CONDITION.search(text[max(0, start - 30) : start]))
        told_by = any(a < start for a, _e, _c in ctx.agencies) and not conditional
        if (
            _plain_present(tokens, last)
            and not told_by
            and (NOWADAYS.search(text) or any(a <= start < b for a, b in ctx.quotes))
        ):
            return True  # "요즘은 ... 잡혀간다", a quoted "...끌려간다": what happens, not what happened
        topic = last < len(tokens) and tokens[last].tag == "JX" and tokens[last].form in ("은", "는")
        if topic and tokens[last - 1].tag.startswith("N") and _plain_present(tokens, last + 1):
            return True  # "추방은 ... 두려운 처벌로 꼽힌다": the act as a topic of a general statement
        dated = any(t.kind == "date" for t in ctx.times)
        if trig.type == "escape" and _adnominal(tokens, last) and not dated and SOURCE_PEOPLE.match(text[end:]):
            return True
        if (
            trig.type == "surveillance"
            and state.in_custody
            and not dated
            and HOME.search(text[:end])
            and FOUND.search(text[end:])
        ):
            return True
        return trig.type == "disappearance" and bool(CUSTODY_SILENCE.search(text[: end + 8]))

    # -- fields ---------------------------------------------------------------------------------
    def _incidents(self, ctx: _Context, cand: _Candidate, state: _DocState) -> list[Incident]:
        sent = ctx.sent
        ttype = cand.type
        own = self._own(ctx, cand)
        times = [t for t in ctx.times if own(t.start, t.end)]
        counts = [
            c
            for c in ctx.counts
            if own(c.start, c.end, count=True)
            and (ttype == "official_punishment" or not self._not_victims(sent.text, c))
        ]
        # several dated groups before one trigger ("8월 30일 ... 9명이, 9월 25일에는 ... 1명이 ... 총살됐다")
        dated = [t for t in times if t.kind == "date" and t.range is not None and t.end <= cand.start]
        groups: list[tuple[int, int]] = [(0, len(sent.text))]
        if len(dated) >= 2 and ttype in ("execution", "killing", "arrest", "sentence", "escape"):
            cuts = [t.start for t in dated]
            if all(re.search(r"[,，]", sent.text[a:b]) for a, b in itertools.pairwise(cuts)):
                groups = [(cuts[i], cuts[i + 1] if i + 1 < len(cuts) else len(sent.text)) for i in range(len(cuts))]
        # a manhunt or a measure with no definite target is a crackdown; an order about fugitives a manhunt (D21)
        if ttype == "surveillance" and not self._definite(ctx, cand, counts) and not state.has_missing:
            ttype = "crackdown"
        elif ttype == "crackdown" and FUGITIVE.search(sent.text) and (state.has_missing or state.in_custody):
            ttype = "surveillance"
        out: list[Incident] = []
        for g_start, g_end in groups:

            def in_group(s: int, e: int, g_start: int = g_start, g_end: int = g_end) -> bool:
                return g_start <= s and (e <= g_end or s >= cand.end)

            date = self._date(ctx, cand, ttype, [t for t in times if in_group(t.start, t.end)], state)
            clause = (_clause_start_char(ctx, cand), _clause_end_char(ctx, cand))
            victims = None
            if ttype not in ("crackdown", "bribery") and not cand.trigger.apart:
                victims = self._victims(ctx, cand, [c for c in counts if in_group(c.start, c.end)], state)
                listed = _listed_people(sent.text)
                if listed is not None and (victims is None or victims.count < listed.count):
                    victims = listed
            if ttype == "surveillance" and victims is None and state.has_missing and not state.in_custody:
                victims = _hunted(state)  # a manhunt: the people who fled or went missing (D6)
            perpetrator = None if ttype in TYPES_WITHOUT_PERPETRATOR else self._perpetrator(ctx, cand, ttype, state)
            location, wide = self._location(ctx, cand, ttype, perpetrator, state)
            reason = None
            if ttype in TYPES_WITH_REASON:
                mine = [r for pos, r in ctx.reasons if pos >= g_start]
                charged = _charge(sent.text, [(pos, r) for pos, r in ctx.reasons if pos >= g_start])
                case = state.case_charge if ttype in CASE_ACTS else None  # the people charged, along their case
                reason = charged or (mine[0] if mine else (case or state.last_reason))
                if ttype == "official_punishment" and state.corruption and reason not in ("epidemic", "political"):
                    reason = "corruption"
                if ttype == "crackdown" and ATTENDANCE.search(sent.text) and PUBLIC_PUNISHMENT.search(sent.text):
                    reason = None  # ordered attendance at a trial or an execution (D20)
                if ttype == "crackdown" and not mine and BORDER_DUTY.search(sent.text):
                    reason = None  # border measures whose target is not stated (D20)
            if ttype == "crackdown" and WATCHED.search(sent.text):
                date, location = _punishment_watched(state, date, location)
            out.append(
                Incident(
                    type=ttype,
                    quote=sent.text,
                    date=date,
                    location=location,
                    victims=victims,
                    perpetrator=perpetrator,
                    reason=reason,
                    quote_start=sent.start,
                    quote_end=sent.end,
                    evidence={
                        "timed": any(t.kind in ("date", "anchor") and clause[0] <= t.start < clause[1] for t in times),
                        "trigger": sent.text[cand.start : cand.end],
                        "voice": cand.voice,
                        "count": _count_kind(victims, counts),
                        "joined": ttype == "arrest" and bool(JOINED.search(sent.text)),
                        "wide": wide,
                        "apart": cand.trigger.apart,
                    },
                )
            )
        return out

    def _own(self, ctx: _Context, cand: _Candidate):  # type: ignore[no-untyped-def]
        """Whether a mention at (s, e) belongs to this trigger: not when another act's trigger
        stands between them ("중국이 지난해 10월 돌려보낸 탈북민 가운데 ... 교화소 생활")."""
        tokens = ctx.sent.tokens
        others = [c for c in ctx.cands if c.type != cand.type and _adnominal(tokens, c.last)]

        text = ctx.sent.text

        def own(s: int, e: int, count: bool = False) -> bool:
            if e <= cand.start:
                # a count that is a subject is the head's, not the relative clause's: "주민 4명이 잠복하던 ..."
                subject = count and re.match(r"^\s*(?:이|가|은|는)(?![가-힣])", text[e : e + 3])
                reach = 12 if count else 20
                return not any(
                    e <= o.start < cand.start and o.end <= cand.start and o.start - e <= reach and not subject
                    for o in others
                )
            return True

        return own

    def _definite(self, ctx: _Context, cand: _Candidate, counts: list[CountMention]) -> bool:
        text = ctx.sent.text
        return bool(counts) or bool(DEFINITE.search(text))

    def _date(
        self, ctx: _Context, cand: _Candidate, ttype: str, times: list[TimeMention], state: _DocState
    ) -> DateRange | None:
        named = self._named_anchor(ctx, cand, ttype, times, state)
        if named is not None:
            return named
        text = ctx.sent.text
        clause_end = _clause_end_char(ctx, cand)
        before = [t for t in times if t.end <= cand.start]
        after = [t for t in times if t.start >= cand.end and t.end <= clause_end]
        # "이달 말까지 바치라고": a deadline is not the time of the act
        before = [t for t in before if not _deadline(text, t)]
        after = [t for t in after if not _deadline(text, t)]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None and chosen.kind == "vague":
            if not re.match(r"현재|지금", chosen.text):
                return None  # "요즘", "최근" with nothing else
            chosen = None  # "현재 ... 받고 있다": going on, dated by the act that began it (D7)
        if chosen is not None and chosen.kind == "anchor":
            # "이튿날 아침 ... 그날 하루 종일": anchors told one after another add up
            shift, i = 0, len(before) - 1 if before else -1
            while i >= 0 and before[i].kind == "anchor":
                shift += before[i].shift
                i -= 1
            if chosen not in before:
                shift = chosen.shift
            dated = [t for t in before if t.kind == "date" and t.range is not None]
            if dated and dated[-1].start < chosen.start:
                return dated[-1].range.shift(shift)  # type: ignore[union-attr]
            if STORY_ANCHOR.search(text[max(0, chosen.start - 8) : chosen.end]) and state.story_start is not None:
                return state.story_start.shift(shift)
            anchor = state.anchor_date
            if anchor is None:
                return None
            if ttype == "interrogation" and ONGOING.search(text[:clause_end]) and state.published is not None:
                return DateRange(anchor.start, max(anchor.end, state.published))  # questioning going on (D7)
            return anchor.shift(shift)
        if chosen is not None and chosen.kind == "date":
            return chosen.range
        bounded = self._bounded(ctx, cand, ttype, state)
        if bounded is not None:
            return bounded
        if PROCESS_ANCHOR.search(text[_clause_start_char(ctx, cand) : cand.start]) and state.last_date is not None:
            return state.last_date
        if state.published is None:
            return None
        around = text[:clause_end] if ttype not in ("surveillance", "crackdown") else text
        if ONGOING.search(around) or (
            ttype == "crackdown" and CAUSED.search(text[: cand.start]) and not _done_once(ctx, cand)
        ):
            if ttype == "interrogation":
                anchor = state.custody
            elif ttype == "surveillance":
                anchor = state.missing or state.last_date
            elif ttype == "crackdown" and CAUSED.search(text[: cand.start]):
                anchor = state.story_start or state.last_date
            elif ttype in ("crackdown", "abuse", "arrest"):
                anchor = state.last_date if ONGOING.search(around) else None
            else:
                anchor = None
            if anchor is not None and anchor.start <= state.published:
                return DateRange(anchor.start, state.published)
            return None
        # beaten while being taken, a search that ended in the capture: the arrest's day (D1)
        if (
            ttype in ("abuse", "surveillance")
            and state.last_act_type == "arrest"
            and ctx.n - state.last_act_sentence <= 3
            and re.search(r"끌고|끌려|붙잡|잡히|체포|찾아내|끝에|덮치|연행", text)
        ):
            return state.last_date
        return None

    def _named_anchor(
        self, ctx: _Context, cand: _Candidate, ttype: str, times: list[TimeMention], state: _DocState
    ) -> DateRange | None:
        """Times counted from an act the sentence names (D1, D2): "재판 당일/전날" (the trial's day),
        "같은 주에" (the week of the act before), "예심 기간에" (the questioning's span), "넉 달 동안
        예심을" (from the custody), "재판에 넘겨진 ... 받았다" (the verdict at the trial)."""
        text = ctx.sent.text
        head = text[: cand.start]
        before = [t for t in times if t.end <= cand.start]
        own = [t for t in before if t.kind == "date" and t.range is not None]
        last = before[-1] if before else None
        if last is not None and last.kind == "anchor" and state.trial_date is not None:
            if TRIAL.search(text[max(0, last.start - 6) : last.start]):
                return state.trial_date.shift(last.shift)  # "재판 당일", "재판 전날"
        if not own and SAME_WEEK.search(head) and state.anchor_date is not None:
            monday = state.anchor_date.start - dt.timedelta(days=state.anchor_date.start.weekday())
            return DateRange(monday, monday + dt.timedelta(days=6))
        during = DURING_ACT.search(head)
        if during and not own and ttype != "interrogation":
            for _n, inc in reversed(state.incidents):
                if inc.type == "interrogation" and inc.date is not None:
                    return inc.date  # "예심 기간에 ... 맞아": within the questioning told (D2)
        if ttype == "interrogation" and state.custody is not None:
            span = SPAN_OF.search(text[max(0, cand.start - 16) : cand.start])
            if span is not None:
                start = own[-1].range if own else state.custody
                assert start is not None
                if state.trial_date is not None and state.trial_date.start >= start.start:
                    return DateRange(start.start, state.trial_date.end)  # questioned until the trial
                return DateRange(start.start, _span_end(start.end, span))
        if ttype == "sentence" and not own and state.trial_date is not None and "재판" in text:
            return state.trial_date  # "함께 재판에 넘겨진 두 명은 ... 받았다": at the trial told
        return None

    def _bounded(self, ctx: _Context, cand: _Candidate, ttype: str, state: _DocState) -> DateRange | None:
        """An act with no time of its own that the report bounds on both sides (D2): the verdict of
        the trial it dated; questioning 'until the trial' or until a dated release."""
        text = ctx.sent.text
        if ttype == "sentence" and state.trial_date is not None and re.search(r"재판소|선고|판결", text):
            return state.trial_date
        if ttype not in ("interrogation", "abuse") or state.custody is None:
            return None
        end: DateRange | None = None
        if state.trial_date is not None and UNTIL_TRIAL.search(text):
            end = state.trial_date
        else:
            release = RELEASE.search(text)
            after = release.start() if release else len(text)
            later = [t for t in ctx.times if t.start > after and t.kind == "date" and t.range is not None]
            end = later[0].range if later else _death_in_custody(state)
        if end is None or end.end < state.custody.start:
            return None
        return DateRange(state.custody.start, end.end)

    def _victims(self, ctx: _Context, cand: _Candidate, counts: list[CountMention], state: _DocState) -> Victims | None:
        text = ctx.sent.text
        clause_end = _clause_end_char(ctx, cand)
        # "김 씨가 아내와 딸을 데리고": one named person leading a group is not the count
        counts = [
            c
            for c in counts
            if c.figure or not re.search(r"데리고|함께|일행|등\s", text[c.end : max(c.end, cand.start)])
        ]
        before = [c for c in counts if c.end <= cand.start]
        after = [c for c in counts if c.start >= cand.end and c.end <= clause_end]
        clause_start = _clause_start_char(ctx, cand)
        totals = [c for c in counts if c.total and c.victims and c.start >= cand.end] + [
            c for c in before if c.total and c.victims and c.start >= clause_start
        ]
        if totals:
            return totals[0].victims
        if SOME.search(text[: cand.start]):
            return None
        if before:
            real = [c for c in before if c.victims is not None]
            if not real:
                return None
            marked = [
                c for c in real if re.match(r"^\s*(?:이|가|은|는|을|를|도|만|씩|\)|이\s*모두)", text[c.end : c.end + 4])
            ]
            chosen = (marked or real)[-1]
            return _group_total(text, real, real.index(chosen), backward=True)
        if after:
            real = [c for c in after if c.victims is not None]
            return _group_total(text, real, 0, backward=False) if real and real[0] is after[0] else after[0].victims
        if cand.type in ("interrogation", "abuse", "sentence") and state.custody_count is not None:
            return state.custody_count
        if DEFINITE.search(text):
            return state.last_count
        if not _has_subject(ctx.sent, cand):
            return state.last_count
        return None

    def _not_victims(self, text: str, count: CountMention) -> bool:
        """'보위원 두 명씩', '한 주민의 신고', '한 간부 소식통': not the people acted on."""
        after = text[count.end : count.end + 6]
        if re.match(r"^\s*(?:의\s|소식통|씩)", after):
            return True
        if not count.figure:
            return False
        before = text[max(0, count.start - 10) : count.start]
        return any(m.end() == len(before.rstrip()) for m in self.lexicon.agency_re.finditer(before))

    def _agencies(self, text: str) -> list[tuple[int, int, str]]:
        lex = self.lexicon
        return [(m.start(), m.end(), lex.agency_code[m.lastgroup]) for m in lex.agency_re.finditer(text) if m.lastgroup]

    def _perpetrator(self, ctx: _Context, cand: _Candidate, ttype: str, state: _DocState) -> str | None:
        text = ctx.sent.text
        lex = self.lexicon
        own = self._own(ctx, cand)
        clause_start = _clause_start_char(ctx, cand)
        scored: list[tuple[int, int, str]] = []
        for a_start, a_end, code in ctx.agencies:
            after = text[a_end : a_end + 8]
            if a_start >= cand.end:
                continue
            official = lex.officials.match(after.lstrip())
            if official:
                rest = after.lstrip()[official.end() :]
                acting = cand.voice == "active" and re.match(r"^(?:들)?(?:이|가|은|는)", rest)
                if not acting:
                    continue  # officials of the unit as the people acted on
            if re.match(r"^\s*(?:소식통|출신)", after):
                continue  # a source
            if ttype == "repatriation" and _receiving(code, after):
                continue  # "북측 보위원들에게 넘겨졌다": the North's side receives; the handing state acts (D15)
            if re.match(r"^(?:들)?(?:과|와)\s*(?:함께|같이)", text[a_end : a_end + 10]) and any(
                a < a_start for a, _e, _c in ctx.agencies
            ):
                continue  # "그루빠 성원들이 안전원들과 함께": the office that goes along, not the actor
            topic = bool(re.match(r"^(?:들)?(?:은|는)", after))
            if not topic and not own(a_start, a_end):
                continue
            if re.match(r"^(?:들)?\s*(?:으로|로)(?!서)", after):
                if ttype not in ("interrogation",):
                    continue  # a destination: "도 보위국으로 넘겨졌다"
                rank = 4
            elif re.match(r"^\s*명의", after):
                rank = 0  # "사회안전성 명의의 포고문"
            elif re.match(r"^(?:들)?(?:에게|에게서|한테|에\s*의해|에|의)", after):
                rank = 0 if cand.voice in ("passive", "nominal") else 2
            elif re.match(r"^(?:들)?(?:이|가|은|는|에서|측은|측이)", after):
                rank = 0 if cand.voice == "active" else 1
            elif text[a_end : cand.start].strip() == "":
                rank = 0  # right before a nominal trigger: "안전부 조사"
            else:
                rank = 3
            if a_start < clause_start and not topic:
                rank += 2
            scored.append((rank, cand.start - a_end, code))
        if scored:
            scored.sort()
            return scored[0][2]
        if ttype == "repatriation" and re.search(r"중국|공안", text):
            return "china"
        if ttype == "repatriation" and re.search(r"러시아|베트남|라오스|태국|몽골|캄보디아", text):
            return "other"  # a return by another state (D15)
        if ttype == "repatriation" and state.arrest_perpetrator in ("china", "other"):
            return state.arrest_perpetrator  # the state that held them hands them over
        if ttype in ("interrogation", "abuse") and state.in_custody:
            return state.arrest_perpetrator  # the authority in charge of the case (D33)
        if ttype == "sentence" and state.trial:
            return "judiciary"
        if ttype == "execution" and re.search(r"재판|판결", text):
            return "judiciary"  # the authority that passed the death sentence (D13)
        return None

    def _places(self, sent: Sentence) -> list[tuple[tuple[int, int], Place]]:
        """Place mentions of the sentence (offsets in the sentence) that start a noun.

        An adapter over the gazetteer: its ``find(text, "ko")`` mentions, and proper nouns from the
        analyzer looked up one by one (Kiwi has already cut off the particles: 혜산에서 -> 혜산)."""
        starts = {t.start - sent.start: t for t in sent.tokens}
        found: dict[int, tuple[int, tuple[Place, ...]]] = {}
        ends = {t.end - sent.start for t in sent.tokens}
        for m in self.gazetteer.find(sent.text, "ko"):
            tok = starts.get(m.start)
            if tok is None:
                continue
            if not tok.tag.startswith(("NN", "SL", "SH", "XR")) and not (
                # "온성 강변": a strong name the analyzer split into a determiner and a noun (온/MM 성/NNG)
                tok.tag == "MM" and m.tier == "strong" and m.end in ends and m.end - m.start >= 2
            ):
                continue
            found[m.start] = (m.end, tuple(m.candidates))
        for tok in sent.tokens:
            s = tok.start - sent.start
            if s in found or tok.tag != "NNP" or len(tok.form) < 2:
                continue
            if any(a < s < b for a, (b, _c) in found.items()):
                continue
            cands = tuple(self.gazetteer.candidates(tok.form))
            if cands:
                found[s] = (s + len(tok.form), cands)
        sure = [c[0] for _e, c in found.values() if len(c) == 1]
        out: list[tuple[tuple[int, int], Place]] = []
        for s in sorted(found):
            e, cands = found[s]
            place = cands[0] if len(cands) == 1 else self.gazetteer.lookup(sent.text[s:e], sure)
            if place is not None:
                out.append(((s, e), place))
        return out

    def _location(
        self, ctx: _Context, cand: _Candidate, ttype: str, perpetrator: str | None, state: _DocState
    ) -> tuple[Location | None, bool]:
        """The act's location, and whether it is told as spread over its province (``WIDE``)."""
        loc = self._location_of(ctx, cand, ttype, perpetrator, state)
        c_start, c_end = _clause_start_char(ctx, cand), _clause_end_char(ctx, cand)
        clause = ctx.sent.text[c_start:c_end]
        # the clause and what leads up to it ("도 보위국은 각 시·군 보위부에 ‘...’고 지시했다"), not a quoted order
        upto = QUOTED.sub(lambda m: " " * len(m.group()), ctx.sent.text[:c_end])
        if loc is not None and loc.country == "KP" and loc.admin1 and WIDE.search(upto):
            named = any(
                s < c_end and p.country == "KP" and p.level not in ("country", "admin1") for (s, _e), p in ctx.places
            )
            src = state.source_location
            if not named and not (src is not None and src.admin2 and src.admin2 == loc.admin2):  # D34
                return Location(loc.country, loc.admin1, None, None), True
        provincial = PROVINCIAL_OFFICE if ttype == "interrogation" else PROVINCIAL
        if loc is not None and loc.admin2 and provincial.search(clause) and ttype not in PEOPLE_TAKEN:
            # the provincial office acts for the province (the seed's provincial MSS)
            return Location(loc.country, loc.admin1, None, None), False
        return loc, False

    def _sent_to(self, ctx: _Context, cand: _Candidate) -> Location | None:
        """'탈북자들을 붙잡기 위해 중국에 요원들을 보냈다': an act that is the purpose of sending agents
        somewhere happens where they were sent, not at the office that sent them."""
        text = ctx.sent.text
        purpose = PURPOSE.match(text[cand.end : cand.end + 12])
        if purpose is None:
            return None
        start = cand.end + purpose.end()
        for (p_start, p_end), place in ctx.places:
            if p_start < start or p_start - start > 20:
                continue
            if DISPATCH.match(text[p_end : p_end + 20]):
                if place.level == "country":
                    return Location(place.country, None, None, None)
                return self.gazetteer.location(place)
        return None

    def _location_of(
        self, ctx: _Context, cand: _Candidate, ttype: str, perpetrator: str | None, state: _DocState
    ) -> Location | None:
        text = ctx.sent.text
        lex = self.lexicon
        if ttype == "repatriation":
            for (_p_start, p_end), place in ctx.places:
                if place.country in ("CN", "RU") and HANDOVER_PLACE.match(text[p_end : p_end + 12]):
                    return self.gazetteer.location(place)  # where the people were handed over
            if perpetrator == "china" or re.search(r"중국", text):
                return Location("CN", None, None, None)
            if re.search(r"러시아", text):
                return Location("RU", None, None, None)
        if (
            ttype == "escape"
            and re.search(r"(?:한국|남한)(?:에|으로|행)", text)
            and re.search(r"입국|도착|들어오|들어왔|들어온|들어와", text)
        ) or (ttype == "escape" and re.search(r"북방한계선|NLL|해상분계선|군사분계선", text)):
            return Location("KR", None, None, None)  # a crossing by sea or of the MDL: where they arrived (D35)
        sent_to = self._sent_to(ctx, cand)
        if sent_to is not None:
            return sent_to
        in_quote = next(((a, b) for a, b in ctx.quotes if a <= cand.start < b), None)
        usable: list[tuple[int, int, Place]] = []
        countries: list[tuple[int, Place]] = []
        residence_from = len(text) + 1
        own_source: Location | None = None
        source_from = len(text) + 1
        for (p_start, p_end), place in reversed(ctx.places):
            after = text[p_end : p_end + 12]
            if place.admin1 is None and place.level == "place":
                continue  # a border river runs past several provinces
            if SOURCE_RE.match(after) or (p_end + 1 >= source_from and not text[p_end:source_from].strip()):
                if place.country == "KP" and place.level != "country" and own_source is None:
                    own_source = self.gazetteer.location(place)  # "자강도의 또 다른 소식통": this sentence's source
                source_from = p_start  # "황해남도 강령군의 한 주민 소식통": the whole name places the source
                continue
            if p_start < cand.start and re.search(r"(?:는지|었는지|했는지|있는지|ᆫ지)[,\s]", text[p_end : cand.start]):
                continue  # named in the content of a question ("중국에서 누구를 만나려 했는지 ... 물었다")
            if home_acts(ttype, text[cand.start : cand.end]) and LIVED.match(after):
                pass  # "원산시에 사는 부부가 ... 소식이 끊겼다", "...에 살던 부부가 쫓겨났다": from where they lived
            elif (
                lex.residence.match(after)
                or re.match(r"^(?:시|군)?\s*(?:청년|주민|출신)", after)
                or (p_end + 1 >= residence_from and not text[p_end:residence_from].strip())
            ):
                residence_from = p_start  # "평안남도 안주 출신": the whole name is a home
                continue
            if ttype != "escape" and lex.destination.match(after) and p_start < cand.start:
                continue
            if re.match(r"^\s*(?:을|를)", after):
                continue  # "평양을 떠난", "자강도 전체를 봉쇄": a place left, crossed or named as a whole
            if p_start >= cand.end and p_start > _clause_end_char(ctx, cand):
                continue
            quote = next(((a, b) for a, b in ctx.quotes if a <= p_start < b), None)
            if quote is not None and quote != in_quote:
                continue  # named in a source's words about something else
            if place.level == "country":
                if re.match(r"^\s*(?:에서|에)(?!게)", after) and (
                    place.country not in ("KR", "KP") or ttype == "escape"
                ):
                    countries.append((p_start, place))
                continue
            usable.append((p_start, p_end, place))
        usable.sort(key=lambda u: u[0])
        if usable:
            before = [u for u in usable if u[0] < cand.start]
            pick = before[-1] if before else usable[0]
            if home_acts(ttype, text[cand.start : cand.end]) and pick in before and pick[2].level == "admin1":
                # "평양 만경대구역에 살던 ... 평양에서 쫓겨났다": the home named more closely before
                closer = [u for u in before if u[2].admin1 == pick[2].admin1 and u[2].level != "admin1"]
                if closer:
                    pick = closer[-1]
            # "신의주와 온성의 집결소": an act told in several places, at their lowest shared level (D8)
            head = pick
            for u in reversed(before[:-1] if pick in before else []):
                if u[2].level == "admin1" and u[2].name == pick[2].admin1 and not text[u[1] : head[0]].strip():
                    head = u  # "함경북도 온성": the province named before its county
            joined = [u for u in before if re.fullmatch(r"\s*(?:와|과|,|및|·)\s*", text[u[1] : head[0]] or "x")]
            if joined and pick in before:
                other = joined[-1][2]
                if other.admin1 != pick[2].admin1:
                    return Location(pick[2].country, None, None, None) if other.country == pick[2].country else None
                return Location(pick[2].country, pick[2].admin1, None, None)
            return self.gazetteer.location(pick[2])
        if countries:
            return Location(countries[0][1].country, None, None, None)
        # "군 안전부", "시 보위부": the office of the city or county named before
        local = state.named_place(ctx.n) if state.named_place and LOCAL_OFFICE.search(text) else None
        if ttype == "crackdown":
            if NATIONAL.search(text[: cand.start]):
                return None
            # the lead that places the news in a city of the source's province places its measures there
            lead = state.lead_location
            src = own_source or state.source_location
            if (
                lead is not None
                and own_source is None  # "자강도의 또 다른 소식통은": this sentence's source places it
                and (src is None or (lead.admin1 == src.admin1 and not src.admin2))
                and not FROM_ABOVE.search(text)
                and not BORDER_GUARD.search(text)
            ):
                src = lead
            if local or src:
                return local or src
            last = state.last_location
            # a story abroad with no source placed: the measure is where the story is
            return last if last is not None and last.country != "KP" else None
        last = state.last_location
        named_by = NAMED_BY_ACT.search(text[: cand.start])
        if named_by is not None:
            told = NAMED_BY_TYPE.get(named_by.group(1), "arrest")
            group = next((i.location for _n, i in reversed(state.incidents) if i.type == told and i.location), None)
            if group is not None:
                return group
        if last is not None:
            if local is not None and last.admin2 is None and local.admin1 == last.admin1:
                return local
            if ttype in CUSTODY_ACTS and last.country == "KP" and last.admin2 and state.in_custody:
                handed = TO_PROVINCE.search(text[: cand.start])
                if state.provincial_custody or handed:
                    # the people are held by the provincial office: what is done to them there is the province's
                    return Location(last.country, last.admin1, None, None)
            return last
        return local or state.lead_location or state.source_location


# -- helpers -------------------------------------------------------------------------------------


def _reasons(lex: Lexicon, text: str, skip_to: int) -> list[tuple[int, str]]:
    """The reason cues of a sentence; a phone is only the means when what it carried is named."""
    found = [
        (m.start(), lex.reason_code[m.lastgroup], m.group())
        for m in lex.reasons.finditer(text)
        if m.lastgroup and m.start() >= skip_to
    ]
    media = any(code == "foreign_media" for _p, code, _w in found)
    return [(pos, code) for pos, code, word in found if not (media and DEVICE.fullmatch(word))]


def _stream(tokens: tuple[Token, ...] | list[Token]) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for t in tokens:
        piece = f"{t.form.replace(' ', '_')}/{t.tag} "
        offsets.append(pos)
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), offsets


def _clause_ends(tokens: tuple[Token, ...]) -> list[int]:
    """Token indexes that end a clause."""
    ends = []
    for i, t in enumerate(tokens):
        if t.tag == "EF" or t.tag == "SF" or t.tag == "JKQ" or (t.tag == "EC" and t.form in CLAUSE_EC):
            ends.append(i)
        elif t.tag == "SP" and i > 0 and tokens[i - 1].tag.startswith("E"):
            ends.append(i)
    return ends


def _order_spans(sent: Sentence) -> list[tuple[int, int]]:
    """Spans in single quotes (‘...’): the wording of an order, a charge or a slogan."""
    return [(m.start(), m.end()) for m in re.finditer(r"[‘'][^’']{2,200}[’']", sent.text)]


def _is_report_time(text: str, t: TimeMention) -> bool:
    """'소식통이 25일 전해왔다', '15일 통일부에 따르면': the day the source spoke."""
    if t.kind != "date" or not re.fullmatch(r"\d{1,2}\s*일", t.text.strip()):
        return False
    return bool(
        REPORT_VERB.match(text[t.end : t.end + 12]) or SOURCE_BEFORE.search(text[max(0, t.start - 12) : t.start])
    )


def _voice(tokens: tuple[Token, ...], last: int) -> str:
    nxt = tokens[last] if last < len(tokens) else None
    if nxt is None:
        return "nominal"
    if nxt.form in ("되", "당하", "받") or (
        nxt.tag.startswith("J") and last + 1 < len(tokens) and tokens[last + 1].form in ("받", "당하")
    ):
        return "passive"
    if nxt.form == "하" or tokens[last - 1].tag.startswith("V"):
        if tokens[last - 1].form.endswith(("히", "리", "기")) and tokens[last - 1].tag.startswith("V"):
            return "passive"
        return "active"
    return "nominal"


def _resolve_types(cands: list[_Candidate], boundaries: list[int]) -> list[_Candidate]:
    """One candidate per type in a sentence; the codebook's precedences between types."""
    apart = [c for c in cands if c.trigger.apart]
    if apart:
        # an inspection told as its own act (D27): kept beside the other act of its type; the same
        # word read as a measure is dropped
        cands = [c for c in cands if not c.trigger.apart and not any(c.start == a.start for a in apart)]
        return sorted(
            _resolve_types(cands, boundaries) + _resolve_types_plain(apart),
            key=lambda c: (c.start, SPECIFICITY[c.type]),
        )
    by_type: dict[str, _Candidate] = {}
    for c in sorted(cands, key=lambda c: c.start):
        if c.type == "crackdown" and c.type in by_type:
            by_type[c.type] = c  # the main predicate comes last
        by_type.setdefault(c.type, c)
    types = set(by_type)
    if "execution" in types:
        types -= {"sentence", "killing"}
    if "killing" in types and "arrest" in types and _same_clause(by_type["killing"], by_type["arrest"], boundaries):
        types.discard("arrest")
    if "escape" in types and types & {"arrest", "killing", "repatriation"}:
        e = by_type["escape"]
        if any(_same_clause(e, by_type[t], boundaries) for t in types & {"arrest", "killing", "repatriation"}):
            types.discard("escape")
    if "disappearance" in types and "escape" in types:
        types.discard("disappearance")
    if "surveillance" in types and "arrest" in types and by_type["surveillance"].start == by_type["arrest"].start:
        types.discard("surveillance")  # "순찰대가 덮쳤다" with people taken: the raid is the arrest (D30)
    if "surveillance" in types and "crackdown" in types and by_type["crackdown"].start >= by_type["surveillance"].start:
        types.discard("crackdown")  # "잡으려고 ... 동원했다": the means of the manhunt
    return sorted((by_type[t] for t in types), key=lambda c: (c.start, SPECIFICITY[c.type]))


def _resolve_types_plain(cands: list[_Candidate]) -> list[_Candidate]:
    """The first candidate of each type."""
    by_type: dict[str, _Candidate] = {}
    for c in sorted(cands, key=lambda c: c.start):
        by_type.setdefault(c.type, c)
    return list(by_type.values())


def _cause_head(tokens: tuple[Token, ...], last: int, clause_end: int) -> int:
    """The end of a trigger's clause, cut where an adnominal clause of cause ends ("돈을 쥐여 준 덕분에
    무사히 건널 수 있었다"): what follows is the consequence, not the modality of the act."""
    for i in range(last, min(clause_end, len(tokens) - 1)):
        if tokens[i].tag == "ETM" and tokens[i + 1].form in CAUSE_HEADS and tokens[i + 1].tag.startswith("NN"):
            return i
    return clause_end


def _ongoing_since(sent: Sentence, start: int, ttype: str) -> bool:
    """ "도 보위국은 지난달 초부터 최 씨의 통화를 엿들으며 … 추적해 왔다": an act on definite people told
    from a start the sentence names before it is going on (D7), not a habit ("~해 왔다" alone is one)."""
    before = sent.text[:start]
    return (
        ttype in ("surveillance", "interrogation", "abuse", "crackdown")
        and bool(SINCE.search(before))
        and bool(WATCHED_PEOPLE.search(sent.text))
    )


def _punishment_watched(
    state: _DocState, date: DateRange | None, location: Location | None
) -> tuple[DateRange | None, Location | None]:
    """People made to watch the execution told before ("처형 현장에는 … 불려 나와 이를 지켜봐야 했다"):
    the attendance is at that execution's time and place when the sentence gives none of its own."""
    for _n, inc in reversed(state.incidents):
        if inc.type == "execution":
            return date or inc.date, location if location is not None and location.admin1 else inc.location
    return date, location


def _rule_present(tokens: tuple[Token, ...], last: int) -> bool:
    """Whether the trigger is the sentence's own predicate in the plain present ("북한 측에 넘긴다",
    "감시한다"): with a condition or an adverb of frequency, what is done as a rule."""
    i = last
    while i < len(tokens) and (tokens[i].tag in ("XSV", "VX") or tokens[i].form in ("되", "하", "당하")):
        i += 1
    if i >= len(tokens) or tokens[i].tag != "EF" or tokens[i].form not in ("는다", "ᆫ다"):
        return False
    return not any(t.tag == "EF" for t in tokens[i + 1 :])


def _death_in_custody(state: _DocState) -> DateRange | None:
    """The date of a death in custody told before: what bounds the treatment of the detainee (D2, D26)."""
    for _n, inc in reversed(state.incidents):
        if inc.type == "killing" and inc.date is not None:
            return inc.date
    return None


def _hunted(state: _DocState) -> Victims | None:
    """The people of the last disappearance or escape told: whom a manhunt is for."""
    for _n, inc in reversed(state.incidents):
        if inc.type in ("disappearance", "escape"):
            return inc.victims
    return None


def _receiving(code: str, after: str) -> bool:
    """A North Korean office named as the one people were handed to ("보위원들에게", "보위부로")."""
    return code not in ("china", "other") and bool(re.match(r"^(?:들)?\s*(?:에게|에|한테|으로|로)(?![가-힣])", after))


def _found_in_custody(text: str, state: _DocState) -> bool:
    """A home searched and things found once the report has told of the arrest, in a sentence that does
    not tell the arrest itself ("수색하다 … 찾아내 … 연행했다" is a search before it, D3/D30)."""
    return (
        state.in_custody
        and bool(FOUND.search(text))
        and bool(re.search(r"집\s*안|집을|집에서|가택|살림집", text))
        and not ARREST_WORD.search(text)
    )


def _same_clause(a: _Candidate, b: _Candidate, boundaries: list[int]) -> bool:
    def clause(c: _Candidate) -> int:
        return bisect.bisect_left(boundaries, c.last - 1)

    return clause(a) == clause(b)


def _clause_end_char(ctx: _Context, cand: _Candidate) -> int:
    tokens = ctx.sent.tokens
    idx = next((b for b in ctx.boundaries if b >= cand.last - 1), len(tokens) - 1)
    return tokens[idx].end - ctx.sent.start


def _clause_start_char(ctx: _Context, cand: _Candidate) -> int:
    return _clause_start_at(ctx, cand.first)


def _clause_start_at(ctx: _Context, first: int) -> int:
    """The offset in the sentence of the clause that holds the token ``first``."""
    tokens = ctx.sent.tokens
    prev = [b for b in ctx.boundaries if b < first]
    return tokens[prev[-1] + 1].start - ctx.sent.start if prev and prev[-1] + 1 < len(tokens) else 0


def _skip_line(text: str, sent: Sentence) -> bool:
    """Related-article lines, end marks and the like: not the body of the report."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    return bool(SKIP_LINE.match(text[line_start : line_start + 20]))


def _byline(text: str) -> bool:
    return bool(re.fullmatch(r"[\s\S]{0,30}기자(?:가 보도합니다)?\.?", text.strip()))


def _adnominal(tokens: tuple[Token, ...], last: int) -> bool:
    """Whether the trigger ending at ``last`` ends in an adnominal form (a relative clause)."""
    for i in range(last, min(last + 3, len(tokens))):
        t = tokens[i]
        if t.tag == "ETM":
            return not (i + 1 < len(tokens) and tokens[i + 1].form in NOT_REFERENCE)
        if not (t.tag in ("XSV", "EP", "VX") or t.form in ("되", "하", "당하")):
            return False
    return False


def _reference(tokens: tuple[Token, ...], last: int) -> bool:
    """'북송된 이들은', '해임된 간부들': an adnominal form naming people or things by an act."""
    for i in range(last, min(last + 3, len(tokens))):
        t = tokens[i]
        if t.tag == "ETM" and t.form in ("ᆫ", "은", "는", "던"):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            return bool(nxt and nxt.tag.startswith(("NN", "NP")) and nxt.form not in NOT_REFERENCE)
        if t.tag.startswith(("J", "EC", "EF")):
            return False
    return False


def _deadline(text: str, t: TimeMention) -> bool:
    """'이달 말까지' (not '...부터 ...까지', one span): a deadline."""
    return text[t.end : t.end + 4].lstrip().startswith("까지") and "부터" not in t.text


def _generic_present(tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence ends in the plain present of a verb other than one of reporting
    ("받는다", "돌려보낸다"): a general statement, not a report of what happened."""
    ends = [i for i, t in enumerate(tokens) if t.tag == "EF"]
    if not ends:
        return False
    i = ends[-1]
    if tokens[i].form not in ("는다", "ᆫ다") or i == 0:
        return False
    verb = tokens[i - 1]
    return verb.tag.startswith(("VV", "XSV")) and verb.form not in REPORTING


def _done_once(ctx: _Context, cand: _Candidate) -> bool:
    """ "사건 이후 ... 인민반장들을 불러 모아 ... 신고하라고 지시했다": a measure told as done once, in the
    past, after the act that caused it: a lower bound only, no date (D2)."""
    tokens = ctx.sent.tokens
    ends = [i for i, t in enumerate(tokens) if t.tag == "EF" and i >= cand.last]
    if not ends:
        return False
    i = ends[0]
    past = tokens[i - 1].tag == "EP" and tokens[i - 1].form in ("었", "았", "였", "ᆻ")
    return past and bool(ONE_OFF.search(ctx.sent.text[cand.start :]))


def _plain_present(tokens: tuple[Token, ...], last: int) -> bool:
    """Whether the trigger's predicate ends, with no past tense, in the plain present ("잡혀간다")."""
    for t in tokens[last:]:
        if t.tag == "EP" or (t.tag == "EC" and t.form in CLAUSE_EC):
            return False
        if t.tag == "EF":
            return t.form in ("는다", "ᆫ다")
    return False


def _has_subject(sent: Sentence, cand: _Candidate) -> bool:
    """Whether the clause of the trigger names a subject or topic before it."""
    for t in sent.tokens:
        if t.start - sent.start >= cand.start:
            break
        if t.tag in ("JKS",) or (t.tag == "JX" and t.form in ("은", "는")):
            return True
    return False


def _url_month(url: str | None) -> dt.date | None:
    """A publication context from a URL with a year and month (codebook §3)."""
    if not url:
        return None
    m = re.search(r"(20\d\d)[/_-]?(0[1-9]|1[0-2])(?:[/_-]?([0-3]\d))?", url)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    day = int(m.group(3)) if m.group(3) and 1 <= int(m.group(3)) <= 31 else None
    try:
        return dt.date(year, month, day) if day else dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def _conflict(a: Incident, b: Incident, perpetrator: bool = True) -> bool:
    """Whether two incidents of a type disagree (``perpetrator=False``: a lead naming the first
    authority seen and the body the one that did the act are not a disagreement)."""
    if a.date and b.date and not a.date.overlaps(b.date):
        return True
    if a.victims and b.victims and a.victims.count != b.victims.count:
        return True
    if perpetrator and a.perpetrator and b.perpetrator and a.perpetrator != b.perpetrator:
        return True
    la, lb = a.location, b.location
    if (
        la
        and lb
        and (
            (la.admin2 and lb.admin2 and la.admin2 != lb.admin2) or (la.admin1 and lb.admin1 and la.admin1 != lb.admin1)
        )
    ):
        return True
    return bool(la and lb and la.country and lb.country and la.country != lb.country)


def _count_kind(victims: Victims | None, counts: list[CountMention]) -> int:
    """How the count was found: 2 a figure, 1 a person named, 0 inherited or none."""
    if victims is None:
        return 0
    if any(c.victims == victims and c.figure for c in counts):
        return 2
    return 1 if any(c.victims == victims for c in counts) else 0


def _better_victims(a: Incident, b: Incident) -> Victims | None:
    if a.victims is None or b.victims is None:
        return a.victims or b.victims
    return b.victims if b.evidence.get("count", 0) > a.evidence.get("count", 0) else a.victims


def _charge(text: str, reasons: list[tuple[int, str]]) -> str | None:
    """The reason named in the charge ("...팔았다는 혐의로", "...한 죄로"), which outranks other cues."""
    for m in CHARGE.finditer(text):
        start = max(m.start() - 40, 0)
        topics = [t.end() for t in re.finditer(r"(?<![다라])[은는]\s", text[start : m.start()])]
        if topics:
            start += topics[-1]  # the charge's own words begin after the topic ("조 씨는 ... 팔았다는 혐의로")
        named = [r for pos, r in reasons if start <= pos < m.start()]
        if named:
            return named[0]
    return None


#: What may stand between two counted parts of one group: "40대 부부와 중학생 두 딸", "박 씨와 그의 친구
#:두 명", "탈북민 10명과 이들을 안내하던 조선족 남성 1명".
GROUP_JOIN = re.compile(r"[와과]\s+(?:[^\s,.]{1,8}\s+){0,4}(?:[^\s,.]{1,8})?\s*")


def _group_total(text: str, counts: list[CountMention], index: int, backward: bool) -> Victims | None:
    """The count at ``index`` with the parts joined to it by 와/과 ("A와 B 두 명" = 1 + 2)."""
    chosen = counts[index].victims
    if chosen is None:
        return None
    total, qualifier = chosen.count, chosen.qualifier
    i = index
    step = -1 if backward else 1
    while 0 <= i + step < len(counts):
        a, b = (counts[i + step], counts[i]) if backward else (counts[i], counts[i + step])
        between = text[a.end : b.start]
        if a.victims is None or b.victims is None or not GROUP_JOIN.fullmatch(between):
            break
        if re.search(r"다[.,\s]|며\s|고\s|(?:은|는)\s", between):
            break  # a clause or a topic between them: not one noun phrase
        part = counts[i + step].victims
        assert part is not None
        total += part.count
        if part.qualifier != "exact":
            qualifier = part.qualifier
        i += step
    return Victims(total, qualifier) if total != chosen.count else chosen


#: A crossing told as going to China, not as reaching the South or a third country.
TO_CHINA = re.compile(r"중국|두만강|압록강|강을\s*건너|국경을\s*넘")
BEYOND_CHINA = re.compile(r"한국|남한|제3국|태국|라오스|베트남|몽골|귀순|입국")


def _caught_abroad(incidents: list[Incident]) -> list[Incident]:
    """D16: a crossing into China by people the report then tells were caught there or sent back
    is coded by that arrest or return, not as an escape (they were caught)."""
    out: list[Incident] = []
    for i, inc in enumerate(incidents):
        if (
            inc.type == "escape"
            and TO_CHINA.search(inc.quote)
            and not BEYOND_CHINA.search(inc.quote)
            and (inc.location is None or inc.location.country != "KR")
            and any(
                (
                    later.type == "repatriation"
                    or (later.type == "arrest" and (later.perpetrator == "china" or _in_china(later)))
                )
                and (later.date.start >= inc.date.start if inc.date is not None and later.date is not None else j > i)
                for j, later in enumerate(incidents)
                if j != i
            )
        ):
            continue
        out.append(inc)
    return out


def _in_china(inc: Incident) -> bool:
    return inc.location is not None and inc.location.country == "CN"


def _span_end(end: dt.date, span: re.Match[str]) -> dt.date:
    """The end of a span of months or days counted from ``end`` ("넉 달 동안" from Mar 31: Jul 31)."""
    if span.group("w"):
        return end + dt.timedelta(days=_NATIVE_SPAN[span.group("w").replace(" ", "")])
    n = int(span.group("n")) if span.group("n").isdigit() else _NATIVE_N[span.group("n")]
    if span.group("u") == "일":
        return end + dt.timedelta(days=n)
    year, month = divmod(end.month - 1 + n, 12)
    year, month = end.year + year, month + 1
    last_day = calendar.monthrange(year, month)[1]
    at_end = end.day == calendar.monthrange(end.year, end.month)[1]
    return dt.date(year, month, last_day if at_end else min(end.day, last_day))


#: One of several people each given something: "50대 남성에게 교화 15년, 40대 여성에게 교화 12년".
RECIPIENT = re.compile(
    r"(?:\d0대\s*)?(?:남성|여성|남자|여자|청년|노인|학생|주민)(?:\s*(?P<n>\d+|한|두|세|네)\s*명)?\s*에게"
    r"|(?<![가-힣])[가-힣]\s*(?:모\s*)?(?:\(\d+\)\s*)?씨에게"
)
#: "부부와 딸", "부부와 두 아들", "부부와 10대 자녀 두 명": a couple and their children.
FAMILY = re.compile(
    r"부부와\s*(?:\d+대\s*)?(?:(?P<pre>두|세|네)\s*)?(?:딸|아들|자녀|자식)(?:들)?(?:\s*(?P<post>\d+|두|세|네)\s*명)?"
)
#: "우리 세 사람은 다른 탈북민 열일곱 명과 함께": a counted group and the counted people with it.
WITH_OTHERS = re.compile(r"(?:다른|또\s*다른)\s*(?:[^\s,.]+\s+){0,2}?(?P<n>\S+)\s*(?:명|사람)(?:과|와)\s*함께")
_SMALL = {"한": 1, "두": 2, "세": 3, "네": 4}


def _listed_people(text: str) -> Victims | None:
    """People counted in pieces: parallel recipients, a couple and their children, a group 'with N others'."""
    got = list(RECIPIENT.finditer(text))
    if len(got) >= 2 and all("," in text[a.end() : b.start()] for a, b in itertools.pairwise(got)):
        total = 0
        for m in got:
            n = m.group("n")
            total += (int(n) if n.isdigit() else _SMALL[n]) if n else 1
        return Victims(total, "exact")
    family = FAMILY.search(text)
    if family is not None:
        n = family.group("pre") or family.group("post")
        return Victims(2 + ((int(n) if n.isdigit() else _SMALL[n]) if n else 1), "exact")
    others = WITH_OTHERS.search(text)
    if others is not None:
        counts = [c for c in find_counts(text) if c.victims is not None and c.victims.qualifier == "exact"]
        here = [c for c in counts if c.start >= others.start() and c.end <= others.end()]
        first = [c for c in counts if c.end <= others.start()]
        if here and first:
            return Victims(first[-1].victims.count + here[0].victims.count, "exact")  # type: ignore[union-attr]
    return None


def home_acts(ttype: str, trigger: str) -> bool:
    """Acts that happen where the people live: going missing, being banished from home."""
    return ttype == "disappearance" or bool(EXPELLED.search(trigger))


def _retold(n: int, inc: Incident, state: _DocState) -> bool:
    """ "이들은 ... 들이닥친 공안에 한꺼번에 연행된 것으로 전해졌다": the people of an act told just before,
    told again with how it happened and no time of their own, are that act."""
    if inc.date is not None or inc.evidence.get("timed") or not RETOLD.match(inc.quote) or AGAIN.search(inc.quote):
        return False
    return any(prev.type == inc.type and prev.date is not None and 0 < n - m <= 3 for m, prev in state.incidents)


def _decision_of(inc: Incident, state: _DocState, agencies: list[tuple[int, int, str]]) -> bool:
    """ "추방 결정은 평양시 안전국이 내렸다": the act told before, named as a decision, with who took it.
    The perpetrator goes to that act; no new incident."""
    trigger = str(inc.evidence.get("trigger") or "")
    named = re.match(
        rf"^\s*(?:이번\s*|이\s*|그\s*)?{re.escape(trigger)}\s*(?:결정|처분|조치|명령)(?:은|는)\s", inc.quote
    )
    if not trigger or named is None:
        return False
    by = next((code for a, _e, code in agencies if a >= named.end()), None) or inc.perpetrator
    for i in range(len(state.incidents) - 1, -1, -1):
        m, prev = state.incidents[i]
        if prev.type == inc.type:
            if by is not None:
                state.incidents[i] = (m, prev.with_(perpetrator=by))
            return True
    return False


def _days(rng: DateRange) -> int:
    return (rng.end - rng.start).days + 1


def _more(a: Location | None, b: Location | None) -> Location | None:
    """The more precise of two compatible locations."""
    if a is None or b is None:
        return a or b

    def depth(loc: Location) -> int:
        return sum(1 for v in (loc.country, loc.admin1, loc.admin2, loc.place) if v)

    return b if depth(b) > depth(a) else a


def _shared(a: Location | None, b: Location | None) -> Location | None:
    """The lowest level two compatible locations share: one act told as spread over a province and
    told again in one of its cities is at the province."""
    if a is None or b is None:
        return a or b
    if a.country != b.country:
        return a
    if a.admin1 != b.admin1:
        return Location(a.country, None, None, None)
    if a.admin2 != b.admin2:
        return Location(a.country, a.admin1, None, None)
    return a if a.place == b.place else Location(a.country, a.admin1, a.admin2, None)


def _merge(incidents: list[tuple[int, Incident]], lead: set[int] = frozenset()) -> list[Incident]:  # type: ignore[assignment]
    """The same act told twice in one report is one incident: merge compatible incidents of a type
    that agree on a date, a count, an actor or a county, that repeat the lead paragraph, or that are
    told in consecutive sentences by the same words."""
    out: list[tuple[int, Incident]] = []
    for n, inc in incidents:
        for i, (m, prev) in enumerate(out):
            if prev.type != inc.type or m == n:
                continue
            if bool(prev.evidence.get("apart")) != bool(inc.evidence.get("apart")):
                continue  # an inspection and the dismissals it produced are two acts (D27)
            dates = (
                prev.date is not None
                and inc.date is not None
                and prev.date.overlaps(inc.date)
                and (prev.date == inc.date or max(_days(prev.date), _days(inc.date)) <= 31)
            )
            la, lb = prev.location, inc.location
            from_lead = m in lead and n not in lead
            # a lead that names the first authority seen, with no time, and a body telling who did it
            loose = from_lead and prev.date is None and inc.date is not None
            # a lead's round total ("주민 10여 명이 붙잡혀") sums the parts the body tells one by one
            summed = bool(
                from_lead
                and prev.victims is not None
                and inc.victims is not None
                and prev.victims.qualifier != "exact"
                and prev.victims.count > inc.victims.count
                and inc.evidence.get("count", 0) == 2
            )
            told = inc.with_(victims=prev.victims) if summed else inc
            # "같은 주에 ...에서도 서너 명이": another group, counted apart, at another time in the span
            apart = (
                prev.evidence.get("count", 0) == 2
                and inc.evidence.get("count", 0) == 2
                and told.victims != prev.victims
                and prev.date != inc.date
            )
            if _conflict(prev, told, perpetrator=not loose) and (
                apart or not (dates and inc.type in ("repatriation", "arrest"))
            ):
                continue
            if prev.evidence.get("timed") and inc.evidence.get("timed") and not dates and not loose:
                continue  # each told with a time of its own that does not match: two acts
            same_words = prev.evidence.get("trigger") == inc.evidence.get("trigger")
            if inc.type == "crackdown":
                agree = from_lead or same_words
                if not agree:
                    continue
            agree = (
                dates
                or from_lead
                or (prev.victims is not None and inc.victims is not None)
                or (prev.perpetrator is not None and prev.perpetrator == inc.perpetrator and abs(n - m) <= 2)
                or bool(la and lb and la.admin2 and la.admin2 == lb.admin2)
                or (abs(n - m) == 1 and same_words)
            )
            if not agree:
                continue
            keep, other = (inc, prev) if from_lead else (prev, inc)
            out[i] = (
                n if from_lead else m,
                keep.with_(
                    date=keep.date or other.date,
                    location=(
                        _shared(keep.location, other.location)
                        if keep.evidence.get("wide") or other.evidence.get("wide")
                        else _more(keep.location, other.location)
                    ),
                    victims=inc.victims if summed else _better_victims(keep, other),
                    perpetrator=keep.perpetrator or other.perpetrator,
                    reason=keep.reason or other.reason,
                ),
            )
            break
        else:
            out.append((n, inc))
    return [inc for _n, inc in out]
