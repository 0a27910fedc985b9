//! `mmp-core call <op>`: reads the op's input JSON on stdin, prints the reply
//! JSON on stdout. Error replies (`{"error":…}`) exit 0 like any reply; only an
//! unusable invocation exits 2, with the usage on stderr. `batch` (many calls,
//! one per line) and `bench` serve the differential tests and benchmarks.

use std::io::{self, Read, Write};
use std::process::ExitCode;

mod batch;
mod bench;

const USAGE: &str = "usage: mmp-core call <op>   (input JSON on stdin, reply JSON on stdout)
       mmp-core batch       (lines `<op> TAB <input JSON>` on stdin, one reply line each on stdout)
       mmp-core bench <op> <iterations>   (input JSON on stdin, median time per call as JSON)
ops: ";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let op = match args.as_slice() {
        [command, op] if command == "call" => op,
        [command] if command == "batch" => return batch::run(),
        [command, op, iterations] if command == "bench" => return bench::run(op, iterations),
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}{}", mmp_core::OPS.join(", "));
            return ExitCode::SUCCESS;
        }
        _ => return usage_error("expected: call <op> | batch | bench <op> <iterations>"),
    };
    let mut input = Vec::new();
    if let Err(err) = io::stdin().read_to_end(&mut input) {
        return usage_error(&format!("cannot read stdin: {err}"));
    }
    let reply = reply_for(op, &input);
    let mut stdout = io::stdout().lock();
    match writeln!(stdout, "{reply}").and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mmp-core: cannot write the reply: {err}");
            ExitCode::from(1)
        }
    }
}

/// The reply for raw stdin bytes; bytes that are not UTF-8 get a
/// `bad_request` reply like any other malformed input.
fn reply_for(op: &str, input: &[u8]) -> String {
    match std::str::from_utf8(input) {
        Ok(text) => mmp_core::call(op, text),
        Err(err) => mmp_core::CoreError::bad_request(format!("input is not UTF-8: {err}"))
            .to_json()
            .to_string(),
    }
}

fn usage_error(problem: &str) -> ExitCode {
    eprintln!("mmp-core: {problem}\n{USAGE}{}", mmp_core::OPS.join(", "));
    ExitCode::from(2)
}
