//! Splitting generated code into files of at most `FILE_BUDGET` bytes: functions into
//! `F<n>` classes, data segment literals into `D<n>` classes. PHP compiles a file at a time,
//! so small files keep the cold compile under a low memory_limit; the autoloader loads a
//! class only when one of its functions (or segments) is first used.

use crate::function::class_marker;
use crate::module::{Const, ModuleInfo, SegmentMode};
use crate::php::{string_literal, string_literal_len};

/// Files stay below this many bytes (the hard limit is 300 KB; the rest is headroom).
pub const FILE_BUDGET: usize = 280_000;
/// The longest single string literal for a piece of a data segment.
const PIECE_BUDGET: usize = 120_000;

/// A generated class file: (class short name, complete PHP source).
pub type ClassFile = (String, String);

pub struct DataParts {
    /// PHP expression for each data segment's bytes (`D0::S1_0 . D1::S1_1`, or `''`).
    pub segments: Vec<String>,
    /// Expression building the whole initial memory, when all active segments allow it.
    pub initial_image: Option<String>,
    pub files: Vec<ClassFile>,
}

/// Cuts `bytes` into pieces whose escaped literal stays within `PIECE_BUDGET`.
fn pieces(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut len = 0;
    for (i, b) in bytes.iter().enumerate() {
        let cost = string_literal_len(std::slice::from_ref(b));
        if len + cost > PIECE_BUDGET {
            out.push(&bytes[start..i]);
            start = i;
            len = 0;
        }
        len += cost;
    }
    if start < bytes.len() {
        out.push(&bytes[start..]);
    }
    out
}

pub fn data_parts(module: &ModuleInfo<'_>, header: &str) -> DataParts {
    let mut files: Vec<ClassFile> = Vec::new();
    let mut current = String::new();
    let mut segments = Vec::new();
    let close = |files: &mut Vec<ClassFile>, current: &mut String| {
        if !current.is_empty() {
            let name = format!("D{}", files.len());
            let source = format!("{header}final class {name}\n{{\n{current}}}\n");
            files.push((name, source));
            current.clear();
        }
    };
    for (i, seg) in module.datas.iter().enumerate() {
        let mut refs = Vec::new();
        for (k, piece) in pieces(seg.bytes).into_iter().enumerate() {
            let line = format!("    public const S{i}_{k} = {};\n", string_literal(piece));
            if header.len() + current.len() + line.len() + 16 > FILE_BUDGET {
                close(&mut files, &mut current);
            }
            current.push_str(&line);
            refs.push(format!("D{}::S{i}_{k}", files.len()));
        }
        segments.push(if refs.is_empty() {
            "''".to_string()
        } else {
            refs.join(" . ")
        });
    }
    close(&mut files, &mut current);
    let initial_image = initial_image(module, &segments);
    DataParts {
        segments,
        initial_image,
        files,
    }
}

/// When memory is defined here and every active segment has a constant, in-bounds,
/// non-overlapping offset, the initial memory is one concatenation instead of zero-fill plus copies.
/// A segment split in several constants (`D0::S0_0 . D0::S0_1`) goes into the image's implode()
/// as separate parts, so the segment is never built on its own first.
fn image_parts(segment: &str) -> Vec<String> {
    let is_constant = |p: &str| {
        p.split_once("::S").is_some_and(|(class, rest)| {
            class
                .strip_prefix('D')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                && !rest.is_empty()
                && rest.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        })
    };
    let pieces: Vec<&str> = segment.split(" . ").collect();
    if pieces.len() > 1 && pieces.iter().all(|p| is_constant(p)) {
        pieces.into_iter().map(String::from).collect()
    } else {
        vec![segment.to_string()]
    }
}

fn initial_image(module: &ModuleInfo<'_>, segments: &[String]) -> Option<String> {
    let limits = module.memory.as_ref()?;
    if module.memory_imported {
        return None;
    }
    let size = limits.initial.checked_mul(65536)?;
    let mut placed: Vec<(u64, u64, usize)> = Vec::new();
    for (i, seg) in module.datas.iter().enumerate() {
        if let SegmentMode::Active { offset, .. } = &seg.mode {
            let Const::I32(at) = offset else { return None };
            let at = *at as u32 as u64;
            let end = at + seg.bytes.len() as u64;
            if end > size {
                return None;
            }
            if !seg.bytes.is_empty() {
                placed.push((at, end, i));
            }
        }
    }
    if placed.is_empty() {
        return None;
    }
    placed.sort();
    let mut parts = Vec::new();
    let mut cursor = 0;
    for (at, end, i) in placed {
        if at < cursor {
            return None;
        }
        if at > cursor {
            parts.push(format!("str_repeat(\"\\0\", {})", at - cursor));
        }
        parts.extend(image_parts(&segments[i]));
        cursor = end;
    }
    if cursor < size {
        parts.push(format!("str_repeat(\"\\0\", {})", size - cursor));
    }
    // implode() allocates the image once; a chain of `.` would copy the growing prefix per part.
    Some(format!("implode('', [{}])", parts.join(", ")))
}

/// Packs function methods (defined functions, in order) into classes; returns the class of each
/// function and the files, with call placeholders resolved.
pub fn function_files(
    mut methods: Vec<String>,
    imported: u32,
    header: &str,
) -> (Vec<String>, Vec<ClassFile>) {
    for method in &mut methods {
        if header.len() + method.len() + 64 > FILE_BUDGET {
            // A method too big for a file on its own loses its indentation (about 15 %) first.
            *method = method
                .lines()
                .map(str::trim_start)
                .collect::<Vec<_>>()
                .join("\n")
                + "\n";
        }
    }
    let mut class_of = Vec::with_capacity(methods.len());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut size = usize::MAX;
    for (i, method) in methods.iter().enumerate() {
        if size.saturating_add(method.len()) > FILE_BUDGET {
            groups.push(Vec::new());
            size = header.len() + 64;
        }
        groups.last_mut().expect("a group was just opened").push(i);
        size += method.len() + 1;
        class_of.push(format!("F{}", groups.len() - 1));
    }
    let files = groups
        .iter()
        .enumerate()
        .map(|(n, members)| {
            let mut source = format!("{header}final class F{n}\n{{\n");
            for (k, &i) in members.iter().enumerate() {
                if k > 0 {
                    source.push('\n');
                }
                source.push_str(&resolve_markers(&methods[i], &class_of, imported));
            }
            source.push_str("}\n");
            (format!("F{n}"), source)
        })
        .collect();
    (class_of, files)
}

fn resolve_markers(code: &str, class_of: &[String], imported: u32) -> String {
    let mut out = String::with_capacity(code.len());
    let mut parts = code.split('\u{0}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    while let (Some(index), Some(rest)) = (parts.next(), parts.next()) {
        let index: usize = index.parse().expect("markers hold a function index");
        out.push_str(&class_of[index - imported as usize]);
        out.push_str(rest);
    }
    debug_assert!(
        !out.contains('\u{0}'),
        "every marker is resolved: {}",
        class_marker(0)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_packed_within_budget_and_markers_resolved() {
        let big = "x".repeat(FILE_BUDGET / 2);
        let methods = vec![
            format!("    // {big}\n"),
            format!("    // {big}\n"),
            format!(
                "    {}::f2(); // calls into the other class\n",
                class_marker(2)
            ),
        ];
        let (classes, files) = function_files(methods, 1, "<?php\n");
        assert_eq!(classes, vec!["F0", "F1", "F1"]);
        assert!(files.iter().all(|(_, src)| src.len() <= FILE_BUDGET));
        assert!(files[1].1.contains("F1::f2()"));
    }

    #[test]
    fn oversized_methods_lose_their_indentation() {
        let body = "        $l0 = 1;\n".repeat(FILE_BUDGET / 16);
        let method = format!("    public static function f0($c, $d)\n    {{\n{body}    }}\n");
        let (_, files) = function_files(vec![method], 0, "<?php\n");
        assert!(files[0].1.len() <= FILE_BUDGET, "{}", files[0].1.len());
        assert!(files[0].1.contains("\n$l0 = 1;\n"));
    }

    #[test]
    fn image_parts_split_only_constant_chains() {
        assert_eq!(
            image_parts("D0::S0_0 . D1::S0_1"),
            vec!["D0::S0_0", "D1::S0_1"]
        );
        assert_eq!(image_parts("D0::S0_0"), vec!["D0::S0_0"]);
        // A literal that merely contains " . " stays whole.
        assert_eq!(image_parts("'a . b'"), vec!["'a . b'"]);
        assert_eq!(image_parts("D0::S0_0 . 'x'"), vec!["D0::S0_0 . 'x'"]);
    }

    #[test]
    fn large_segments_split_into_pieces() {
        let bytes = vec![0u8; PIECE_BUDGET]; // escapes to four bytes each
        let p = pieces(&bytes);
        assert_eq!(p.len(), 4);
        assert!(p
            .iter()
            .all(|piece| string_literal_len(piece) <= PIECE_BUDGET));
    }
}
