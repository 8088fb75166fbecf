"""End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Skips when Chromium or Playwright is missing, except under CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import PASSWORD, REPORT_1

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _need(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run; see scripts/install-browser.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def server(db_path: Path) -> Iterator[str]:
    yield from _serve(db_path)


@pytest.fixture
def events_server(events_db_path: Path) -> Iterator[str]:
    yield from _serve(events_db_path)


def _serve(db_path: Path) -> Iterator[str]:
    import uvicorn

    from sillok.web.app import make_datasette

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ds = make_datasette(db_path, secret="browser-test")
    srv = uvicorn.Server(uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _page(browser: object) -> object:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(15_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    return page


def _login(page: object, base: str, name: str) -> None:
    page.goto(base + "/sillok/incident_list")  # type: ignore[attr-defined]
    assert "/-/sillok/login" in page.url  # type: ignore[attr-defined]
    page.fill("input[name=username]", name)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url("**/sillok/incident_list")  # type: ignore[attr-defined]


def test_filter_open_edit_accept_and_see_the_audit(browser: object, server: str) -> None:
    page = _page(browser)
    _login(page, server, "rita")
    # filter with a facet: perpetrator = mss leaves the Hyesan arrest
    page.click(".facet-info[data-column=perpetrator] a:has-text('mss')")
    page.wait_for_url("**perpetrator=mss**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    page.click("table.rows-and-columns tbody tr td.col-id a")
    page.wait_for_url("**/-/sillok/incident/1")
    assert page.locator("mark#sillok-quote").inner_text().startswith("Security agents arrested five people")
    # edit: six victims, at least
    page.fill("#sillok-edit input[name=victims_count]", "6")
    page.select_option("#sillok-edit select[name=victims_qualifier]", "at_least")
    page.click("#sillok-edit button[type=submit]")
    page.wait_for_selector("text=Saved:")
    page.click("#sillok-accept button")
    page.wait_for_selector("text=Accepted.")
    history = page.locator("#sillok-history").inner_text()
    assert "victims_count" in history and "rita" in history and "accept" in history
    assert "6 (at_least)" in page.locator("table.sillok-fields").first.inner_text()
    assert page.dialogs == []  # the report's <script> never ran


def test_add_an_incident_by_selecting_its_quote(browser: object, server: str) -> None:
    page = _page(browser)
    _login(page, server, "rita")
    page.goto(server + "/-/sillok/document/1")
    wanted = "They were later sent to a labour-training camp."
    start = REPORT_1.index(wanted)
    page.evaluate(
        """([start, end]) => {
            const node = document.getElementById('sillok-report').firstChild;
            const range = document.createRange();
            range.setStart(node, start); range.setEnd(node, end);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            document.getElementById('sillok-report').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        [start, start + len(wanted)],
    )
    assert page.locator("#sillok-add .sillok-quote-preview").inner_text() == wanted
    page.select_option("#sillok-add select[name=type]", "sentence")
    page.fill("#sillok-add input[name=lookup]", "혜산")
    page.click("#sillok-add button[type=submit]")
    page.wait_for_selector("text=Incident added.")
    assert page.locator("mark#sillok-quote").inner_text() == wanted
    assert "Hyesan, Ryanggang, KP" in page.locator("table.sillok-fields").first.inner_text()
    assert page.dialogs == []


def test_map_and_timeline_draw_offline(browser: object, server: str) -> None:
    page = _page(browser)
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    _login(page, server, "vera")
    page.goto(server + "/-/sillok/map")
    page.wait_for_selector("#sillok-map[data-loaded='2']")
    assert page.locator("path.leaflet-interactive").count() >= 13 + 2
    page.goto(server + "/-/sillok/timeline")
    assert page.locator("svg.sillok-timeline rect").count() == 2
    assert failed == [] and all(u.startswith(server) for u in failed)


def test_open_an_event_split_an_incident_off_and_see_the_audit(browser: object, events_server: str) -> None:
    page = _page(browser)
    _login(page, events_server, "rita")
    page.click("header .sillok-links a:text-is('Events')")
    page.wait_for_url("**/-/sillok/events")
    page.click("tr[data-event=E0001] td.col-event a")
    page.wait_for_url("**/-/sillok/event/E0001")
    assert "6 (exact)" in page.locator("#sillok-disagreements").inner_text()
    assert page.locator("#sillok-members tbody tr").count() == 3
    page.check("#sillok-split input[name=incident][value='5']")
    page.click("#sillok-split button[type=submit]")
    page.wait_for_selector("text=Split incident 5 off into a new event, E0004.")
    assert page.locator("#sillok-members tbody tr").count() == 2
    history = page.locator("#sillok-event-history").inner_text()
    assert "rita" in history and "split incident 5 off event E0001 into new event E0004" in history
    page.click("#sillok-event-history a:text-is('E0004')")
    page.wait_for_url("**/-/sillok/event/E0004")
    assert page.locator("#sillok-members tbody tr[data-incident='5']").count() == 1
    page.click("#sillok-members a[href='/-/sillok/incident/5']")
    page.wait_for_url("**/-/sillok/incident/5")
    assert "split" in page.locator("#sillok-event-history").inner_text()
    assert page.locator("#sillok-event-link").inner_text() == "E0004"
    assert page.dialogs == []  # the report title's <script> never ran


def test_missing_browser_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _need(False, "no chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        _need(False, "no chromium")
    _need(True, "never shown")
