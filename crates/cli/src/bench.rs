//! `mmp-core bench <op> <iterations>`: the native column of `./build.sh bench`.
//! Reads the op's input JSON on stdin, calls the core `iterations` times (after
//! a warm-up) and prints `{"op":…,"iterations":…,"median_ns":…,"min_ns":…}`.

use std::io::{self, Read};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(op: &str, iterations: &str) -> ExitCode {
    let Ok(iterations) = iterations.parse::<usize>() else {
        eprintln!("mmp-core bench: iterations must be a positive number, got {iterations}");
        return ExitCode::from(2);
    };
    let mut input = String::new();
    if let Err(err) = io::stdin().read_to_string(&mut input) {
        eprintln!("mmp-core bench: cannot read stdin: {err}");
        return ExitCode::from(2);
    }
    if iterations == 0 || !mmp_core::OPS.contains(&op) {
        eprintln!("mmp-core bench: expected a known op and at least one iteration");
        return ExitCode::from(2);
    }
    for _ in 0..iterations.min(100) {
        std::hint::black_box(mmp_core::call(op, &input));
    }
    let mut samples: Vec<u128> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(mmp_core::call(op, std::hint::black_box(&input)));
            start.elapsed().as_nanos()
        })
        .collect();
    samples.sort_unstable();
    println!(
        r#"{{"op":"{op}","iterations":{iterations},"median_ns":{},"min_ns":{}}}"#,
        samples[samples.len() / 2],
        samples[0]
    );
    ExitCode::SUCCESS
}
