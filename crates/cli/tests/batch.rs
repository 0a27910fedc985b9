//! `mmp-core batch` and `mmp-core bench` as tests/php and tests/bench use them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mmp-core"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("the binary finishes")
}

#[test]
fn batch_answers_each_line_in_order_like_call() {
    let input = "segments\t{\"text\":\"Hello\"}\nnope\t{}\nsegments\t{\"text\":\"line\\nbreak\"}\n";
    let output = run(&["batch"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], mmp_core::call("segments", r#"{"text":"Hello"}"#));
    assert!(lines[1].contains("\"bad_request\""));
    assert_eq!(
        lines[2],
        mmp_core::call("segments", r#"{"text":"line\nbreak"}"#)
    );
}

#[test]
fn bench_prints_the_median() {
    let output = run(&["bench", "segments", "50"], br#"{"text":"Hello"}"#);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.starts_with(r#"{"op":"segments","iterations":50,"median_ns":"#),
        "{text}"
    );
    assert_eq!(
        run(&["bench", "segments", "zero"], b"{}").status.code(),
        Some(2)
    );
}
