"""Fault injection for the mMP emulator: a FIFO queue of request faults.

A request fault applies to the next `count` API requests of its `scope`
("send" = POST /messages, "status" = GET /messages/{id}, "balance" =
GET /account/balance, "any" = all three). It can delay the request
(`delay_ms`), then either close the connection without a response (`drop`)
or answer with an injected `status` (+ `retry_after`, `body`). A fault with
only `delay_ms` delays the request and then lets it through normally, which
is how a client timeout is simulated. Faults are consumed in the order they
were added; the first one matching the request's scope is used.
"""

import copy
import secrets

SCOPES = ("send", "status", "balance", "any")
REQUEST_FAULT_KEYS = {"status", "count", "retry_after", "body", "scope", "delay_ms", "drop"}
STATE_FAULT_KEYS = {
    "viber_unavailable", "viber_outcome", "accept_then_drop",
    "report_duplicate", "report_out_of_order", "report_signature", "clear",
}
FINAL_OUTCOMES = ("delivered", "read", "failed", "expired")
SIGNATURE_MODES = ("valid", "wrong", "none")

DEFAULT_ERROR_CODES = {
    400: "invalid_number",
    401: "unauthorized",
    402: "insufficient_balance",
    404: "not_found",
    409: "duplicate",
    422: "viber_unavailable",
    429: "throttled",
}


class FaultError(ValueError):
    """A control request describing an impossible fault (answered with 400)."""


def _positive_int(value, name, minimum=1):
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultError(f"{name} must be an integer >= {minimum}")
    return value


def parse_request_fault(spec: dict):
    """The request fault described by the keys of `spec`, or None when it has none."""
    keys = REQUEST_FAULT_KEYS & set(spec)
    if not keys:
        return None
    has_action = "status" in spec or "delay_ms" in spec or "drop" in spec
    if not has_action:
        raise FaultError("a request fault needs status, delay_ms or drop")
    fault = {"scope": spec.get("scope", "send"), "status": None, "retry_after": None,
             "body": None, "delay_ms": 0, "drop": False}
    if fault["scope"] not in SCOPES:
        raise FaultError(f"scope must be one of {', '.join(SCOPES)}")
    count = spec.get("count")
    if isinstance(spec.get("drop"), int) and not isinstance(spec.get("drop"), bool) and count is None:
        count = spec["drop"]  # {"drop": 3} is shorthand for {"drop": true, "count": 3}
    fault["remaining"] = _positive_int(1 if count is None else count, "count")
    if "status" in spec:
        fault["status"] = _positive_int(spec["status"], "status", 100)
        if fault["status"] > 599:
            raise FaultError("status must be an HTTP status code (100-599)")
    if "delay_ms" in spec:
        fault["delay_ms"] = _positive_int(spec["delay_ms"], "delay_ms", 0)
    if "drop" in spec:
        fault["drop"] = bool(spec["drop"])
        if fault["drop"] and fault["status"] is not None:
            raise FaultError("drop and status exclude each other")
    if "retry_after" in spec:
        retry_after = spec["retry_after"]
        if not isinstance(retry_after, (int, str)) or isinstance(retry_after, bool):
            raise FaultError("retry_after must be seconds (integer) or an HTTP date (string)")
        fault["retry_after"] = str(retry_after)
    if "body" in spec:
        fault["body"] = spec["body"]
    return fault


def default_error_body(status: int) -> dict:
    """The contract's error body for an injected status."""
    if status >= 500:
        code = "unavailable" if status == 503 else "server_error"
    else:
        code = DEFAULT_ERROR_CODES.get(status, "injected")
    error = {"code": code, "message": f"injected fault {status}"}
    if status == 409:
        error["id"] = "m_" + secrets.token_hex(12)
    return {"error": error}


class FaultQueue:
    """Request faults plus the per-number and report behaviours. Not thread-safe:
    the emulator's state lock guards it."""

    def __init__(self):
        self.clear_all()

    def clear_all(self):
        self.request_faults = []
        self.accept_then_drop = 0
        self.viber_unavailable = set()
        self.viber_outcome = {}
        self.report_duplicate = False
        self.report_out_of_order = False
        self.report_signature = "valid"

    def apply(self, spec: dict):
        """Add what a POST /__emulator/faults body describes. Validates it all
        before changing anything, so a bad request leaves the queue as it was."""
        if not isinstance(spec, dict) or not spec:
            raise FaultError("expected a non-empty JSON object")
        unknown = set(spec) - REQUEST_FAULT_KEYS - STATE_FAULT_KEYS
        if unknown:
            raise FaultError("unknown fault keys: " + ", ".join(sorted(unknown)))
        fault = parse_request_fault(spec)
        updates = self._parse_state_keys(spec)
        if spec.get("clear"):
            self.request_faults = []
            self.accept_then_drop = 0
        for name, value in updates.items():
            setattr(self, name, value)
        if fault is not None:
            self.request_faults.append(fault)

    def _parse_state_keys(self, spec: dict) -> dict:
        updates = {}
        if "viber_unavailable" in spec:
            numbers = spec["viber_unavailable"]
            if not isinstance(numbers, list) or not all(isinstance(n, str) for n in numbers):
                raise FaultError("viber_unavailable must be a list of E.164 numbers")
            updates["viber_unavailable"] = set(numbers)
        if "viber_outcome" in spec:
            outcomes = spec["viber_outcome"]
            if not isinstance(outcomes, dict):
                raise FaultError("viber_outcome must map numbers to an outcome")
            merged = dict(self.viber_outcome)
            for number, outcome in outcomes.items():
                if outcome is None:
                    merged.pop(number, None)
                elif outcome in FINAL_OUTCOMES:
                    merged[number] = outcome
                else:
                    raise FaultError(f"viber_outcome for {number} must be one of {', '.join(FINAL_OUTCOMES)}")
            updates["viber_outcome"] = merged
        if "accept_then_drop" in spec:
            updates["accept_then_drop"] = self.accept_then_drop + _positive_int(
                spec["accept_then_drop"], "accept_then_drop", 0)
        for flag in ("report_duplicate", "report_out_of_order"):
            if flag in spec:
                if not isinstance(spec[flag], bool):
                    raise FaultError(f"{flag} must be true or false")
                updates[flag] = spec[flag]
        if "report_signature" in spec:
            if spec["report_signature"] not in SIGNATURE_MODES:
                raise FaultError("report_signature must be one of " + ", ".join(SIGNATURE_MODES))
            updates["report_signature"] = spec["report_signature"]
        return updates

    def take(self, scope: str):
        """Consume one use of the first request fault matching `scope`; a copy or None."""
        for index, fault in enumerate(self.request_faults):
            if fault["scope"] in (scope, "any"):
                fault["remaining"] -= 1
                if fault["remaining"] <= 0:
                    del self.request_faults[index]
                return copy.deepcopy(fault)
        return None

    def take_accept_then_drop(self) -> bool:
        if self.accept_then_drop > 0:
            self.accept_then_drop -= 1
            return True
        return False

    def view(self) -> dict:
        return {
            "request_faults": copy.deepcopy(self.request_faults),
            "accept_then_drop": self.accept_then_drop,
            "viber_unavailable": sorted(self.viber_unavailable),
            "viber_outcome": dict(self.viber_outcome),
            "report_duplicate": self.report_duplicate,
            "report_out_of_order": self.report_out_of_order,
            "report_signature": self.report_signature,
        }
