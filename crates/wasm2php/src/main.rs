//! `wasm2php translate IN.wasm --out DIR --namespace NS [--runtime-namespace RNS]`

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: wasm2php translate IN.wasm --out DIR --namespace NS [--runtime-namespace RNS]";

struct Args {
    input: PathBuf,
    out: PathBuf,
    options: wasm2php::Options,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    if args.next().as_deref() != Some("translate") {
        return Err(USAGE.to_string());
    }
    let (mut input, mut out, mut namespace, mut runtime_namespace) = (None, None, None, None);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--namespace" => namespace = Some(value("--namespace")?),
            "--runtime-namespace" => runtime_namespace = Some(value("--runtime-namespace")?),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            path if input.is_none() => input = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument {extra}\n{USAGE}")),
        }
    }
    Ok(Args {
        input: input.ok_or_else(|| format!("missing IN.wasm\n{USAGE}"))?,
        out: out.ok_or_else(|| format!("missing --out DIR\n{USAGE}"))?,
        options: wasm2php::Options {
            namespace: namespace.ok_or_else(|| format!("missing --namespace NS\n{USAGE}"))?,
            runtime_namespace,
        },
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let wasm = match std::fs::read(&args.input) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("wasm2php: cannot read {}: {err}", args.input.display());
            return ExitCode::from(1);
        }
    };
    let output = match wasm2php::translate(&wasm, &args.options) {
        Ok(output) => output,
        Err(err) => {
            eprintln!("wasm2php: {}: {err}", args.input.display());
            return ExitCode::from(1);
        }
    };
    for warning in &output.warnings {
        eprintln!("wasm2php: warning: {warning}");
    }
    if let Err(err) = wasm2php::write_output(&args.out, &output) {
        eprintln!("wasm2php: cannot write {}: {err}", args.out.display());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
