"""Helpers for the web tests: a small Sillok database built through the store, and a client keeping cookies."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from sillok.merge.store import merge_into_store
from sillok.models import DateRange, Document, Incident, Location, Victims
from sillok.store import Store
from sillok.web.users import add_user

PASSWORD = "correct horse"

# Reports written for these tests (not published articles).
REPORT_1 = (
    "Security agents arrested five people in Hyesan on March 3 for making phone calls to China. "
    "They were later sent to a labour-training camp.\n"
    "Residents say the <script>alert('x')</script> market was quiet."
)
REPORT_2 = "국경경비대가 지난달 회령에서 탈북하려던 주민 2명을 체포했다. <img src=x onerror=alert(1)>"


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def build_db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_documents(
            [
                Document(
                    id="r1", text=REPORT_1, title="Arrests <b>in</b> Hyesan", language="en", url="https://example.org/a"
                ),
                Document(id="r2", text=REPORT_2, title="회령 체포", language="ko"),
            ]
        )
        q1 = "Security agents arrested five people in Hyesan on March 3 for making phone calls to China."
        store.save_extraction(
            1,
            "test-1",
            [
                Incident.from_dict(
                    {
                        "type": "arrest",
                        "date": {"start": "2021-03-03", "end": "2021-03-03"},
                        "location": {"country": "KP", "admin1": "Ryanggang", "admin2": "Hyesan", "place": None},
                        "victims": {"count": 5, "qualifier": "exact"},
                        "perpetrator": "mss",
                        "reason": "outside_contact",
                        "quote": q1,
                        "quote_span": [0, len(q1)],
                    }
                )
            ],
        )
        q2 = "국경경비대가 지난달 회령에서 탈북하려던 주민 2명을 체포했다."
        store.save_extraction(
            2,
            "test-1",
            [
                Incident.from_dict(
                    {
                        "type": "arrest",
                        "date": {"start": "2021-05-01", "end": "2021-05-31"},
                        "location": {"country": "KP", "admin1": "North Hamgyong", "admin2": "Hoeryong", "place": None},
                        "victims": {"count": 2, "qualifier": "exact"},
                        "perpetrator": "border_guard",
                        "reason": "defection",
                        "quote": q2,
                        "quote_span": [0, len(q2)],
                    }
                )
            ],
        )
        for name, role in (("vera", "viewer"), ("rita", "reviewer"), ("adam", "admin")):
            add_user(store.db, name, role, PASSWORD)
    return path


# Two more reports of the Hyesan arrest of REPORT_1 (one counts six people, not five; one also tells the
# sentence of the same five), written for these tests.
REPORT_3 = (
    "Five people in Hyesan were arrested by security agents on March 3 over phone calls to China, "
    "a source said. The five were later sentenced to labour training."
)
REPORT_4 = 'Six residents of "Hyesan" <em>were</em> arrested on March 3 for calling relatives in China, the MSS said.'
TITLE_3 = "Hyesan <script>alert('t')</script> arrests"
OUTLET_3 = "Outlet <i>B</i>"


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def build_events_db(path: Path) -> Path:
    """The database of :func:`build_db` with reports r3 and r4, merged into events:

    E0001 arrest in Hyesan, incidents 1 (r1), 3 (r3), 5 (r4): three sources, disagreeing on the victims (5 or 6);
    E0002 sentence, incident 4 (r3): the same case (C0001) as E0001; E0003 arrest in Hoeryong, incident 2 (r2).
    """
    build_db(path)
    hyesan = Location("KP", "Ryanggang", "Hyesan", None)
    march3 = DateRange.day(dt.date(2021, 3, 3))

    def incident(kind: str, text: str, quote: str, victims: int, perpetrator: str) -> Incident:
        start, end = _span(text, quote)
        return Incident(kind, quote, march3, hyesan, Victims(victims), perpetrator, "outside_contact", start, end)

    with Store.open(path) as store:
        store.add_documents(
            [
                Document("r3", REPORT_3, dt.date(2021, 3, 10), "en", title=TITLE_3, outlet=OUTLET_3),
                Document("r4", REPORT_4, dt.date(2021, 3, 12), "en", title="Six held in Hyesan", outlet="Outlet C"),
            ]
        )
        q3 = "Five people in Hyesan were arrested by security agents on March 3 over phone calls to China"
        store.save_extraction(
            3,
            "test-1",
            [
                incident("arrest", REPORT_3, q3, 5, "mss"),
                incident("sentence", REPORT_3, "The five were later sentenced to labour training.", 5, "judiciary"),
            ],
        )
        q4 = REPORT_4.split(", the MSS")[0]
        store.save_extraction(4, "test-1", [incident("arrest", REPORT_4, q4, 6, "mss")])
        merge_into_store(store.db)
    return path


class Client:
    """Datasette's ASGI client with cookies kept between requests and the CSRF token added to posts."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds
        self.cookies: dict[str, str] = {}

    async def get(self, path: str) -> Any:
        r = await self.ds.client.get(path, cookies=self.cookies)
        self._keep(r)
        return r

    async def post(self, path: str, data: dict[str, Any], csrf: bool = True) -> Any:
        if csrf:
            if "ds_csrftoken" not in self.cookies:
                await self.get("/-/sillok/login")
            data = {"csrftoken": self.cookies["ds_csrftoken"], **data}
        r = await self.ds.client.post(path, data=data, cookies=self.cookies)
        self._keep(r)
        return r

    def _keep(self, r: Any) -> None:
        for header in r.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0].strip('"')
            if value and "max-age=0" not in header.lower():
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)

    async def login(self, name: str, password: str = PASSWORD) -> Any:
        return await self.post("/-/sillok/login", {"username": name, "password": password, "next": "/"})


def revision_of(html: str) -> int:
    m = re.search(r'name="revision" value="(\d+)"', html)
    assert m, "no revision field on the page"
    return int(m.group(1))
