"""The Datasette plugin: log-in and roles, the incident page and its review forms, events (list, page,
split and join), map, timeline, users.

Active only in a Datasette built by :func:`sillok.web.app.make_datasette` (it sets the ``sillok``
plugin configuration); in any other Datasette these hooks do nothing.

Access: every page needs a log-in except the log-in page and static files, unless the
configuration says ``public_read`` (then anyone may read, and only writing needs a log-in).
``viewer`` reads, ``reviewer`` also reviews, ``admin`` also manages users and may run SQL.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any
from urllib.parse import parse_qs
from urllib.parse import quote as urlquote

from datasette import hookimpl
from datasette.utils.asgi import Request, Response
from markupsafe import Markup

from sillok.errors import ConflictError, NotFoundError, SillokError, ValidationError
from sillok.models import PERPETRATORS, QUALIFIERS, REASONS, TYPES
from sillok.store import review
from sillok.web import events, geo, timeline, users

PLUGIN = "sillok"
COOKIE = "sillok_session"
SESSION_SECONDS = 12 * 3600
READ_ACTIONS = frozenset({"view-instance", "view-database", "view-table", "view-query"})
HIDDEN_TABLES = frozenset({"users"})
PREFIX = "/-/sillok"


# -- configuration and actors ----------------------------------------------------------------------


def _config(datasette: Any) -> dict[str, Any] | None:
    """The plugin's configuration (read once per Datasette instance: resolving it is not cheap)."""
    try:
        return datasette._sillok_config  # type: ignore[no-any-return]
    except AttributeError:
        datasette._sillok_config = datasette.plugin_config(PLUGIN)
        return datasette._sillok_config  # type: ignore[no-any-return]


def _db_name(datasette: Any) -> str:
    cfg = _config(datasette) or {}
    return str(cfg.get("database") or next(iter(datasette.databases)))


def _role(actor: dict[str, Any] | None) -> str | None:
    if not actor or not actor.get("sillok"):
        return None
    return str(actor.get("role"))


@hookimpl
def actor_from_request(datasette: Any, request: Request) -> Callable[[], Awaitable[dict[str, Any] | None]] | None:
    if _config(datasette) is None:
        return None
    signed = request.cookies.get(COOKIE)
    if not signed:
        return None

    async def inner() -> dict[str, Any] | None:
        try:
            data = datasette.unsign(signed, "sillok-session")
        except Exception:  # a bad signature or a malformed cookie: no actor
            return None
        if not isinstance(data, dict) or float(data.get("e", 0)) < time.time():
            return None
        db = datasette.get_database(_db_name(datasette))
        try:
            user = await db.execute_fn(lambda conn: users.get_user(conn, str(data.get("u"))))
        except NotFoundError:
            return None
        return {"id": user.name, "role": user.role, "sillok": True}

    return inner


@hookimpl
def permission_allowed(datasette: Any, actor: dict[str, Any] | None, action: str, resource: Any) -> bool | None:
    cfg = _config(datasette)
    if cfg is None:
        return None
    role = _role(actor)
    if action == "view-table" and isinstance(resource, tuple) and resource[1] in HIDDEN_TABLES:
        return users.role_at_least(role, "admin")
    internal = resource[0] if isinstance(resource, tuple) else resource
    if action in READ_ACTIONS and internal == "_internal":  # Datasette's own schema catalogue
        return users.role_at_least(role, "admin")
    if action in READ_ACTIONS:
        return role is not None or bool(cfg.get("public_read"))
    if action == "sillok-review":
        return users.role_at_least(role, "reviewer")
    if action in ("sillok-admin", "execute-sql", "permissions-debug", "debug-menu"):
        return users.role_at_least(role, "admin")
    return False  # everything else Datasette could do (writes, downloads) is refused


@hookimpl
def forbidden(datasette: Any, request: Request, message: str) -> Response | None:
    if _config(datasette) is None or request.actor:
        return None
    return Response.redirect(f"{PREFIX}/login?next={urlquote(request.full_path, safe='')}")


_FTS_SPLIT = re.compile(r'\s+|(".*?")')


def prefix_fts(query: str) -> str:
    """A full-text query matching each word as a prefix (체포 finds 체포했다, arrest finds arrested);
    "quoted phrases" stay exact. Every word is quoted, so no input is an FTS syntax error."""
    if query.count('"') % 2:
        query += '"'
    bits = [b for b in _FTS_SPLIT.split(query) if b and b != '""']
    return " ".join(b if b.startswith('"') else '"{}"*'.format(b.replace('"', "")) for b in bits)


@hookimpl
def prepare_connection(conn: Any, database: str, datasette: Any) -> None:
    if _config(datasette) is not None and database == _db_name(datasette):
        # Datasette's search box runs escape_fts(:search); ours makes each word a prefix
        conn.create_function("escape_fts", 1, prefix_fts, deterministic=True)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA cache_size = -32000")  # 32 MB of pages per connection
        conn.execute("PRAGMA mmap_size = 268435456")  # read through a memory map (256 MB)


@hookimpl
def menu_links(datasette: Any, actor: dict[str, Any] | None, request: Request) -> list[dict[str, str]] | None:
    if _config(datasette) is None:
        return None
    return [{"href": href, "label": label} for href, label in _nav(datasette, actor)]


def _nav(datasette: Any, actor: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not actor and not (_config(datasette) or {}).get("public_read"):
        return [(f"{PREFIX}/login", "Log in")]
    db = _db_name(datasette)
    incidents = datasette.urls.table(db, "incident_list")
    links = [
        (incidents, "Incidents"),
        (incidents + "?status=machine&_sort=id", "To review"),
        (f"{PREFIX}/events", "Events"),
        (f"{PREFIX}/map", "Map"),
        (f"{PREFIX}/timeline", "Timeline"),
        (datasette.urls.table(db, "documents"), "Reports"),
    ]
    if users.role_at_least(_role(actor), "admin"):
        links.append((f"{PREFIX}/users", "Users"))
    links.append((f"{PREFIX}/logout", "Log out") if actor else (f"{PREFIX}/login", "Log in"))
    return links


@hookimpl
def extra_template_vars(datasette: Any, request: Request | None) -> dict[str, Any] | None:
    if _config(datasette) is None:
        return None
    actor = request.actor if request else None
    return {"sillok_nav": _nav(datasette, actor), "sillok_role": _role(actor)}


@hookimpl
def extra_css_urls(datasette: Any) -> list[str] | None:
    if _config(datasette) is None:
        return None
    return ["/sillok-static/sillok.css"]


#: (table, column) -> the page its values link to
_CELL_LINKS = {
    ("incident_list", "id"): "incident",
    ("incidents", "id"): "incident",
    ("documents", "id"): "document",
    ("events", "event_key"): "event",
    ("event_members", "event_key"): "event",
    ("event_members", "incident_id"): "incident",
    ("event_members", "document_id"): "document",
}


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Markup | None:
    page = _CELL_LINKS.get((table or "", column))
    if page is None or _config(datasette) is None or database != _db_name(datasette):
        return None
    if page == "event" and isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_-]+", value):
        return Markup('<a href="{}/event/{}">{}</a>').format(PREFIX, value, value)
    if page != "event" and isinstance(value, int):
        return Markup('<a href="{}/{}/{}">{}</a>').format(PREFIX, page, value, value)
    return None


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Callable[..., Awaitable[Response]]]]:
    p = PREFIX.replace("/", r"/").replace("-", r"\-")
    return [
        (rf"^{p}/login$", login),
        (rf"^{p}/logout$", logout),
        (rf"^{p}/incident/(?P<id>\d+)(?P<ext>\.json)?$", incident_page),
        (rf"^{p}/incident/(?P<id>\d+)/(?P<action>accept|edit|reject)$", incident_action),
        (rf"^{p}/document/(?P<id>\d+)(?P<ext>\.json)?$", document_page),
        (rf"^{p}/document/(?P<id>\d+)/add$", document_add),
        (rf"^{p}/events(?P<ext>\.json|\.csv)?$", events_page),
        (rf"^{p}/event/(?P<key>[A-Za-z0-9_-]+?)(?P<ext>\.json)?$", event_page),
        (rf"^{p}/event/(?P<key>[A-Za-z0-9_-]+)/(?P<action>split|join)$", event_action),
        (rf"^{p}/map$", map_page),
        (rf"^{p}/map\.(?P<fmt>json|csv)$", map_data),
        (rf"^{p}/provinces\.geojson$", provinces),
        (rf"^{p}/timeline(?P<ext>\.json|\.csv)?$", timeline_page),
        (rf"^{p}/users$", users_page),
    ]


# -- helpers ---------------------------------------------------------------------------------------


async def _render(
    datasette: Any, request: Request, template: str, context: dict[str, Any], status: int = 200
) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def _gate(datasette: Any, request: Request, action: str) -> Response | None:
    """None when the actor may do ``action``; else a redirect to log in, or a 403 page."""
    if _config(datasette) is None:
        return Response.text("Sillok is not configured in this Datasette", status=404)
    if await datasette.permission_allowed(request.actor, action, default=False):
        return None
    if not request.actor:
        return Response.redirect(f"{PREFIX}/login?next={urlquote(request.full_path, safe='')}")
    return await _render(
        datasette,
        request,
        "sillok_message.html",
        {"title": "Not allowed", "message": f"Your role ({_role(request.actor)}) may not do this."},
        403,
    )


async def _read(datasette: Any, fn: Callable[[Any], Any]) -> Any:
    return await datasette.get_database(_db_name(datasette)).execute_fn(fn)


async def _write(datasette: Any, fn: Callable[[Any], Any]) -> Any:
    """Run ``fn`` on the write connection; Sillok's errors come back raised, not logged."""

    def guarded(conn: Any) -> Any:
        try:
            result = fn(conn)
        except SillokError as e:
            if conn.in_transaction:
                conn.rollback()
            return e
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        if conn.in_transaction:
            conn.commit()
        return result

    result = await datasette.get_database(_db_name(datasette)).execute_write_fn(guarded, block=True)
    if isinstance(result, SillokError):
        raise result
    return result


def _int(value: str | None, what: str) -> int:
    try:
        return int(value or "")
    except ValueError as e:
        raise ValidationError(f"{what} {value!r} is not a whole number") from e


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _choices() -> dict[str, tuple[str, ...]]:
    return {"types": TYPES, "perpetrators": PERPETRATORS, "reasons": REASONS, "qualifiers": QUALIFIERS}


# -- log-in ----------------------------------------------------------------------------------------


async def login(datasette: Any, request: Request) -> Response:
    if _config(datasette) is None:
        return Response.text("Sillok is not configured in this Datasette", status=404)
    nxt = _safe_next(request.args.get("next"))
    if request.method == "POST":
        form = await request.post_vars()
        nxt = _safe_next(form.get("next"))
        name, password = form.get("username", ""), form.get("password", "")
        user = await _read(datasette, lambda conn: users.authenticate(conn, name, password))
        if user is None:
            ctx = {"error": "Wrong user name or password.", "next": nxt, "username": name}
            return await _render(datasette, request, "sillok_login.html", ctx, 401)
        response = Response.redirect(nxt)
        token = datasette.sign({"u": user.name, "e": int(time.time()) + SESSION_SECONDS}, "sillok-session")
        response.set_cookie(COOKIE, token, httponly=True, samesite="lax", max_age=SESSION_SECONDS)
        return response
    return await _render(datasette, request, "sillok_login.html", {"next": nxt, "error": None, "username": ""})


async def logout(datasette: Any, request: Request) -> Response:
    if request.method == "POST":
        response = Response.redirect(f"{PREFIX}/login")
        response.set_cookie(COOKIE, "", expires=0, max_age=0, httponly=True, samesite="lax")
        return response
    return await _render(datasette, request, "sillok_logout.html", {})


# -- incident and report pages ---------------------------------------------------------------------


def _highlight(text: str, start: int | None, end: int | None, quote: str) -> tuple[str, str, str] | None:
    """(before, quote, after) of the report text; the three parts are escaped separately by the template."""
    if start is None or end is None or text[start:end] != quote:
        start = text.find(quote) if quote else -1
        if start < 0:
            return None
        end = start + len(quote)
    return text[:start], text[start:end], text[end:]


def _incident_context(conn: Any, incident_id: int) -> dict[str, Any]:
    inc = review.get_incident(conn, incident_id)
    doc = review.get_document(conn, inc.document_id)
    others = [i for i in review.document_incidents(conn, inc.document_id) if i.id != inc.id]
    return {
        "inc": inc,
        "doc": doc,
        "parts": _highlight(doc.text, inc.quote_start, inc.quote_end, inc.quote),
        "others": others,
        "same_event": review.same_event_incidents(conn, incident_id),
        "event_key": events.event_key_of(conn, incident_id),
        "history": review.history(conn, incident_id),
        "event_history": events.decisions(conn, [incident_id]),
        "next_to_review": conn.execute(
            "SELECT MIN(id) FROM incidents WHERE status = 'machine' AND id > ?", (incident_id,)
        ).fetchone()[0],
        "machine_original": json.dumps(json.loads(inc.machine_original), ensure_ascii=False, indent=1)
        if inc.machine_original
        else None,
    }


def _incident_json(ctx: dict[str, Any]) -> dict[str, Any]:
    inc = ctx["inc"]
    out = inc.to_dict()
    out.update(
        {
            "status_reason": inc.status_reason,
            "origin": inc.origin,
            "revision": inc.revision,
            "machine_original": json.loads(inc.machine_original) if inc.machine_original else None,
            "event": ctx["event_key"],
            "same_event": [i.id for i in ctx["same_event"]],
            "same_report": [i.id for i in ctx["others"]],
            "history": [asdict(h) for h in ctx["history"]],
            "event_history": [d.to_dict() for d in ctx["event_history"]],
        }
    )
    return out


async def _show_incident(
    datasette: Any,
    request: Request,
    incident_id: int,
    error: str | None = None,
    status: int = 200,
    form: dict[str, str] | None = None,
) -> Response:
    try:
        ctx = await _read(datasette, lambda conn: _incident_context(conn, incident_id))
    except NotFoundError as e:
        return await _render(datasette, request, "sillok_message.html", {"title": "Not found", "message": str(e)}, 404)
    ctx.update(_choices())
    ctx.update(
        {
            "error": error,
            "form": form,
            "db_name": _db_name(datasette),
            "can_review": await datasette.permission_allowed(request.actor, "sillok-review", default=False),
            "report_json": Markup(_script_json(ctx["doc"].text)),
        }
    )
    return await _render(datasette, request, "sillok_incident.html", ctx, status)


def _script_json(text: str) -> str:
    """JSON safe to put inside a <script> element."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


async def incident_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    incident_id = int(request.url_vars["id"])
    if request.url_vars.get("ext") == ".json":
        try:
            ctx = await _read(datasette, lambda conn: _incident_context(conn, incident_id))
        except NotFoundError as e:
            return Response.json({"error": str(e)}, status=404)
        return Response.json(_incident_json(ctx), default=str)
    return await _show_incident(datasette, request, incident_id)


async def incident_action(datasette: Any, request: Request) -> Response:
    if request.method != "POST":
        return Response.text("POST only", status=405)
    if (denied := await _gate(datasette, request, "sillok-review")) is not None:
        return denied
    incident_id = int(request.url_vars["id"])
    action = request.url_vars["action"]
    form = await request.post_vars()
    user = request.actor["id"]
    try:
        revision = _int(form.get("revision"), "revision")
        if action == "accept":
            await _write(datasette, lambda conn: review.accept(conn, incident_id, revision, user))
            message = "Accepted."
        elif action == "reject":
            reason = form.get("status_reason", "")
            await _write(datasette, lambda conn: review.reject(conn, incident_id, revision, user, reason))
            message = "Rejected."
        else:
            changes = review.IncidentEdit.from_form(form)
            result = await _write(datasette, lambda conn: review.edit(conn, incident_id, revision, user, changes))
            message = f"Saved: {', '.join(result.changed)}." if result.changed else "Nothing changed."
    except ConflictError as e:
        return await _show_incident(datasette, request, incident_id, f"{e} {e.hint or ''}", 409, dict(form))
    except NotFoundError as e:
        return await _render(datasette, request, "sillok_message.html", {"title": "Not found", "message": str(e)}, 404)
    except ValidationError as e:
        msg = f"Not saved: {e}" + (f" ({e.hint})" if e.hint else "")
        return await _show_incident(datasette, request, incident_id, msg, 400, dict(form))
    except SillokError as e:  # the database is busy or cannot be written
        msg = f"Not saved: {e}" + (f" ({e.hint})" if e.hint else "")
        return await _show_incident(datasette, request, incident_id, msg, 503, dict(form))
    datasette.add_message(request, message, datasette.INFO)
    return Response.redirect(f"{PREFIX}/incident/{incident_id}")


async def document_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    document_id = int(request.url_vars["id"])
    if request.url_vars.get("ext") == ".json":

        def load(conn: Any) -> dict[str, Any]:
            doc = review.get_document(conn, document_id)
            out = doc.to_document().to_dict()
            out.update({"document_id": doc.id, "version": doc.version, "source": doc.source})
            out["incidents"] = [i.to_dict() for i in review.document_incidents(conn, document_id)]
            return out

        try:
            return Response.json(await _read(datasette, load), default=str)
        except NotFoundError as e:
            return Response.json({"error": str(e)}, status=404)
    return await _show_document(datasette, request, document_id)


async def _show_document(
    datasette: Any, request: Request, document_id: int, error: str | None = None, status: int = 200
) -> Response:

    def load(conn: Any) -> dict[str, Any]:
        return {
            "doc": review.get_document(conn, document_id),
            "incidents": review.document_incidents(conn, document_id),
        }

    try:
        ctx = await _read(datasette, load)
    except NotFoundError as e:
        return await _render(datasette, request, "sillok_message.html", {"title": "Not found", "message": str(e)}, 404)
    ctx.update(_choices())
    ctx.update(
        {
            "error": error,
            "db_name": _db_name(datasette),
            "report_json": Markup(_script_json(ctx["doc"].text)),
            "can_review": await datasette.permission_allowed(request.actor, "sillok-review", default=False),
        }
    )
    return await _render(datasette, request, "sillok_document.html", ctx, status)


async def document_add(datasette: Any, request: Request) -> Response:
    if request.method != "POST":
        return Response.text("POST only", status=405)
    if (denied := await _gate(datasette, request, "sillok-review")) is not None:
        return denied
    document_id = int(request.url_vars["id"])
    form = await request.post_vars()
    user = request.actor["id"]
    try:
        record = review.IncidentEdit.from_form(form)
        result = await _write(datasette, lambda conn: review.add_incident(conn, document_id, user, record))
    except NotFoundError as e:
        return await _render(datasette, request, "sillok_message.html", {"title": "Not found", "message": str(e)}, 404)
    except SillokError as e:
        msg = f"Not added: {e}" + (f" ({e.hint})" if e.hint else "")
        return await _show_document(
            datasette, request, document_id, msg, 400 if isinstance(e, ValidationError) else 503
        )
    datasette.add_message(request, "Incident added.", datasette.INFO)
    return Response.redirect(f"{PREFIX}/incident/{result.incident.id}")


# -- events ----------------------------------------------------------------------------------------


def _wants_json(request: Request) -> bool:
    return request.url_vars.get("ext") == ".json" or request.args.get("_format") == "json"


async def events_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    filters = events.EventFilters.from_args(request.args)
    if request.url_vars.get("ext") == ".csv" or request.args.get("_format") == "csv":
        rows = await _read(datasette, lambda conn: events.all_events(conn, filters))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(events.CSV_HEADER)
        w.writerows(events.csv_row(e) for e in rows)
        return Response(buf.getvalue(), content_type="text/csv; charset=utf-8")
    listing = await _read(datasette, lambda conn: events.event_list(conn, filters))
    if _wants_json(request):
        return Response.json(listing.to_dict())
    ctx = {
        "listing": listing,
        "filters": filters,
        "used": {k: v for k, v in filters.args().items() if k != "page"},
        "date_text": events.date_text,
        "location_text": events.location_text,
        "victims_text": events.victims_text,
    }
    return await _render(datasette, request, "sillok_events.html", ctx)


async def _event_not_found(datasette: Any, request: Request, e: NotFoundError, as_json: bool) -> Response:
    joined = e.joined_into if isinstance(e, events.EventNotFound) else None
    if as_json:
        return Response.json({"error": str(e), "joined_into": joined}, status=404)
    link = (f"{PREFIX}/event/{joined}", f"Go to event {joined}") if joined else None
    ctx = {"title": "Not found", "message": str(e), "link": link}
    return await _render(datasette, request, "sillok_message.html", ctx, 404)


async def event_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    return await _show_event(datasette, request, request.url_vars["key"], as_json=_wants_json(request))


async def _show_event(
    datasette: Any,
    request: Request,
    key: str,
    error: str | None = None,
    status: int = 200,
    form: dict[str, Any] | None = None,
    as_json: bool = False,
) -> Response:
    try:
        page = await _read(datasette, lambda conn: events.event_page(conn, key))
    except NotFoundError as e:
        return await _event_not_found(datasette, request, e, as_json)
    if as_json:
        return Response.json(page.to_dict())
    ctx = {
        "page": page,
        "ev": page.event,
        "error": error,
        "form": form or {},
        "can_review": await datasette.permission_allowed(request.actor, "sillok-review", default=False),
    }
    return await _render(datasette, request, "sillok_event.html", ctx, status)


async def event_action(datasette: Any, request: Request) -> Response:
    """Split ticked incidents off into a new event, or join another event into this one (reviewers)."""
    if request.method != "POST":
        return Response.text("POST only", status=405)
    if (denied := await _gate(datasette, request, "sillok-review")) is not None:
        return denied
    key, action = request.url_vars["key"], request.url_vars["action"]
    form = parse_qs((await request.post_body()).decode("utf-8"), keep_blank_values=True)
    user = request.actor["id"]
    ticked = form.get("incident", [])
    other = (form.get("other") or [""])[0]
    keep = {"incident": ticked, "other": other}
    try:
        if action == "split":
            new_key = await _write(datasette, lambda conn: events.split(conn, key, ticked, user))
            moved = ", ".join(sorted(ticked, key=lambda v: (len(v), v)))
            message = f"Split incident{'s' if len(ticked) > 1 else ''} {moved} off into a new event, {new_key}."
        else:
            other_key = events.normalize_key(other)
            await _write(datasette, lambda conn: events.join(conn, key, other, user))
            message = f"Joined event {other_key} into this event ({key})."
    except NotFoundError as e:
        return await _event_not_found(datasette, request, e, as_json=False)
    except ValidationError as e:
        msg = f"Nothing changed: {e}" + (f" ({e.hint})" if e.hint else "")
        return await _show_event(datasette, request, key, msg, 400, keep)
    except (SillokError, sqlite3.OperationalError) as e:  # the database is busy or cannot be written
        msg = f"Nothing changed: {e}" + (f" ({e.hint})" if isinstance(e, SillokError) and e.hint else "")
        return await _show_event(datasette, request, key, msg, 503, keep)
    datasette.add_message(request, message, datasette.INFO)
    return Response.redirect(f"{PREFIX}/event/{key}")


# -- map and timeline ------------------------------------------------------------------------------


def _filters(request: Request) -> tuple[str, list[Any], dict[str, str]]:
    """A WHERE clause from the ``type``, ``status``, ``year`` and ``admin1`` arguments (rejected left out
    unless asked for)."""
    where, params, used = [], [], {}
    for key, column in (("type", "type"), ("status", "status"), ("admin1", "admin1"), ("perpetrator", "perpetrator")):
        value = request.args.get(key)
        if value:
            where.append(f"{column} = ?")
            params.append(value)
            used[key] = value
    if not request.args.get("status"):
        where.append("status != 'rejected'")
    where.append("document_id NOT IN (SELECT id FROM documents WHERE superseded = 1)")
    year = request.args.get("year") or ""
    if year.isdigit() and len(year) == 4:
        where.append("date_start >= ? AND date_start < ?")
        params += [f"{year}-01-01", f"{int(year) + 1}-01-01"]
        used["year"] = year
    return " AND ".join(where), params, used


async def map_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    _, _, used = _filters(request)
    ctx = {"used": used, "query": "&".join(f"{k}={urlquote(v)}" for k, v in used.items()), **_choices()}
    return await _render(datasette, request, "sillok_map.html", ctx)


async def map_data(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    where, params, _ = _filters(request)
    sql = f"""SELECT country, admin1, admin2, place, COUNT(*) FROM incidents WHERE {where}
              GROUP BY country, admin1, admin2, place ORDER BY country, admin1, admin2, place"""
    rows = await _read(datasette, lambda conn: conn.execute(sql, params).fetchall())
    points = geo.map_points(tuple(r) for r in rows)
    if request.url_vars["fmt"] == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["label", "level", "lat", "lon", "count"])
        for pt in points:
            w.writerow([pt.label, pt.level, pt.lat, pt.lon, pt.count])
        return Response(buf.getvalue(), content_type="text/csv; charset=utf-8")
    return Response.json(geo.points_geojson(points))


async def provinces(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    return Response.json(geo.province_outlines())


async def timeline_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "view-instance")) is not None:
        return denied
    where, params, used = _filters(request)
    sql = f"""SELECT substr(date_start, 1, 7) AS month, type, COUNT(*) FROM incidents
              WHERE date_start IS NOT NULL AND {where} GROUP BY month, type ORDER BY month, type"""
    rows = await _read(datasette, lambda conn: conn.execute(sql, params).fetchall())
    series = timeline.MonthlyCounts.from_rows(tuple(r) for r in rows)
    ext = request.url_vars.get("ext")
    if ext == ".json":
        return Response.json(
            {
                "months": list(series.months),
                "types": list(series.types),
                "rows": [{"month": m, "type": t, "count": n} for m, t, n in series.cells()],
            }
        )
    if ext == ".csv":
        return Response(series.to_csv(), content_type="text/csv; charset=utf-8")
    ctx = {
        "series": series,
        "svg": timeline.svg(series),
        "used": used,
        **_choices(),
        "query": "&".join(f"{k}={urlquote(v)}" for k, v in used.items()),
    }
    return await _render(datasette, request, "sillok_timeline.html", ctx)


# -- users -----------------------------------------------------------------------------------------


async def users_page(datasette: Any, request: Request) -> Response:
    if (denied := await _gate(datasette, request, "sillok-admin")) is not None:
        return denied
    error, status = None, 200
    if request.method == "POST":
        form = await request.post_vars()
        try:
            if form.get("action") == "role":
                await _write(datasette, lambda conn: users.set_role(conn, form.get("name", ""), form.get("role", "")))
                datasette.add_message(request, f"Role of {form.get('name')} changed.", datasette.INFO)
            else:
                await _write(
                    datasette,
                    lambda conn: users.add_user(
                        conn, form.get("name", ""), form.get("role", ""), form.get("password", "")
                    ),
                )
                datasette.add_message(request, f"User {form.get('name')} added.", datasette.INFO)
            return Response.redirect(f"{PREFIX}/users")
        except SillokError as e:
            error, status = str(e) + (f" ({e.hint})" if e.hint else ""), 400
    listed = await _read(datasette, users.list_users)
    return await _render(
        datasette, request, "sillok_users.html", {"users": listed, "roles": users.ROLES, "error": error}, status
    )
