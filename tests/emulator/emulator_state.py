"""Everything the mMP emulator remembers: configuration, accepted messages,
the request log, faults and the delivery reports it sent.

The provider API itself (POST /messages, GET /messages/{id},
GET /account/balance) is answered here as plain (status, body, headers)
replies, so the HTTP layer only moves bytes. One lock guards the state;
nothing slow (delays, report POSTs) runs while it is held.
"""

import copy
import json
import re
import secrets
import threading
import time
from datetime import datetime, timezone

from emulator_faults import FaultQueue
from emulator_lifecycle import TARGET_STATUSES, LifecycleError, next_step, path_to
from emulator_reports import post_report, report_body
from emulator_segments import DEFAULT_PRICES, segments_and_cost

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
SENDER_PHONE = re.compile(r"^\+?[0-9]{3,15}$")
SENDER_ALIAS = re.compile(r"^[A-Za-z0-9 .&_-]{1,11}$")
CHANNELS = ("sms", "viber")
VIBER_MAX_CHARS = 1000
REFERENCE_MAX_CHARS = 64
REQUEST_LOG_LIMIT = 20000

DEFAULT_CONFIG = {
    "token": "test-token",
    "secret": "test-secret",
    "balance": 100.0,
    "currency": "EUR",
    "enforce_balance": True,
    "auto_advance": False,
    "viber_read": False,
    "delays_ms": {"sent": 200, "delivered": 800, "read": 1500, "failed": 800, "expired": 1500},
    "prices": dict(DEFAULT_PRICES),
}
CONFIG_TYPES = {
    "token": str, "secret": str, "balance": (int, float), "currency": str,
    "enforce_balance": bool, "auto_advance": bool, "viber_read": bool,
    "delays_ms": dict, "prices": dict,
}


def utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def error_reply(status: int, code: str, message: str = "", headers=None, **extra) -> tuple:
    error = {"code": code}
    if message:
        error["message"] = message
    error.update(extra)
    return status, {"error": error}, headers or {}


class ControlError(ValueError):
    """A bad control request; `status` is what the control API answers."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class EmulatorState:
    def __init__(self, defaults: dict = None):
        self.lock = threading.Lock()
        self.defaults = copy.deepcopy(DEFAULT_CONFIG)
        if defaults:
            self._merge_config(self.defaults, defaults)
        self.generation = 0
        self.reset()

    # ------------------------------------------------------------ control
    def reset(self):
        with self.lock:
            self.generation += 1  # orphan pending auto-advance timers
            self.config = copy.deepcopy(self.defaults)
            self.faults = FaultQueue()
            self.messages = {}
            self.message_order = []
            self.by_key = {}
            self.requests = []
            self.reports = []
            self.next_seq = 1

    def configure(self, patch: dict) -> dict:
        if not isinstance(patch, dict):
            raise ControlError("expected a JSON object")
        with self.lock:
            candidate = copy.deepcopy(self.config)
            self._merge_config(candidate, patch)
            self.config = candidate
            return copy.deepcopy(self.config)

    @staticmethod
    def _merge_config(target: dict, patch: dict):
        for key, value in patch.items():
            if key not in CONFIG_TYPES:
                raise ControlError(f"unknown config key: {key}")
            if isinstance(value, bool) and CONFIG_TYPES[key] is not bool:
                raise ControlError(f"{key} has the wrong type")
            if not isinstance(value, CONFIG_TYPES[key]):
                raise ControlError(f"{key} has the wrong type")
            if isinstance(value, dict):
                for sub_key, sub_value in value.items():
                    if sub_key not in target[key]:
                        raise ControlError(f"unknown config key: {key}.{sub_key}")
                    if isinstance(sub_value, bool) or not isinstance(sub_value, (int, float)) or sub_value < 0:
                        raise ControlError(f"{key}.{sub_key} must be a number >= 0")
                    target[key][sub_key] = sub_value
            else:
                target[key] = float(value) if key == "balance" else value

    def add_faults(self, spec: dict) -> dict:
        with self.lock:
            try:
                self.faults.apply(spec)
            except ValueError as err:
                raise ControlError(str(err)) from err
            return self.faults.view()

    def view(self, what: str, filters: dict = None) -> dict:
        with self.lock:
            if what == "config":
                return copy.deepcopy(self.config)
            if what == "faults":
                return self.faults.view()
            if what == "reports":
                return {"reports": copy.deepcopy(self.reports), "count": len(self.reports)}
            if what == "requests":
                rows = [r for r in self.requests if _matches(r, filters or {})]
                return {"requests": copy.deepcopy(rows), "count": len(rows)}
            messages = [copy.deepcopy(self.messages[i]) for i in self.message_order]
            keys = {key: {"messages": len(entry["ids"]), "requests": entry["requests"], "ids": list(entry["ids"])}
                    for key, entry in self.by_key.items()}
            return {"messages": messages, "count": len(messages), "by_idempotency_key": keys}

    # -------------------------------------------------------- request log
    def log_request(self, method: str, path: str, query: str, headers: dict, raw_body: bytes) -> dict:
        text = raw_body.decode("utf-8", "replace")
        try:
            body = json.loads(text) if text else None
        except ValueError:
            body = None
        entry = {
            "method": method, "path": path, "query": query, "headers": headers,
            "authorization": _header(headers, "Authorization"),
            "idempotency_key": _header(headers, "Idempotency-Key"),
            "body": body, "raw_body": text if body is None and text else None,
            "response_status": None, "fault": None, "time": utc_now(),
        }
        with self.lock:
            entry["seq"] = self.next_seq
            self.next_seq += 1
            self.requests.append(entry)
            del self.requests[:-REQUEST_LOG_LIMIT]
            key = entry["idempotency_key"]
            if method == "POST" and key and path.endswith("/messages"):
                self.by_key.setdefault(key, {"ids": [], "requests": 0})["requests"] += 1
        return entry

    def finish_request(self, entry: dict, status, fault=None):
        with self.lock:
            entry["response_status"] = status
            entry["fault"] = fault

    def take_fault(self, scope: str):
        with self.lock:
            return self.faults.take(scope)

    def take_accept_then_drop(self) -> bool:
        with self.lock:
            return self.faults.take_accept_then_drop()

    # ------------------------------------------------------ provider API
    def authorized(self, headers: dict) -> bool:
        with self.lock:
            expected = "Bearer " + self.config["token"]
        given = _header(headers, "Authorization") or ""
        # Bytes: compare_digest refuses non-ASCII str, and a header may carry anything.
        return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode("utf-8", "surrogateescape"))

    def send(self, headers: dict, raw_body: bytes) -> tuple:
        """POST /messages: validate, dedupe, charge, store. Returns (reply, message_id or None)."""
        key = _header(headers, "Idempotency-Key")
        if not key:
            return error_reply(400, "missing_idempotency_key", "Idempotency-Key header is required"), None
        with self.lock:
            if key in self.by_key and self.by_key[key]["ids"]:
                original = self.by_key[key]["ids"][0]
                return error_reply(409, "duplicate", "already accepted under this Idempotency-Key", id=original), None
        try:
            payload = json.loads(raw_body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return error_reply(400, "invalid_json", "body is not JSON"), None
        problem = _validate_send(payload)
        if problem:
            return error_reply(400, *problem), None
        channel, to = payload["channel"], payload["to"]
        with self.lock:
            if channel == "viber" and to in self.faults.viber_unavailable:
                return error_reply(422, "viber_unavailable", "recipient not reachable on Viber"), None
            encoding, segments, cost = segments_and_cost(channel, payload["text"], self.config["prices"])
            if self.config["enforce_balance"] and self.config["balance"] + 1e-9 < cost:
                return error_reply(402, "insufficient_balance", "balance too low"), None
            if key in self.by_key and self.by_key[key]["ids"]:  # raced with a retry of the same key
                return error_reply(409, "duplicate", "", id=self.by_key[key]["ids"][0]), None
            self.config["balance"] = round(self.config["balance"] - cost, 6)
            message = {
                "id": "m_" + secrets.token_hex(12), "idempotency_key": key, "to": to,
                "from": payload.get("from", ""), "channel": channel, "text": payload["text"],
                "reference": payload.get("reference", ""), "callback_url": payload.get("callback_url") or None,
                "status": "queued", "encoding": encoding, "segments": segments, "cost": cost,
                "created_at": utc_now(), "updated_at": utc_now(), "history": [{"status": "queued", "at": utc_now()}],
            }
            self.messages[message["id"]] = message
            self.message_order.append(message["id"])
            self.by_key.setdefault(key, {"ids": [], "requests": 1})["ids"].append(message["id"])
            auto, generation = self.config["auto_advance"], self.generation
        if auto:
            threading.Thread(target=self._auto_advance, args=(message["id"], generation), daemon=True).start()
        body = {"id": message["id"], "status": "queued", "segments": segments, "cost": cost}
        return (202, body, {}), message["id"]

    def message_status(self, message_id: str) -> tuple:
        with self.lock:
            message = self.messages.get(message_id)
            if message is None:
                return error_reply(404, "not_found", "no such message")
            return 200, _status_view(message), {}

    def balance(self) -> tuple:
        with self.lock:
            return 200, {"balance": round(self.config["balance"], 4), "currency": self.config["currency"]}, {}

    # -------------------------------------------- lifecycle and reports
    def advance(self, message_id, status) -> dict:
        """Move one message (or every unfinished one) and send the reports."""
        if status is not None and status not in TARGET_STATUSES:
            raise ControlError("status must be one of " + ", ".join(TARGET_STATUSES))
        with self.lock:
            ids = [message_id] if message_id else list(self.message_order)
            if message_id and message_id not in self.messages:
                raise ControlError("no such message", 404)
            moves = []
            for mid in ids:
                message = self.messages[mid]
                try:
                    steps = path_to(message, status) if status else self._next_steps(message)
                except LifecycleError as err:
                    if message_id:
                        raise ControlError(str(err), 409) from err
                    continue
                if steps:
                    moves.append((mid, steps))
            outgoing = [item for mid, steps in moves for item in self._apply_steps(mid, steps)]
            updated = [copy.deepcopy(self.messages[mid]) for mid, _ in moves]
        return {"messages": updated, "reports": self._deliver(outgoing)}

    def send_report(self, spec: dict) -> dict:
        """POST /__emulator/report: one report for a message on demand, without
        moving it (replays, forged or unsigned reports, raw bodies)."""
        if not isinstance(spec, dict) or not isinstance(spec.get("id"), str):
            raise ControlError("id is required")
        mode = spec.get("signature", "valid")
        if mode not in ("valid", "wrong", "none"):
            raise ControlError("signature must be valid, wrong or none")
        with self.lock:
            message = self.messages.get(spec["id"])
            if message is None:
                raise ControlError("no such message", 404)
            url = spec.get("url") or message["callback_url"]
            if not url:
                raise ControlError("the message has no callback_url and no url was given")
            if "body" in spec:
                body = spec["body"] if isinstance(spec["body"], str) else json.dumps(spec["body"])
                raw = body.encode("utf-8")
            else:
                raw = report_body(message, spec.get("status", message["status"]), message["updated_at"])
            item = {"id": message["id"], "status": spec.get("status", message["status"]),
                    "url": url, "raw": raw, "mode": mode}
        return {"reports": self._deliver([item], rearrange=False)}

    def _next_steps(self, message: dict) -> list:
        step = next_step(message, self._outcome_for(message), self.config["viber_read"])
        return [step] if step else []

    def _outcome_for(self, message: dict):
        if message["channel"] != "viber":
            return None
        return self.faults.viber_outcome.get(message["to"])

    def _apply_steps(self, message_id: str, steps: list) -> list:
        """Record each status reached; the reports to send (caller holds the lock)."""
        message = self.messages[message_id]
        outgoing = []
        for status in steps:
            message["status"] = status
            message["updated_at"] = utc_now()
            message["history"].append({"status": status, "at": message["updated_at"]})
            if message["callback_url"]:
                outgoing.append({"id": message_id, "status": status, "url": message["callback_url"],
                                 "raw": report_body(message, status, message["updated_at"]),
                                 "mode": self.faults.report_signature})
        return outgoing

    def _deliver(self, outgoing: list, rearrange: bool = True) -> list:
        """POST the reports (outside the lock), as the report faults say."""
        with self.lock:
            secret = self.config["secret"]
            if rearrange and self.faults.report_out_of_order:
                outgoing = list(reversed(outgoing))
            if rearrange and self.faults.report_duplicate:
                outgoing = [item for item in outgoing for _ in (0, 1)]
        results = []
        for item in outgoing:
            result = post_report(item["url"], item["raw"], item["mode"], secret)
            result.update({"id": item["id"], "status": item["status"], "body": item["raw"].decode("utf-8"),
                           "time": utc_now()})
            results.append(result)
        with self.lock:
            self.reports.extend(copy.deepcopy(results))
        return results

    def _auto_advance(self, message_id: str, generation: int):
        """Walk one message through its life with the configured delays."""
        while True:
            with self.lock:
                if generation != self.generation or message_id not in self.messages:
                    return
                steps = self._next_steps(self.messages[message_id])
                if not steps:
                    return
                delay_ms = self.config["delays_ms"].get(steps[0], 0)
            time.sleep(delay_ms / 1000.0)
            with self.lock:
                if generation != self.generation or not self.config["auto_advance"]:
                    return
                message = self.messages[message_id]
                if self._next_steps(message) != steps:  # moved by the control API meanwhile
                    continue
                outgoing = self._apply_steps(message_id, steps)
            self._deliver(outgoing)


def _header(headers: dict, name: str):
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return value
    return None


def _matches(entry: dict, filters: dict) -> bool:
    if "method" in filters and entry["method"] != filters["method"].upper():
        return False
    if "path" in filters and not entry["path"].endswith(filters["path"]):
        return False
    if "since" in filters and entry["seq"] <= int(filters["since"]):
        return False
    if "idempotency_key" in filters and entry["idempotency_key"] != filters["idempotency_key"]:
        return False
    return True


def _status_view(message: dict) -> dict:
    return {"id": message["id"], "channel": message["channel"], "status": message["status"],
            "updated_at": message["updated_at"]}


def _validate_send(payload) -> tuple:
    """(code, message) of the first problem with a send body, or None."""
    if not isinstance(payload, dict):
        return "invalid_request", "body must be a JSON object"
    to = payload.get("to")
    if not isinstance(to, str) or not E164.match(to):
        return "invalid_number", "to must be an E.164 number such as +306912345678"
    if payload.get("channel") not in CHANNELS:
        return "invalid_channel", "channel must be sms or viber"
    text = payload.get("text")
    if not isinstance(text, str) or text == "":
        return "invalid_text", "text must be a non-empty string"
    if payload["channel"] == "viber" and len(text) > VIBER_MAX_CHARS:
        return "text_too_long", f"a Viber message holds at most {VIBER_MAX_CHARS} characters"
    sender = payload.get("from", "")
    if not isinstance(sender, str) or (sender and not (SENDER_PHONE.match(sender) or SENDER_ALIAS.match(sender))):
        return "invalid_sender", "from must be a phone number or an alias of at most 11 characters"
    reference = payload.get("reference", "")
    if not isinstance(reference, str) or len(reference) > REFERENCE_MAX_CHARS:
        return "invalid_reference", f"reference must be text of at most {REFERENCE_MAX_CHARS} characters"
    callback = payload.get("callback_url")
    if callback is not None and (not isinstance(callback, str) or not re.match(r"^https?://", callback)):
        return "invalid_callback_url", "callback_url must be an http(s) URL"
    return None
