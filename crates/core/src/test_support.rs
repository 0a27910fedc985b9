//! Deterministic generators for the property tests: a small SplitMix64
//! random source and builders for the strings and JSON the tests throw at
//! the core. Seeds are fixed, so a failure reproduces exactly.

use serde_json::{json, Map, Value};

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            0
        } else {
            (self.next_u64() % bound as u64) as usize
        }
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// Any Unicode scalar value, biased towards the ones SMS text meets.
    pub fn any_char(&mut self) -> char {
        let code = match self.below(8) {
            0 => self.below(0x80),
            1 => 0x80 + self.below(0x780),
            2 => 0x0370 + self.below(0x90),
            3 => 0x1F00 + self.below(0x100),
            4 => 0x1F300 + self.below(0x300),
            5 => self.below(0x11_0000),
            _ => 0x20 + self.below(0x5F),
        };
        char::from_u32(code as u32).unwrap_or('\u{FFFD}')
    }

    /// A string of up to `max_len` characters drawn from `alphabet`.
    pub fn string_from(&mut self, alphabet: &[char], max_len: usize) -> String {
        let len = self.below(max_len + 1);
        (0..len)
            .filter_map(|_| self.pick(alphabet).copied())
            .collect()
    }

    /// A string of up to `max_len` arbitrary characters.
    pub fn any_string(&mut self, max_len: usize) -> String {
        let len = self.below(max_len + 1);
        (0..len).map(|_| self.any_char()).collect()
    }

    /// Arbitrary JSON up to `depth` levels deep.
    pub fn any_json(&mut self, depth: usize) -> Value {
        let scalar_only = depth == 0;
        match self.below(if scalar_only { 5 } else { 7 }) {
            0 => Value::Null,
            1 => json!(self.chance(50)),
            2 => json!(self.next_u64() as i64 % 100_000),
            3 => json!((self.next_u64() % 10_000) as f64 / 7.0),
            4 => json!(self.any_string(12)),
            5 => Value::Array(
                (0..self.below(4))
                    .map(|_| self.any_json(depth - 1))
                    .collect(),
            ),
            _ => {
                let mut object = Map::new();
                for _ in 0..self.below(5) {
                    let key = self.any_string(6);
                    object.insert(key, self.any_json(depth - 1));
                }
                Value::Object(object)
            }
        }
    }

    /// `value` with a few fields removed, retyped or replaced by noise, to
    /// reach the error paths behind a well-formed input.
    pub fn mutate(&mut self, value: &Value, depth: usize) -> Value {
        match value {
            Value::Object(fields) => {
                let mut out = Map::new();
                for (key, field) in fields {
                    match self.below(10) {
                        0 => {}
                        1 => {
                            out.insert(key.clone(), self.any_json(depth));
                        }
                        _ => {
                            out.insert(key.clone(), self.mutate(field, depth));
                        }
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                Value::Array(items.iter().map(|item| self.mutate(item, depth)).collect())
            }
            Value::String(text) if self.chance(15) => {
                let mut text = text.clone();
                text.push(self.any_char());
                Value::String(text)
            }
            _ if self.chance(5) => self.any_json(depth.min(1)),
            other => other.clone(),
        }
    }
}
