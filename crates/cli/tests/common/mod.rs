//! Running the built `mmp-core` binary the way the hosts' scripts do.

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mmp-core"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut input) = child.stdin.take() {
        // A bad invocation exits before reading stdin: a broken pipe here is
        // expected and the exit code tells the rest.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("the binary finishes")
}
