//! `mmp-core batch`: many calls in one process, for the differential tests
//! against the other hosts (spawning one process per call is far too slow).
//!
//! Each stdin line is `<op>\t<input JSON>`; each stdout line is the reply JSON
//! of the line with the same number. Compact JSON has no raw newline or tab
//! outside strings and escapes both inside them, so a line is always one call.
//! The input goes through [`mmp_core::call`] as text, exactly like the .wasm's
//! `mmp_call` does.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

pub fn run() -> ExitCode {
    let stdin = io::stdin().lock();
    let mut stdout = BufWriter::new(io::stdout().lock());
    for (number, line) in stdin.split(b'\n').enumerate() {
        let reply = match line {
            Ok(bytes) => reply_for_line(&bytes),
            Err(err) => {
                eprintln!("mmp-core batch: cannot read line {}: {err}", number + 1);
                return ExitCode::from(1);
            }
        };
        if let Err(err) = writeln!(stdout, "{reply}") {
            eprintln!("mmp-core batch: cannot write the reply: {err}");
            return ExitCode::from(1);
        }
    }
    match stdout.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mmp-core batch: cannot write the reply: {err}");
            ExitCode::from(1)
        }
    }
}

fn reply_for_line(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let Ok(line) = std::str::from_utf8(bytes) else {
        return bad_request("line is not UTF-8");
    };
    match line.split_once('\t') {
        Some((op, input)) => mmp_core::call(op, input),
        None => bad_request("line must be <op> TAB <input JSON>"),
    }
}

fn bad_request(message: &str) -> String {
    mmp_core::CoreError::bad_request(format!("batch: {message}"))
        .to_json()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_an_op_and_its_input() {
        let reply = reply_for_line("segments\t{\"text\":\"Hello\"}".as_bytes());
        assert_eq!(reply, mmp_core::call("segments", r#"{"text":"Hello"}"#));
    }

    #[test]
    fn a_line_without_a_tab_is_a_bad_request() {
        assert!(reply_for_line(b"segments").contains("bad_request"));
        assert!(reply_for_line(b"\xff\t{}").contains("not UTF-8"));
    }
}
