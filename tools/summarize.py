#!/usr/bin/env python3
"""Recap of ./build.sh test: one line per suite with its runner's own counts
(cargo, PHPUnit, node --test, pytest or a plain "N passed, N failed" line), or
the SKIPPED line the suite printed, then the grand total as a plain line."""
import re
import sys
from pathlib import Path

PATTERNS = [
    # cargo test / nextest: many result lines, summed.
    ("sum", re.compile(r"test result: \w+\. (\d+) passed; (\d+) failed(?:; (\d+) ignored)?")),
    # PHPUnit
    ("last", re.compile(r"^OK \((\d+) tests?, \d+ assertions?\)")),
    ("phpunit_fail", re.compile(r"^Tests: (\d+), Assertions: \d+(?:, Errors: (\d+))?(?:, Failures: (\d+))?(?:, Errors: (\d+))?(?:, Skipped: (\d+))?")),
    # plain line, also printed by our own runners
    ("last", re.compile(r"^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$")),
]


def counts(text: str):
    passed = failed = skipped = 0
    found = False
    for line in text.splitlines():
        line = line.strip()
        m = PATTERNS[0][1].search(line)
        if m:
            found = True
            passed += int(m[1]); failed += int(m[2]); skipped += int(m[3] or 0)
    if found:
        return passed, failed, skipped
    node = {k: int(v) for k, v in re.findall(r"^(?:#|ℹ) (pass|fail|skipped) (\d+)\s*$", text, re.M)}
    if "pass" in node:
        return node["pass"], node.get("fail", 0), node.get("skipped", 0)
    ran = re.findall(r"^Ran (\d+) tests? in ", text, re.M)
    if ran:  # Python unittest
        total = int(ran[-1])
        bad = re.findall(r"^FAILED \((?:failures=(\d+))?(?:, )?(?:errors=(\d+))?", text, re.M)
        failed = sum(int(x or 0) for x in bad[-1]) if bad else 0
        skip = re.findall(r"^OK \(skipped=(\d+)\)", text, re.M)
        skipped = int(skip[-1]) if skip else 0
        return total - failed - skipped, failed, skipped
    last = None
    for line in text.splitlines():
        line = line.strip()
        if m := PATTERNS[1][1].search(line):
            last = (int(m[1]), 0, 0)
        elif m := PATTERNS[2][1].search(line):
            total = int(m[1]); bad = sum(int(x or 0) for x in (m[2], m[3], m[4])); skip = int(m[5] or 0)
            last = (total - bad - skip, bad, skip)
        elif m := PATTERNS[3][1].search(line):
            last = (int(m[1]), int(m[2]), int(m[3] or 0))
    return last


def main() -> int:
    logs = Path(sys.argv[1])
    totals = [0, 0, 0]
    for entry in sys.argv[2:]:
        suite = entry.split("|", 1)[0]
        log = logs / f"{suite}.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        status = (logs / f"{suite}.status").read_text().strip() if (logs / f"{suite}.status").exists() else "not run"
        skipped = re.findall(r"^SKIPPED .*$", text, re.M)
        result = counts(text)
        if result:
            p, f, s = result
            totals[0] += p; totals[1] += f; totals[2] += s
            print(f"{suite}: {p} passed, {f} failed, {s} skipped ({status})")
        elif skipped:
            print(skipped[-1])
        else:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            last = lines[-1] if lines else "no output"
            print(f"{last if last.startswith(suite + ':') else suite + ': ' + last} ({status})")
            if status != "exit 0":
                totals[1] += 1
        for line in skipped if result else []:
            print(line)
    print(f"{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
