;; The "spectest" host module of the WebAssembly spec test harness (the same exports the
;; reference interpreter's spectest.ml and the JS harness provide). Written as a module so it is
;; translated by wasm2php like every test module, and its memory, table and globals are the
;; runtime's own objects. The print functions print nothing: no test checks their output.
(module
  (func (export "print"))
  (func (export "print_i32") (param i32))
  (func (export "print_i64") (param i64))
  (func (export "print_f32") (param f32))
  (func (export "print_f64") (param f64))
  (func (export "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)
)
