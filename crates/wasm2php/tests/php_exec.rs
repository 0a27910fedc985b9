//! Translates small modules and runs the generated PHP with the `php` CLI.
//! Skipped (with a note on stderr) when `php` is not installed.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn php_available() -> bool {
    Command::new("php")
        .arg("-v")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Translates each `(namespace suffix, wat)` into one temp dir and runs `script` (PHP without
/// `<?php`), which can use `$dir`. Returns stdout; panics with stderr when PHP fails.
fn run(modules: &[(&str, &str)], script: &str) -> Option<String> {
    run_with(&[], modules, script)
}

/// Like `run`, with extra `php -d` settings.
fn run_with(settings: &[&str], modules: &[(&str, &str)], script: &str) -> Option<String> {
    if !php_available() {
        eprintln!("php not installed: skipping");
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "wasm2php-test-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let mut requires = String::new();
    for (name, wat) in modules {
        let wasm = wat::parse_str(wat).expect("test module parses");
        let options = wasm2php::Options {
            namespace: format!("W2pTest\\{name}"),
            runtime_namespace: Some("W2pTest\\Rt".into()),
        };
        let output = wasm2php::translate(&wasm, &options).expect("test module translates");
        let out: PathBuf = dir.join(name);
        wasm2php::write_output(&out, &output).unwrap();
        requires.push_str(&format!("require '{}/autoload.php';\n", out.display()));
    }
    let source = format!("<?php\nuse W2pTest\\Rt\\{{Trap, LinkError, Func, Memory, GlobalVar, Table}};\n{requires}{script}\n");
    let path = dir.join("test.php");
    std::fs::write(&path, source).unwrap();
    let mut php = Command::new("php");
    php.arg("-d").arg("error_reporting=-1");
    for setting in settings {
        php.arg("-d").arg(setting);
    }
    let result = php.arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&result.stdout).to_string();
    assert!(
        result.status.success() && !stdout.contains("Warning") && !stdout.contains("Deprecated"),
        "php failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Some(stdout)
}

fn trap_of(expr: &str) -> String {
    format!("try {{ {expr}; echo \"no trap\\n\"; }} catch (Trap $e) {{ echo $e->getMessage(), \"\\n\"; }}\n")
}

#[test]
fn integer_arithmetic_wraps_and_traps() {
    let wat = r#"(module
        (func (export "add32") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
        (func (export "mul32") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
        (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
        (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
        (func (export "divu64") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
        (func (export "shru32") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
        (func (export "lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
        (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))"#;
    let script = String::from("$m = W2pTest\\A\\Module::instantiate();\n")
        + "echo implode(' ', [$m->call('add32', [2147483647, 1])[0], $m->call('mul32', [65536, 65537])[0],\n"
        + "  $m->call('mul64', [PHP_INT_MAX, 3])[0], $m->call('add64', [PHP_INT_MAX, 1])[0],\n"
        + "  $m->call('divu64', [-1, 2])[0], $m->call('shru32', [-1, 36])[0], $m->call('lt_u', [1, -1])[0]]), \"\\n\";\n"
        + &trap_of("$m->call('div', [1, 0])")
        + &trap_of("$m->call('div', [-2147483648, -1])");
    let Some(out) = run(&[("A", wat)], &script) else {
        return;
    };
    assert_eq!(
        out,
        "-2147483648 65536 9223372036854775805 -9223372036854775808 9223372036854775807 268435455 1\n\
         integer divide by zero\ninteger overflow\n"
    );
}

#[test]
fn floats_keep_nan_bits_and_round_like_f32() {
    let wat = r#"(module
        (func (export "neg64") (param f64) (result f64) (f64.neg (local.get 0)))
        (func (export "add32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
        (func (export "id32") (param f32) (result f32) (local.get 0))
        (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
        (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
        (func (export "sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0))))"#;
    let script = String::from("$m = W2pTest\\F\\Module::instantiate();\n")
        + "printf(\"%x %x %x\\n\", $m->callRaw('neg64', [0x7ff8000000000001])[0], $m->callRaw('id32', [0x7fa00001])[0],\n"
        + "  $m->callRaw('add32', [0x3f800000, 0x33800001])[0]);\n"
        + "var_dump($m->call('add32', [0.1, 0.2])[0], $m->call('nearest', [2.5])[0], $m->call('nearest', [-0.5])[0], $m->call('sat', [1e30])[0]);\n"
        + &trap_of("$m->call('trunc', [NAN])")
        + &trap_of("$m->call('trunc', [2147483648.0])");
    let Some(out) = run(&[("F", wat)], &script) else {
        return;
    };
    assert_eq!(
        out,
        "fff8000000000001 7fa00001 3f800001\nfloat(0.30000001192092896)\nfloat(2)\nfloat(-0)\nint(-1)\n\
         invalid conversion to integer\ninteger overflow\n"
    );
}

#[test]
fn memory_loads_stores_grow_and_bulk_operations() {
    let wat = r#"(module
        (memory (export "mem") 1 3)
        (data (i32.const 8) "abcdef")
        (data $p "XYZ")
        (func (export "ld") (param i32) (result i32) (i32.load16_s offset=2 (local.get 0)))
        (func (export "st64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "size") (result i32) (memory.size))
        (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
        (func (export "init") (param i32) (memory.init $p (local.get 0) (i32.const 1) (i32.const 2)) (data.drop $p)))"#;
    let script = String::from("$m = W2pTest\\M\\Module::instantiate(); $mem = $m->memory('mem');\n")
        + "echo $m->call('ld', [6])[0], ' ', $mem->read(8, 6), \"\\n\";\n"
        + "$m->call('st64', [0, -2]); echo bin2hex($mem->read(0, 8)), \"\\n\";\n"
        + "$m->call('copy', [9, 8, 4]); $m->call('init', [20]); echo $mem->read(8, 6), ' ', $mem->read(20, 2), \"\\n\";\n"
        + "echo $m->call('grow', [1])[0], ' ', $m->call('grow', [5])[0], ' ', $m->call('size')[0], \"\\n\";\n"
        + &trap_of("$m->call('ld', [131070])")
        + &trap_of("$m->call('init', [0])")
        + &trap_of("$m->call('copy', [0, 131070, 4])");
    let Some(out) = run(&[("M", wat)], &script) else {
        return;
    };
    assert_eq!(
        out,
        "25185 abcdef\nfeffffffffffffff\naabcdf YZ\n1 -1 2\n\
         out of bounds memory access\nout of bounds memory access\nout of bounds memory access\n"
    );
}

#[test]
fn control_flow_multi_value_and_br_table() {
    let wat = r#"(module
        (func (export "classify") (param i32) (result i32)
          (block $d (block $c (block $b (block $a
            (br_table $a $b $c $d (local.get 0)))
            (return (i32.const 10)))
            (return (i32.const 20)))
            (return (i32.const 30)))
          (i32.const 40))
        (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
        (func (export "fib") (param i32) (result i64) (local i64 i64)
          (local.set 2 (i64.const 1))
          (block $done (loop $next
            (br_if $done (i32.eqz (local.get 0)))
            (local.get 2) (i64.add (local.get 1) (local.get 2)) (local.set 2) (local.set 1)
            (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
            (br $next)))
          (local.get 1))
        (func (export "pick") (param i32) (result i32)
          (if (result i32) (local.get 0) (then (i32.const 7)) (else (i32.const 9)))))"#;
    let script = "$m = W2pTest\\C\\Module::instantiate();\n\
        echo implode(',', array_map(fn ($i) => $m->call('classify', [$i])[0], [0, 1, 2, 3, 4, -1])), \"\\n\";\n\
        echo implode(',', $m->call('swap', [1, 2])), ' ', $m->call('fib', [90])[0], ' ', $m->call('pick', [0])[0], $m->call('pick', [5])[0], \"\\n\";";
    let Some(out) = run(&[("C", wat)], script) else {
        return;
    };
    assert_eq!(out, "10,20,30,40,40,40\n2,1 2880067194370816120 97\n");
}

#[test]
fn tables_call_indirect_and_runaway_recursion() {
    let wat = r#"(module
        (type $ii (func (param i32) (result i32)))
        (table (export "tab") 4 funcref)
        (elem (i32.const 0) $double $const)
        (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
        (func $const (result i32) (i32.const 5))
        (func (export "call") (param i32 i32) (result i32)
          (call_indirect (type $ii) (local.get 1) (local.get 0)))
        (func $run (export "run") (param i32) (result i32) (call $run (local.get 0))))"#;
    let script = String::from("$m = W2pTest\\T\\Module::instantiate();\n")
        + "echo $m->call('call', [0, 21])[0], ' ', $m->table('tab')->size(), \"\\n\";\n"
        + &trap_of("$m->call('call', [1, 0])")
        + &trap_of("$m->call('call', [2, 0])")
        + &trap_of("$m->call('call', [9, 0])")
        + &trap_of("$m->call('run', [1])");
    let Some(out) = run(&[("T", wat)], &script) else {
        return;
    };
    assert_eq!(
        out,
        "42 4\nindirect call type mismatch\nuninitialized element 2\nundefined element 9\ncall stack exhausted\n"
    );
}

#[test]
fn imports_between_instances_and_host_functions() {
    let provider = r#"(module
        (memory (export "mem") 1 2)
        (global (export "g") (mut i32) (i32.const 5))
        (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))"#;
    let user = r#"(module
        (import "p" "mem" (memory 1))
        (import "p" "g" (global (mut i32)))
        (import "p" "inc" (func $inc (param i32) (result i32)))
        (import "host" "twice" (func $twice (param f64) (result f64)))
        (func $start (i32.store8 (i32.const 0) (i32.const 33)))
        (start $start)
        (func (export "go") (result i32) (global.set 0 (call $inc (global.get 0))) (global.get 0))
        (func (export "host") (param f64) (result f64) (call $twice (local.get 0))))"#;
    let bad = r#"(module (import "p" "inc" (func (param i64))))"#;
    let script = "$p = W2pTest\\P\\Module::instantiate();\n\
        $u = W2pTest\\U\\Module::instantiate(['p' => $p, 'host' => ['twice' => fn (float $x) => $x * 2]]);\n\
        echo $u->call('go')[0], ' ', $p->global('g')->get(), ' ', $p->memory('mem')->read(0, 1), ' ', $u->call('host', [1.25])[0], \"\\n\";\n\
        try { W2pTest\\B\\Module::instantiate(['p' => $p]); } catch (LinkError $e) { echo $e->getMessage(), \"\\n\"; }\n\
        try { W2pTest\\B\\Module::instantiate([]); } catch (LinkError $e) { echo $e->getMessage(), \"\\n\"; }\n\
        echo json_encode($p->exports()), \"\\n\", json_encode(W2pTest\\U\\Module::imports()[3]), \"\\n\";";
    let Some(out) = run(&[("P", provider), ("U", user), ("B", bad)], script) else {
        return;
    };
    assert_eq!(
        out,
        "6 6 ! 2.5\nincompatible import type: p.inc\nunknown import: p.inc\n\
         [{\"name\":\"mem\",\"kind\":\"memory\"},{\"name\":\"g\",\"kind\":\"global\"},{\"name\":\"inc\",\"kind\":\"func\"}]\n\
         {\"module\":\"host\",\"name\":\"twice\",\"kind\":\"func\"}\n"
    );
}

#[test]
fn negated_float_comparisons_survive_the_opcache_optimizer() {
    // opcache's optimizer turns `!(x >= y)` into `x < y`, which is wrong for NaN.
    let wat = r#"(module
        (func (export "ult") (param f32 f32) (result i32) (i32.eqz (f32.ge (local.get 0) (local.get 1))))
        (func (export "not_lt") (param f64 f64) (result i32) (i32.eqz (f64.lt (local.get 0) (local.get 1))))
        (func (export "keep") (param f64 f64 i32) (result f64)
          (local.set 0 (select (local.get 0) (local.get 1) (f64.lt (local.get 0) (local.get 1))))
          (local.get 0)))"#;
    let script = "$m = W2pTest\\N\\Module::instantiate();\n\
        echo $m->call('ult', [2.0, NAN])[0], $m->call('not_lt', [NAN, 0.0])[0], ' ', $m->call('keep', [NAN, 1.0, 0])[0], \"\\n\";";
    let Some(out) = run_with(
        &["opcache.enable_cli=1", "opcache.jit=off"],
        &[("N", wat)],
        script,
    ) else {
        return;
    };
    assert_eq!(out, "11 1\n");
}

#[test]
fn spills_never_reuse_a_temporary_the_consumed_operand_still_reads() {
    // `local.set 2` pops `$t1 + 5` (the old $l0, spilled when $l0 changed), then spills the
    // reader of $l2 below it: that spill must not pick $t1. Same for stores and if conditions.
    let wat = r#"(module (memory 1)
        (func (export "set") (param i32 i32 i32) (result i32)
          local.get 2
          local.get 0
          (local.set 0 (i32.add (local.get 0) (i32.const 1)))
          i32.const 5 i32.add
          local.set 2
          local.get 2 i32.const 1000 i32.mul
          i32.add)
        (func (export "cond") (param i32 i32) (result i32)
          local.get 1
          local.get 0
          (local.set 0 (i32.const 0))
          (if (result i32) (then (i32.const 7)) (else (i32.const 9)))
          i32.add))"#;
    let script = "$m = W2pTest\\S\\Module::instantiate();\n\
        echo $m->call('set', [10, 0, 3])[0], ' ', $m->call('cond', [0, 100])[0], \"\\n\";";
    let Some(out) = run(&[("S", wat)], script) else {
        return;
    };
    // set: l2 = old l0 + 5 = 15; 3 + 15 * 1000. cond: old l0 = 0 → 9, plus 100.
    assert_eq!(out, "15003 109\n");
}

#[test]
fn dropped_bounds_checks_keep_trap_order_and_earlier_writes() {
    // `down` stores at +8 then +0: the second check is covered by the first and dropped.
    // `up` stores at +0 then +8: the second keeps its check, and when it traps the first store
    // has happened (it overwrites part of what `down` left). `moved` changes the base between
    // two loads: both keep their checks.
    let wat = r#"(module (memory (export "mem") 1)
        (func (export "down") (param i32)
          (i32.store offset=8 (local.get 0) (i32.const 0x11111111))
          (i32.store (local.get 0) (i32.const 0x22222222)))
        (func (export "up") (param i32)
          (i32.store (local.get 0) (i32.const 0x33333333))
          (i32.store offset=8 (local.get 0) (i32.const 0x44444444)))
        (func (export "moved") (param i32) (result i32)
          (i32.load offset=8 (local.get 0))
          (local.set 0 (i32.add (local.get 0) (i32.const 100)))
          (i32.load (local.get 0))
          i32.add))"#;
    let script =
        String::from("$m = W2pTest\\B\\Module::instantiate(); $mem = $m->memory('mem');\n")
            + &trap_of("$m->call('down', [65526])")
            + "echo bin2hex($mem->read(65524, 12)), \"\\n\";\n"
            + "$m->call('down', [65520]); echo bin2hex($mem->read(65520, 12)), \"\\n\";\n"
            + &trap_of("$m->call('up', [65526])")
            + "echo bin2hex($mem->read(65524, 12)), \"\\n\";\n"
            + &trap_of("$m->call('moved', [65430])")
            + &trap_of("$m->call('moved', [65440])");
    let Some(out) = run(&[("B", wat)], &script) else {
        return;
    };
    assert_eq!(
        out,
        "out of bounds memory access\n000000000000000000000000\n\
         222222220000000011111111\n\
         out of bounds memory access\n000033333333111100000000\n\
         no trap\nout of bounds memory access\n"
    );
}
