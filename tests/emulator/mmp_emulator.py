#!/usr/bin/env python3
"""The project's mMP (modulus Messaging Platform) emulator.

Implements the provider contract of ../shared/mmp-http-api.md on 127.0.0.1
only, records every request, and injects faults through a JSON control API
under /__emulator/. See README.md beside this file.

    python3 mmp_emulator.py [--port 8080] [--token T] [--secret S] [--balance B] [--auto-advance]

The provider routes are matched by their ending, so any API URL prefix works:
http://127.0.0.1:8080/api/v1/messages and http://127.0.0.1:8080/messages are
the same route.
"""

import argparse
import json
import os
import re
import socket
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emulator_faults import default_error_body  # noqa: E402
from emulator_state import ControlError, EmulatorState  # noqa: E402

ALLOWED_HOST = "127.0.0.1"
MAX_BODY_BYTES = 1 << 20
SEND_ROUTE = re.compile(r"^(?:/.*)?/messages$")
STATUS_ROUTE = re.compile(r"^(?:/.*)?/messages/([^/]+)$")
BALANCE_ROUTE = re.compile(r"^(?:/.*)?/account/balance$")
CONTROL_PREFIX = "/__emulator/"


class EmulatorHandler(BaseHTTPRequestHandler):
    server_version = "mmp-emulator/1.0"
    state: EmulatorState = None  # set on the subclass built by make_server
    verbose = False

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write("mmp-emulator: " + (fmt % args) + "\n")

    # ------------------------------------------------------------ plumbing
    def _dispatch(self, method: str):
        url = urllib.parse.urlsplit(self.path)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._reply(400, {"error": {"code": "invalid_request", "message": "bad Content-Length"}})
            return
        if length > MAX_BODY_BYTES:
            self._reply(413, {"error": {"code": "too_large"}})
            return
        raw = self.rfile.read(length) if length > 0 else b""
        if url.path.startswith(CONTROL_PREFIX):
            self._control(method, url.path[len(CONTROL_PREFIX):].strip("/"), url.query, raw)
        else:
            self._provider(method, url.path, url.query, raw)

    def _reply(self, status: int, body, headers=None):
        if isinstance(body, (dict, list)):
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            content_type = "application/json; charset=utf-8"
        else:
            payload = (body or "").encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        try:
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first (its timeout); the request was still handled.
            self.close_connection = True

    def _drop(self):
        """Close the connection without writing a single byte of response."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # ---------------------------------------------------------- provider
    def _provider(self, method: str, path: str, query: str, raw: bytes):
        headers = {name: value for name, value in self.headers.items()}
        entry = self.state.log_request(method, path, query, headers, raw)
        route = self._route(method, path)
        if route is None:
            self.state.finish_request(entry, 404)
            self._reply(404, {"error": {"code": "not_found", "message": f"no route {method} {path}"}})
            return
        scope, argument = route
        fault = self.state.take_fault(scope)
        if fault is not None:
            if fault["delay_ms"]:
                time.sleep(fault["delay_ms"] / 1000.0)
            if fault["drop"]:
                self.state.finish_request(entry, None, "drop")
                self._drop()
                return
            if fault["status"] is not None:
                self._injected(entry, fault)
                return
        if not self.state.authorized(headers):
            self._answer(entry, (401, {"error": {"code": "unauthorized"}}, {}))
            return
        if scope == "send":
            reply, accepted_id = self.state.send(headers, raw)
            if accepted_id and self.state.take_accept_then_drop():
                self.state.finish_request(entry, None, "accept_then_drop")
                self._drop()
                return
            self._answer(entry, reply)
        elif scope == "status":
            self._answer(entry, self.state.message_status(argument))
        else:
            self._answer(entry, self.state.balance())

    @staticmethod
    def _route(method: str, path: str):
        """(fault scope, path argument) for a provider route, or None."""
        if method == "POST" and SEND_ROUTE.match(path):
            return "send", None
        match = STATUS_ROUTE.match(path)
        if method == "GET" and match:
            return "status", urllib.parse.unquote(match.group(1))
        if method == "GET" and BALANCE_ROUTE.match(path):
            return "balance", None
        return None

    def _injected(self, entry: dict, fault: dict):
        status = fault["status"]
        body = fault["body"] if fault["body"] is not None else default_error_body(status)
        headers = {}
        if fault["retry_after"] is not None:
            headers["Retry-After"] = fault["retry_after"]
        elif status == 429:
            headers["Retry-After"] = "1"
        self.state.finish_request(entry, status, "status")
        self._reply(status, body, headers)

    def _answer(self, entry: dict, reply: tuple):
        status, body, headers = reply
        self.state.finish_request(entry, status)
        self._reply(status, body, headers)

    # ----------------------------------------------------------- control
    def _control(self, method: str, name: str, query: str, raw: bytes):
        try:
            payload = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        except (UnicodeDecodeError, ValueError):
            self._reply(400, {"error": "control body is not JSON"})
            return
        filters = {k: v[-1] for k, v in urllib.parse.parse_qs(query).items()}
        state = self.state

        def reset():
            state.reset()
            return {"ok": True}

        routes = {
            ("GET", "health"): lambda: {"ok": True},
            ("POST", "reset"): reset,
            ("GET", "config"): lambda: state.view("config"),
            ("POST", "config"): lambda: state.configure(payload),
            ("GET", "faults"): lambda: state.view("faults"),
            ("POST", "faults"): lambda: state.add_faults(payload),
            ("POST", "advance"): lambda: state.advance(payload.get("id"), payload.get("status")),
            ("POST", "report"): lambda: state.send_report(payload),
            ("GET", "requests"): lambda: state.view("requests", filters),
            ("GET", "messages"): lambda: state.view("messages"),
            ("GET", "reports"): lambda: state.view("reports"),
        }
        handler = routes.get((method, name))
        if handler is None:
            self._reply(404, {"error": f"no control route {method} /__emulator/{name}"})
            return
        try:
            if not isinstance(payload, dict):
                raise ControlError("control body must be a JSON object")
            self._reply(200, handler())
        except ControlError as err:
            self._reply(err.status, {"error": str(err)})


def make_server(port: int, host: str = ALLOWED_HOST, defaults: dict = None, verbose: bool = False):
    """A ready (not yet serving) emulator bound to host:port; port 0 picks a free one."""
    if host != ALLOWED_HOST:
        raise ValueError(f"the emulator listens on {ALLOWED_HOST} only, not {host!r}")
    handler = type("BoundEmulatorHandler", (EmulatorHandler,),
                   {"state": EmulatorState(defaults), "verbose": verbose})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="mMP provider emulator (127.0.0.1 only)")
    parser.add_argument("--host", default=ALLOWED_HOST, help="must be 127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 = any free port")
    parser.add_argument("--token", default="test-token", help="the API token callers must send")
    parser.add_argument("--secret", default="test-secret", help="HMAC key of delivery reports")
    parser.add_argument("--balance", type=float, default=100.0)
    parser.add_argument("--auto-advance", action="store_true", help="walk messages through their life by timers")
    parser.add_argument("--verbose", action="store_true", help="log each HTTP request on stderr")
    args = parser.parse_args(argv)
    defaults = {"token": args.token, "secret": args.secret, "balance": args.balance,
                "auto_advance": args.auto_advance}
    try:
        server = make_server(args.port, args.host, defaults, args.verbose)
    except ValueError as err:
        print(f"mmp-emulator: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"mmp-emulator: cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
        return 1
    print(f"mmp-emulator listening on http://{ALLOWED_HOST}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
