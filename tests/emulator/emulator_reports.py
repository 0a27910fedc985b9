"""Signed delivery reports: what the emulated provider POSTs to a message's callback_url.

Body: the JSON of a message status (`id`, `channel`, `status`, `updated_at`)
plus the message's `reference`. Header `X-MMP-Signature: sha256=<hex HMAC-SHA256
of the raw body with the API secret>`. Reports only ever go to loopback hosts:
the emulator must never reach anything off this machine.
"""

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
REPORT_TIMEOUT_S = 10


def sign(secret: str, raw_body: bytes) -> str:
    """The X-MMP-Signature header value for a raw body."""
    digest = hmac.new(secret.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


def report_body(message: dict, status: str, updated_at: str) -> bytes:
    """The raw JSON body of a report for `message` reaching `status`."""
    payload = {
        "id": message["id"],
        "channel": message["channel"],
        "status": status,
        "updated_at": updated_at,
        "reference": message.get("reference") or "",
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_loopback_url(url: str) -> bool:
    parsed = urllib.parse.urlsplit(url)
    return parsed.scheme in ("http", "https") and (parsed.hostname or "") in LOOPBACK_HOSTS


def post_report(url: str, raw_body: bytes, signature_mode: str, secret: str) -> dict:
    """POST one report and describe what happened.

    signature_mode: 'valid' signs with the secret, 'wrong' signs with a
    different key (a forged report), 'none' sends no signature header.
    Returns {url, signature, http_status, response, error}.
    """
    result = {"url": url, "signature": None, "http_status": None, "response": None, "error": None}
    if not is_loopback_url(url):
        result["error"] = "refused: callback_url is not an http(s) loopback URL"
        return result
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "mmp-emulator"}
    if signature_mode == "valid":
        result["signature"] = sign(secret, raw_body)
    elif signature_mode == "wrong":
        result["signature"] = sign(secret + "-forged", raw_body)
    if result["signature"] is not None:
        headers["X-MMP-Signature"] = result["signature"]
    request = urllib.request.Request(url, data=raw_body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=REPORT_TIMEOUT_S) as response:
            result["http_status"] = response.status
            result["response"] = response.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        result["http_status"] = err.code
        result["response"] = err.read(4096).decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError) as err:
        result["error"] = str(getattr(err, "reason", err))
    return result
