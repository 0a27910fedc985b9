"""Helpers for the emulator's self-tests: an in-process emulator on a free
port, a small HTTP client, and a callback receiver that plays the shop's
delivery-report endpoint (it checks the signature like the plugin must)."""

import hashlib
import hmac
import http.client
import json
import os
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mmp_emulator import make_server  # noqa: E402

TOKEN = "tok-123"
SECRET = "s3cret"
AUTH = {"Authorization": "Bearer " + TOKEN}
NUMBER = "+306912345678"


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        try:
            self.json = json.loads(raw) if raw else None
        except ValueError:
            self.json = None

    @property
    def error_code(self):
        return (self.json or {}).get("error", {}).get("code")


def call(port, method, path, body=None, headers=None, raw=None, timeout=10):
    """One request on a fresh connection. Raises on a dropped connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        conn.request(method, path, body=payload, headers=all_headers)
        response = conn.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()},
                        response.read().decode("utf-8"))
    finally:
        conn.close()


class ReportReceiver:
    """Records the reports POSTed to it; answers 401 to a missing or wrong
    signature and 200 otherwise, as the plugin's /dlr route does."""

    def __init__(self, secret=SECRET):
        receiver = self
        self.reports = []
        self.lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
                signature = self.headers.get("X-MMP-Signature")
                valid = signature is not None and hmac.compare_digest(signature, expected)
                with receiver.lock:
                    receiver.reports.append({"raw": raw, "signature": signature, "valid": valid,
                                             "body": json.loads(raw.decode()) if valid else None})
                self.send_response(200 if valid else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/wp-json/modulus-sms/v1/dlr"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def statuses(self):
        with self.lock:
            return [r["body"]["status"] for r in self.reports if r["valid"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class EmulatorTestCase(unittest.TestCase):
    """Starts one emulator per test class; resets it before each test."""

    @classmethod
    def setUpClass(cls):
        cls.server = make_server(0, defaults={"token": TOKEN, "secret": SECRET, "balance": 10.0})
        cls.port = cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.receiver = ReportReceiver()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.receiver.close()

    def setUp(self):
        self.assertEqual(200, self.control("POST", "reset").status)
        with self.receiver.lock:
            self.receiver.reports.clear()

    def api(self, method, path, body=None, headers=None, raw=None, timeout=10):
        return call(self.port, method, "/api/v1" + path, body, headers, raw, timeout)

    def control(self, method, name, body=None, query=""):
        return call(self.port, method, "/__emulator/" + name + query, body)

    def fault(self, **spec):
        response = self.control("POST", "faults", spec)
        self.assertEqual(200, response.status, response.raw)
        return response

    def send(self, key="key-1", to=NUMBER, channel="sms", text="Hello", callback=True,
             authorization=AUTH["Authorization"], **extra):
        """POST /messages like the plugin's client; authorization=None sends no token."""
        body = {"to": to, "from": "MyShop", "channel": channel, "text": text, "reference": "order:1042:completed"}
        if callback:
            body["callback_url"] = self.receiver.url
        body.update(extra)
        all_headers = {}
        if authorization is not None:
            all_headers["Authorization"] = authorization
        if key is not None:
            all_headers["Idempotency-Key"] = key
        return self.api("POST", "/messages", body, all_headers)

    def messages(self):
        return self.control("GET", "messages").json
