"""Self-test of the mMP emulator: every row of the contract
(../shared/mmp-http-api.md) and every fault of the control API."""

import os
import re
import socket
import subprocess
import sys
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emulator_segments import sms_segments  # noqa: E402
from emulator_testkit import AUTH, NUMBER, EmulatorTestCase, call  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class SendContractTest(EmulatorTestCase):
    def test_accepted_message_is_202_with_id_status_segments_cost(self):
        response = self.send(text="Hello Maria, order #1042 has shipped.")
        self.assertEqual(202, response.status)
        self.assertRegex(response.json["id"], r"^m_[0-9a-f]{24}$")
        self.assertEqual("queued", response.json["status"])
        self.assertEqual(1, response.json["segments"])
        self.assertAlmostEqual(0.045, response.json["cost"])
        stored = self.messages()["messages"][0]
        self.assertEqual((NUMBER, "MyShop", "order:1042:completed", "key-1"),
                         (stored["to"], stored["from"], stored["reference"], stored["idempotency_key"]))

    def test_any_api_url_prefix_reaches_the_same_routes(self):
        response = call(self.port, "POST", "/messages", {"to": NUMBER, "channel": "sms", "text": "x"},
                        dict(AUTH, **{"Idempotency-Key": "bare"}))
        self.assertEqual(202, response.status)
        self.assertEqual(200, call(self.port, "GET", "/v2/account/balance", headers=AUTH).status)

    def test_balance_decreases_by_the_cost_of_each_accepted_message(self):
        self.assertEqual({"balance": 10.0, "currency": "EUR"}, self.api("GET", "/account/balance", headers=AUTH).json)
        self.send(key="a", text="x" * 161)  # two GSM-7 segments
        self.send(key="b", channel="viber", text="Γεια")
        self.assertAlmostEqual(10.0 - 2 * 0.045 - 0.03, self.api("GET", "/account/balance", headers=AUTH).json["balance"])

    def test_segment_counts_follow_gsm7_and_ucs2_limits(self):
        self.assertEqual(("gsm7", 1), sms_segments("a" * 160))
        self.assertEqual(("gsm7", 2), sms_segments("a" * 161))
        self.assertEqual(("gsm7", 2), sms_segments("€" * 81))  # extension characters cost two septets
        self.assertEqual(("ucs2", 1), sms_segments("α" * 70))
        self.assertEqual(("ucs2", 2), sms_segments("α" * 71))
        self.assertEqual(("ucs2", 3), sms_segments("α" * 135))
        viber = self.send(channel="viber", text="α" * 900)
        self.assertEqual(1, viber.json["segments"])

    def test_non_e164_numbers_are_400_invalid_number(self):
        for key, to in enumerate(["6912345678", "+30 6912345678", "00306912345678", "+0123456789", "", None]):
            response = self.send(key=f"k{key}", to=to)
            self.assertEqual((400, "invalid_number"), (response.status, response.error_code), to)
        self.assertEqual(0, self.messages()["count"])

    def test_other_bad_bodies_are_400_with_their_code(self):
        cases = [
            ({"channel": "fax"}, "invalid_channel"),
            ({"channel": None}, "invalid_channel"),
            ({"text": ""}, "invalid_text"),
            ({"channel": "viber", "text": "x" * 1001}, "text_too_long"),
            ({"from": "ThisIsTooLongAlias"}, "invalid_sender"),
            ({"reference": "r" * 65}, "invalid_reference"),
            ({"callback_url": "ftp://x"}, "invalid_callback_url"),
        ]
        for index, (override, code) in enumerate(cases):
            response = self.send(key=f"bad{index}", **override)
            self.assertEqual((400, code), (response.status, response.error_code), override)
        raw = self.api("POST", "/messages", raw=b"{not json", headers=dict(AUTH, **{"Idempotency-Key": "j"}))
        self.assertEqual((400, "invalid_json"), (raw.status, raw.error_code))
        unkeyed = self.send(key=None)
        self.assertEqual((400, "missing_idempotency_key"), (unkeyed.status, unkeyed.error_code))

    def test_wrong_or_missing_token_is_401_on_every_route(self):
        for authorization in (None, "Bearer nope", "tok-123", "Bearer tok-1234", "Bearer tök-123"):
            headers = {"Authorization": authorization} if authorization else {}
            rejected = self.send(authorization=authorization)
            self.assertEqual((401, "unauthorized"), (rejected.status, rejected.error_code), authorization)
            self.assertEqual(401, self.api("GET", "/account/balance", headers=headers).status)
            self.assertEqual(401, self.api("GET", "/messages/m_1", headers=headers).status)
        self.assertEqual(0, self.messages()["count"])

    def test_same_idempotency_key_is_409_with_the_original_id(self):
        first = self.send(key="uuid-1")
        again = self.send(key="uuid-1", text="a different text")
        self.assertEqual(409, again.status)
        self.assertEqual({"code": "duplicate", "id": first.json["id"]},
                         {k: again.json["error"][k] for k in ("code", "id")})
        listing = self.messages()
        self.assertEqual(1, listing["count"])
        self.assertEqual({"messages": 1, "requests": 2, "ids": [first.json["id"]]}, listing["by_idempotency_key"]["uuid-1"])

    def test_viber_unavailable_numbers_get_422_on_viber_only(self):
        self.fault(viber_unavailable=[NUMBER])
        viber = self.send(key="v", channel="viber")
        self.assertEqual((422, "viber_unavailable"), (viber.status, viber.error_code))
        self.assertEqual(202, self.send(key="s", channel="sms").status)
        self.assertEqual(202, self.send(key="other", channel="viber", to="+306900000000").status)

    def test_402_when_the_balance_runs_out_and_nothing_is_charged(self):
        self.control("POST", "config", {"balance": 0.05})
        self.assertEqual(202, self.send(key="a").status)
        broke = self.send(key="b")
        self.assertEqual((402, "insufficient_balance"), (broke.status, broke.error_code))
        self.assertAlmostEqual(0.005, self.api("GET", "/account/balance", headers=AUTH).json["balance"])
        self.assertEqual(1, self.messages()["count"])
        self.control("POST", "config", {"enforce_balance": False})
        self.assertEqual(202, self.send(key="b").status)

    def test_message_status_route_returns_the_contract_shape(self):
        sent = self.send(channel="viber")
        status = self.api("GET", "/messages/" + sent.json["id"], headers=AUTH)
        self.assertEqual(200, status.status)
        self.assertEqual({"id", "channel", "status", "updated_at"}, set(status.json))
        self.assertEqual(("viber", "queued"), (status.json["channel"], status.json["status"]))
        self.assertRegex(status.json["updated_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(404, self.api("GET", "/messages/m_unknown", headers=AUTH).status)


class LifecycleAndReportsTest(EmulatorTestCase):
    def test_advance_steps_queued_sent_delivered_with_signed_reports(self):
        message_id = self.send().json["id"]
        for expected in ("sent", "delivered"):
            result = self.control("POST", "advance", {"id": message_id}).json
            self.assertEqual(expected, result["messages"][0]["status"])
            self.assertEqual([200], [r["http_status"] for r in result["reports"]])
        self.assertEqual(["sent", "delivered"], self.receiver.statuses())
        body = self.receiver.reports[-1]["body"]
        self.assertEqual({"id": message_id, "channel": "sms", "status": "delivered", "reference": "order:1042:completed"},
                         {k: body[k] for k in ("id", "channel", "status", "reference")})
        self.assertEqual("delivered", self.api("GET", "/messages/" + message_id, headers=AUTH).json["status"])
        self.assertEqual(409, self.control("POST", "advance", {"id": message_id, "status": "sent"}).status)

    def test_advance_to_a_later_status_reports_each_step_in_order(self):
        message_id = self.send(channel="viber").json["id"]
        self.control("POST", "advance", {"id": message_id, "status": "read"})
        self.assertEqual(["sent", "delivered", "read"], self.receiver.statuses())
        sms_id = self.send(key="sms").json["id"]
        self.assertEqual(409, self.control("POST", "advance", {"id": sms_id, "status": "read"}).status)
        self.assertEqual(400, self.control("POST", "advance", {"id": sms_id, "status": "bogus"}).status)
        self.assertEqual(404, self.control("POST", "advance", {"id": "m_unknown"}).status)

    def test_out_of_order_and_duplicate_reports(self):
        self.fault(report_out_of_order=True, report_duplicate=True)
        message_id = self.send().json["id"]
        result = self.control("POST", "advance", {"id": message_id, "status": "delivered"}).json
        self.assertEqual(["delivered", "delivered", "sent", "sent"], [r["status"] for r in result["reports"]])
        self.assertEqual(["delivered", "delivered", "sent", "sent"], self.receiver.statuses())
        self.assertEqual("delivered", result["messages"][0]["status"])

    def test_viber_outcomes_per_number(self):
        self.fault(viber_outcome={NUMBER: "expired", "+306900000001": "failed", "+306900000002": "read"})
        ids = {to: self.send(key=to, to=to, channel="viber").json["id"] for to in (NUMBER, "+306900000001", "+306900000002")}
        for _ in range(4):
            self.control("POST", "advance", {})
        final = {m["to"]: m["status"] for m in self.messages()["messages"]}
        self.assertEqual({NUMBER: "expired", "+306900000001": "failed", "+306900000002": "read"}, final)
        expired_history = [h["status"] for h in self.messages()["messages"][0]["history"]]
        self.assertEqual(["queued", "sent", "expired"], expired_history)
        self.assertEqual("expired", self.api("GET", "/messages/" + ids[NUMBER], headers=AUTH).json["status"])

    def test_viber_read_is_optional(self):
        message_id = self.send(channel="viber").json["id"]
        self.control("POST", "advance", {"id": message_id, "status": "delivered"})
        self.assertEqual([], self.control("POST", "advance", {}).json["messages"])
        self.control("POST", "config", {"viber_read": True})
        self.assertEqual("read", self.control("POST", "advance", {}).json["messages"][0]["status"])

    def test_auto_advance_walks_messages_by_timers(self):
        self.control("POST", "config", {"auto_advance": True, "delays_ms": {"sent": 20, "delivered": 40}})
        message_id = self.send().json["id"]
        deadline = time.time() + 5
        while time.time() < deadline and self.receiver.statuses() != ["sent", "delivered"]:
            time.sleep(0.02)
        self.assertEqual(["sent", "delivered"], self.receiver.statuses())
        self.assertEqual("delivered", self.api("GET", "/messages/" + message_id, headers=AUTH).json["status"])

    def test_reset_stops_pending_auto_advance(self):
        self.control("POST", "config", {"auto_advance": True, "delays_ms": {"sent": 300}})
        self.send()
        self.control("POST", "reset")
        time.sleep(0.5)
        self.assertEqual([], self.receiver.statuses())

    def test_forged_and_unsigned_reports_on_demand(self):
        message_id = self.send().json["id"]
        results = {mode: self.control("POST", "report", {"id": message_id, "status": "delivered", "signature": mode}).json
                   for mode in ("valid", "wrong", "none")}
        self.assertEqual({"valid": 200, "wrong": 401, "none": 401},
                         {mode: r["reports"][0]["http_status"] for mode, r in results.items()})
        self.assertIsNone(self.receiver.reports[-1]["signature"])
        self.assertEqual("queued", self.messages()["messages"][0]["status"])  # a report alone moves nothing
        self.fault(report_signature="wrong")
        self.control("POST", "advance", {"id": message_id})
        self.assertFalse(self.receiver.reports[-1]["valid"])

    def test_reports_never_leave_loopback(self):
        message_id = self.send(callback_url="http://example.com/dlr").json["id"]
        report = self.control("POST", "advance", {"id": message_id}).json["reports"][0]
        self.assertIsNone(report["http_status"])
        self.assertIn("loopback", report["error"])
        self.assertEqual(1, self.control("GET", "reports").json["count"])


class FaultInjectionTest(EmulatorTestCase):
    def test_status_fault_for_the_next_n_sends_then_normal(self):
        self.fault(status=503, count=3)
        statuses = [self.send(key="same").status for _ in range(4)]
        self.assertEqual([503, 503, 503, 202], statuses)
        self.assertEqual({"messages": 1, "requests": 4}, {k: v for k, v in
                         self.messages()["by_idempotency_key"]["same"].items() if k != "ids"})

    def test_status_faults_carry_contract_bodies_retry_after_and_custom_bodies(self):
        self.fault(status=429, retry_after=30)
        throttled = self.send()
        self.assertEqual((429, "30", "throttled"), (throttled.status, throttled.headers["retry-after"], throttled.error_code))
        for status, code in ((400, "invalid_number"), (401, "unauthorized"), (402, "insufficient_balance"),
                             (409, "duplicate"), (422, "viber_unavailable"), (500, "server_error")):
            self.fault(status=status)
            response = self.send()
            self.assertEqual((status, code), (response.status, response.error_code))
        self.fault(status=409)
        self.assertRegex(self.send().json["error"]["id"], r"^m_[0-9a-f]{24}$")
        self.fault(status=502, body="<html>Bad gateway</html>")
        gateway = self.send()
        self.assertEqual((502, "<html>Bad gateway</html>"), (gateway.status, gateway.raw))

    def test_faults_are_consumed_in_order_and_only_by_their_scope(self):
        self.fault(status=500, scope="status")
        self.fault(status=429, count=1)
        self.fault(status=503, scope="any")
        self.assertEqual(429, self.send(key="a").status)
        self.assertEqual(500, self.api("GET", "/messages/m_x", headers=AUTH).status)
        self.assertEqual(503, self.api("GET", "/account/balance", headers=AUTH).status)
        self.assertEqual(202, self.send(key="a").status)
        self.assertEqual([], self.control("GET", "faults").json["request_faults"])

    def test_delay_fault_delays_then_answers_normally(self):
        self.fault(delay_ms=400)
        started = time.monotonic()
        response = self.send()
        self.assertGreaterEqual(time.monotonic() - started, 0.39)
        self.assertEqual(202, response.status)
        self.fault(delay_ms=1500)
        with self.assertRaises(OSError):  # socket.timeout is an OSError: how a client timeout looks
            self.api("POST", "/messages", {"to": NUMBER, "channel": "sms", "text": "x"},
                     dict(AUTH, **{"Idempotency-Key": "slow"}), timeout=0.3)

    def test_drop_closes_the_connection_without_a_response(self):
        self.fault(drop=True, count=2)
        for _ in range(2):
            with self.assertRaises((ConnectionError, OSError)):
                self.send(key="d")
        self.assertEqual(202, self.send(key="d").status)
        log = self.control("GET", "requests", query="?path=/messages").json["requests"]
        self.assertEqual([(None, "drop"), (None, "drop"), (202, None)], [(r["response_status"], r["fault"]) for r in log])

    def test_accept_then_drop_stores_the_message_and_a_retry_gets_409(self):
        self.fault(accept_then_drop=1)
        with self.assertRaises((ConnectionError, OSError)):
            self.send(key="uuid-7")
        stored = self.messages()
        self.assertEqual(1, stored["count"])
        retry = self.send(key="uuid-7")
        self.assertEqual((409, stored["messages"][0]["id"]), (retry.status, retry.json["error"]["id"]))
        self.assertEqual({"messages": 1, "requests": 2}, {k: v for k, v in
                         self.messages()["by_idempotency_key"]["uuid-7"].items() if k != "ids"})

    def test_bad_fault_specs_are_400_and_change_nothing(self):
        for spec in ({"status": 99}, {"count": 2}, {"status": 500, "count": 0}, {"sttaus": 500},
                     {"viber_outcome": {NUMBER: "lost"}}, {"drop": True, "status": 500},
                     {"scope": "everything", "status": 500}, {"report_signature": "maybe"}, {}):
            self.assertEqual(400, self.control("POST", "faults", spec).status, spec)
        self.assertEqual([], self.control("GET", "faults").json["request_faults"])

    def test_injected_faults_come_before_the_token_check(self):
        self.fault(status=503)
        self.assertEqual(503, self.send(authorization="Bearer wrong").status)
        self.assertEqual(401, self.send(authorization="Bearer wrong").status)

    def test_concurrent_retries_of_one_key_make_one_message(self):
        self.fault(delay_ms=200, count=8)
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = sorted(pool.map(lambda _: self.send(key="racing").status, range(8)))
        self.assertEqual([202] + [409] * 7, statuses)
        self.assertEqual(1, self.messages()["count"])
        self.assertAlmostEqual(10.0 - 0.045, self.api("GET", "/account/balance", headers=AUTH).json["balance"])

    def test_clear_drops_queued_faults(self):
        self.fault(status=500, count=5)
        self.fault(clear=True)
        self.assertEqual(202, self.send().status)


class ControlApiTest(EmulatorTestCase):
    def test_request_log_records_headers_body_and_status(self):
        self.send(key="uuid-log", text="Γεια σας")
        self.api("GET", "/account/balance", headers=AUTH)
        entries = self.control("GET", "requests").json["requests"]
        self.assertEqual(["POST", "GET"], [e["method"] for e in entries])
        first = entries[0]
        self.assertEqual(("Bearer tok-123", "uuid-log", 202), (first["authorization"], first["idempotency_key"], first["response_status"]))
        self.assertEqual("Γεια σας", first["body"]["text"])
        filtered = self.control("GET", "requests", query="?method=GET").json
        self.assertEqual(1, filtered["count"])
        since = self.control("GET", "requests", query=f"?since={first['seq']}").json["requests"]
        self.assertEqual(["/api/v1/account/balance"], [e["path"] for e in since])
        by_key = self.control("GET", "requests", query="?idempotency_key=uuid-log").json
        self.assertEqual(1, by_key["count"])

    def test_config_changes_token_and_rejects_unknown_keys(self):
        self.assertEqual(200, self.control("POST", "config", {"token": "new"}).status)
        self.assertEqual(401, self.send().status)
        self.assertEqual(202, self.send(authorization="Bearer new").status)
        for bad in ({"tokn": "x"}, {"balance": "lots"}, {"auto_advance": 1}, {"delays_ms": {"sent": -1}}):
            self.assertEqual(400, self.control("POST", "config", bad).status, bad)
        self.assertEqual("new", self.control("GET", "config").json["token"])

    def test_reset_restores_defaults_and_forgets_everything(self):
        self.control("POST", "config", {"token": "other", "balance": 1.0})
        self.fault(status=500, viber_unavailable=[NUMBER])
        self.send(authorization="Bearer other")
        self.control("POST", "reset")
        self.assertEqual(("tok-123", 10.0), tuple(self.control("GET", "config").json[k] for k in ("token", "balance")))
        self.assertEqual(0, self.messages()["count"])
        self.assertEqual(0, self.control("GET", "requests").json["count"])
        self.assertEqual([], self.control("GET", "faults").json["viber_unavailable"])

    def test_malformed_requests_get_an_answer_not_a_crash(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(b"POST /messages HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n")
            self.assertIn(b" 400 ", sock.recv(4096).split(b"\r\n")[0] + b" ")
        self.assertEqual(200, self.control("GET", "health").status)

    def test_unknown_routes_are_404(self):
        self.assertEqual(404, self.control("GET", "nothing").status)
        self.assertEqual(404, self.api("GET", "/nothing", headers=AUTH).status)
        self.assertEqual(404, self.api("DELETE", "/messages", headers=AUTH).status)


class CommandLineTest(unittest.TestCase):
    def test_refuses_to_listen_anywhere_but_loopback(self):
        for host in ("0.0.0.0", "::", "192.168.1.10", "localhost"):
            result = subprocess.run([sys.executable, os.path.join(HERE, "mmp_emulator.py"), "--host", host, "--port", "0"],
                                    capture_output=True, text=True, timeout=10)
            self.assertEqual(2, result.returncode, host)
            self.assertIn("127.0.0.1 only", result.stderr)

    def test_starts_and_announces_its_port(self):
        process = subprocess.Popen([sys.executable, os.path.join(HERE, "mmp_emulator.py"), "--port", "0", "--token", "cli"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = process.stdout.readline()
            port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))
            self.assertEqual(200, call(port, "GET", "/__emulator/health").status)
            self.assertEqual(200, call(port, "GET", "/account/balance", headers={"Authorization": "Bearer cli"}).status)
        finally:
            process.terminate()
            process.wait(timeout=5)
            process.stdout.close()
            process.stderr.close()


if __name__ == "__main__":
    unittest.main(verbosity=1)
