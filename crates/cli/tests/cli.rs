//! The `mmp-core` binary as the hosts' test scripts use it.

mod common;

use common::run;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout)
        .trim_end()
        .to_owned()
}

#[test]
fn call_prints_the_reply_json() {
    let output = run(
        &["call", "segments"],
        r#"{"text":"Γεια σου Μαρία!","transliterate":true}"#.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        r#"{"encoding":"gsm7","per_segment":160,"segments":1,"text":"ΓEIA ΣOY MAPIA!","units":15}"#
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn error_replies_exit_zero() {
    for (op, input) in [
        ("render", &b"{not json"[..]),
        ("teleport", b"{}"),
        ("segments", b"\xff\xfe"),
        ("segments", b""),
    ] {
        let output = run(&["call", op], input);
        assert_eq!(output.status.code(), Some(0), "{op}");
        assert!(
            stdout(&output).starts_with(r#"{"error":{"code":"bad_request","#),
            "{op}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn bad_invocations_exit_two_with_usage() {
    for args in [
        &[][..],
        &["call"],
        &["render"],
        &["call", "render", "extra"],
    ] {
        let output = run(args, b"{}");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage: mmp-core call <op>"));
    }
}

#[test]
fn help_lists_the_ops() {
    let output = run(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("plan_batch"));
}

#[test]
fn plan_through_the_binary() {
    let input = r#"{"kind":"manual","now":"2026-11-28T10:00:00Z","settings":{"routing":"viber2sms"},
        "recipient":{"phone":"+30 691 234 5678"},"template":"Hi {first_name|there}","vars":{}}"#;
    let output = run(&["call", "plan"], input.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let reply = stdout(&output);
    assert!(reply.contains(r#""action":"send""#), "{reply}");
    assert!(reply.contains(r#""to":"+306912345678""#), "{reply}");
    assert!(reply.contains(r#""channels":["viber","sms"]"#), "{reply}");
}
