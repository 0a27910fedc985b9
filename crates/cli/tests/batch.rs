//! `mmp-core batch` and `mmp-core bench` as tests/php and tests/bench use them.

mod common;

use common::run;

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
