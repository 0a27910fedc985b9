//! Bounds-check elimination over a function's finished lines.
//!
//! Loads and stores write their bounds check as a marker naming the address base (a PHP
//! expression over local variables, or "" for constant addresses) and the end of the access
//! (offset + size). Memory never shrinks, so once a check of `base + end` has run, any later
//! access to `base + e` with `e <= end` is in bounds as long as the variables in `base` keep
//! their values. `resolve` walks the lines in order and drops such checks; everything else
//! becomes the ordinary check. A dropped check could never have trapped, so trap order and the
//! side effects before a trap are unchanged.
//!
//! Facts are only learnt from checks that run whenever their line runs (statements, and the
//! conditions of `if` lines), also for later checks in the same line, and are forgotten at every
//! label, block end, `else` and `switch` (control may arrive from elsewhere), and when a
//! variable the base reads is assigned.

use std::collections::HashMap;

const START: char = '\u{2}';
const SEP: char = '\u{4}';
const END: char = '\u{3}';

/// The marker for a check that `base + end` (bytes) lies within memory; `check` is the PHP
/// written when the check stays. `base` is "" for constant addresses.
pub fn marker(base: &str, end: u64, check: &str) -> String {
    format!("{START}{base}{SEP}{end}{SEP}{check}{END}")
}

/// The PHP of a load's check, before its read: `(check ? Rt::oob() : read)`.
pub fn load_check(base: &str, end: u64) -> String {
    let limit = if base.is_empty() {
        end.to_string()
    } else {
        format!("({base} + {end})")
    };
    marker(base, end, &format!("{limit} > strlen($m) ? Rt::oob() : "))
}

/// Replaces the markers in `lines`, dropping the checks earlier checks make redundant.
pub fn resolve(lines: &mut [String]) {
    let mut facts: HashMap<String, u64> = HashMap::new();
    for line in lines.iter_mut() {
        let text = line.trim_start();
        let joins = text.starts_with('}')
            || text.starts_with("case ")
            || text.starts_with("default:")
            || text.starts_with("switch")
            || (text.starts_with('L') && text.ends_with(':'));
        if joins {
            facts.clear();
        }
        if !line.contains(START) {
            forget_assigned(&mut facts, line);
            continue;
        }
        // The condition of an `if` runs whenever its line does, its statement may not: learn only
        // from `if (…) {`, `if (…) goto L…;` and `if (…) return;`, whose checks are all in the
        // condition. Other lines are statements, run in full: their checks run in text order
        // (generated code puts no load inside a conditional expression).
        let teaches = !text.starts_with("if ")
            || text.ends_with('{')
            || text.ends_with(" return;")
            || text
                .rsplit_once(" goto L")
                .is_some_and(|(_, label)| label.trim_end_matches(';').parse::<u32>().is_ok());
        let mut out = String::with_capacity(line.len());
        let mut rest = line.as_str();
        while let Some(at) = rest.find(START) {
            // Statements completed before this check have run; the one containing it assigns
            // only after evaluating it (and is forgotten with the whole line below).
            let before = &rest[..at];
            forget_assigned(
                &mut facts,
                &before[..before.rfind(';').map_or(0, |i| i + 1)],
            );
            out.push_str(&rest[..at]);
            let after = &rest[at + START.len_utf8()..];
            let Some(close) = after.find(END) else {
                break;
            };
            let mut parts = after[..close].splitn(3, SEP);
            let (base, end, check) = (
                parts.next().unwrap_or(""),
                parts.next().and_then(|e| e.parse::<u64>().ok()),
                parts.next().unwrap_or(""),
            );
            rest = &after[close + END.len_utf8()..];
            match end {
                Some(end) if facts.get(base).is_some_and(|known| *known >= end) => {
                    // Redundant; drop it together with the space that separated it.
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
                Some(end) => {
                    out.push_str(check);
                    if teaches && reads_only_variables(base) {
                        let known = facts.entry(base.to_string()).or_insert(0);
                        *known = (*known).max(end);
                    }
                }
                None => out.push_str(check),
            }
        }
        out.push_str(rest);
        // The whole line has run: what it assigned no longer has the values checked above.
        forget_assigned(&mut facts, &out);
        *line = out;
    }
}

/// Bases made of local variables, temporaries and literals only: globals (`$c->g0`) may change
/// in any call, so facts about them are not kept.
fn reads_only_variables(base: &str) -> bool {
    !base.contains("->") && !base.contains("::") && !base.contains('[')
}

/// Drops the facts whose base reads a variable `line` assigns (`$x = …`, `[$a, $b] = …`).
fn forget_assigned(facts: &mut HashMap<String, u64>, line: &str) {
    if facts.is_empty() {
        return;
    }
    let mut assigned: Vec<&str> = Vec::new();
    for (at, _) in line.match_indices(" = ") {
        let before = &line[..at];
        if let Some(list) = before.strip_suffix(']') {
            // `[$t1, $t2] = …` assigns every name in the list; `$m[$sa] = …` writes memory.
            if let Some(open) = list.rfind('[') {
                if !list[..open].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                    assigned.extend(list[open + 1..].split(", ").map(str::trim));
                }
            }
            continue;
        }
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            .map_or(0, |i| i + 1);
        let name = &before[start..];
        if name.starts_with('$') {
            assigned.push(name);
        }
    }
    if assigned.is_empty() {
        return;
    }
    facts.retain(|base, _| !assigned.iter().any(|name| mentions(base, name)));
}

/// Whether `code` reads variable `name` (and not merely a longer name starting with it).
fn mentions(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(at, _)| {
        !code[at + name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(base: &str, end: u64) -> String {
        format!("$l9 = ({}unpack('la', $m, 0)['a']);", load_check(base, end))
    }

    fn resolved(lines: &[String]) -> Vec<String> {
        let mut lines = lines.to_vec();
        resolve(&mut lines);
        lines
    }

    #[test]
    fn a_check_within_an_earlier_one_on_the_same_base_is_dropped() {
        let b = "($l0 & 4294967295)";
        let out = resolved(&[load(b, 12), load(b, 8), load(b, 16)]);
        assert!(out[0].contains("(($l0 & 4294967295) + 12) > strlen($m)"));
        assert_eq!(out[1], "$l9 = (unpack('la', $m, 0)['a']);");
        assert!(
            out[2].contains("+ 16) > strlen($m)"),
            "a longer access keeps its check"
        );
    }

    #[test]
    fn assignments_labels_and_blocks_forget_facts() {
        let b = "($l0 & 4294967295)";
        let kept = |lines: Vec<String>| {
            let out = resolved(&lines);
            assert!(out[2].contains("strlen($m)"), "{out:?}");
        };
        kept(vec![load(b, 12), "$l0 = 5;".into(), load(b, 4)]);
        kept(vec![
            load(b, 12),
            "[$t1, $l0] = F0::f1($c, $d);".into(),
            load(b, 4),
        ]);
        kept(vec![load(b, 12), "L3:".into(), load(b, 4)]);
        kept(vec![load(b, 12), "}".into(), load(b, 4)]);
        kept(vec![load(b, 12), "} else {".into(), load(b, 4)]);
        // A memory write or an assignment to another variable changes nothing.
        let out = resolved(&[
            load(b, 12),
            "$m[$sa] = $by[$l1 & 255]; $l01 = 2;".into(),
            load(b, 4),
        ]);
        assert!(!out[2].contains("strlen($m)"), "{out:?}");
    }

    #[test]
    fn checks_earlier_in_a_line_and_in_branch_conditions_teach() {
        let b = "($l3 & 4294967295)";
        let store = format!(
            "$sa = {b} + 4; $sv = ({}0); {} $m[$sa] = 1;",
            load_check(b, 8),
            marker(b, 8, "if ($sa + 4 > strlen($m)) Rt::oob();")
        );
        let out = resolved(&[store]);
        assert_eq!(
            out[0],
            "$sa = ($l3 & 4294967295) + 4; $sv = ((($l3 & 4294967295) + 8) > strlen($m) ? Rt::oob() : 0); $m[$sa] = 1;"
        );
        let out = resolved(&[
            format!("if (({}0) !== 3) goto L2;", load_check(b, 8)),
            load(b, 8),
        ]);
        assert!(!out[1].contains("strlen($m)"), "{out:?}");
        // A line assigning the base between two checks keeps the second one.
        let out = resolved(&[format!(
            "$sv = ({}0); $l3 = 1; $l9 = ({}0);",
            load_check(b, 8),
            load_check(b, 4)
        )]);
        assert_eq!(out[0].matches("strlen($m)").count(), 2, "{out:?}");
    }

    #[test]
    fn only_unconditional_checks_teach() {
        let b = "($l0 & 4294967295)";
        let out = resolved(&[
            format!("if ($l1) $l9 = ({}0);", load_check(b, 12)),
            load(b, 4),
        ]);
        assert!(out[1].contains("strlen($m)"), "{out:?}");
        let g = "($c->g0 & 4294967295)";
        let out = resolved(&[load(g, 12), load(g, 4)]);
        assert!(
            out[1].contains("strlen($m)"),
            "globals change in calls: {out:?}"
        );
    }

    #[test]
    fn constant_addresses_share_one_base() {
        let out = resolved(&[load("", 70000), load("", 69000)]);
        assert!(out[0].contains("(70000 > strlen($m) ? Rt::oob() : unpack("));
        assert_eq!(out[1], "$l9 = (unpack('la', $m, 0)['a']);");
    }
}
