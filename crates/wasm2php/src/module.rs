//! Reading a (validated) module's sections into plain data the emitters use.

use crate::error::{Error, Result};
use crate::types::Signature;
use wasmparser::{
    CompositeInnerType, ConstExpr, DataKind, ElementItems, ElementKind, ExternalKind, FunctionBody,
    Operator, Parser, Payload, RefType, TypeRef, ValType,
};

/// A constant expression of WebAssembly 2.0 (one instruction before `end`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Const {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    RefNull,
    RefFunc(u32),
    GlobalGet(u32),
}

#[derive(Debug, Clone)]
pub struct Limits {
    pub initial: u64,
    pub maximum: Option<u64>,
}

#[derive(Debug, Clone)]
pub enum ImportKind {
    Func(u32),
    Table(RefType, Limits),
    Memory(Limits),
    Global(ValType, bool),
}

#[derive(Debug, Clone)]
pub struct Import {
    pub module: String,
    pub name: String,
    pub kind: ImportKind,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub elem: RefType,
    pub limits: Limits,
}

#[derive(Debug, Clone)]
pub struct Global {
    pub ty: ValType,
    pub mutable: bool,
    /// None for imported globals.
    pub init: Option<Const>,
}

#[derive(Debug, Clone)]
pub enum SegmentMode {
    Active { index: u32, offset: Const },
    Passive,
    Declared,
}

#[derive(Debug, Clone)]
pub struct ElemSegment {
    pub mode: SegmentMode,
    pub items: Vec<Const>,
}

#[derive(Debug, Clone)]
pub struct DataSegment<'a> {
    pub mode: SegmentMode,
    pub bytes: &'a [u8],
}

#[derive(Debug, Clone)]
pub struct Export {
    pub name: String,
    pub kind: ExternalKind,
    pub index: u32,
}

/// Everything the translator needs from a module, index spaces including imports.
#[derive(Default)]
pub struct ModuleInfo<'a> {
    pub types: Vec<Signature>,
    pub imports: Vec<Import>,
    /// Type index of every function (imported first).
    pub func_types: Vec<u32>,
    pub imported_funcs: u32,
    pub tables: Vec<Table>,
    pub imported_tables: u32,
    pub memory: Option<Limits>,
    pub memory_imported: bool,
    pub globals: Vec<Global>,
    pub imported_globals: u32,
    pub exports: Vec<Export>,
    pub start: Option<u32>,
    pub elems: Vec<ElemSegment>,
    pub datas: Vec<DataSegment<'a>>,
    pub bodies: Vec<FunctionBody<'a>>,
}

impl<'a> ModuleInfo<'a> {
    pub fn parse(wasm: &'a [u8]) -> Result<Self> {
        let mut info = ModuleInfo::default();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload? {
                Payload::TypeSection(reader) => {
                    for group in reader {
                        for sub in group?.into_types() {
                            match &sub.composite_type.inner {
                                CompositeInnerType::Func(f) => info.types.push(Signature {
                                    params: f.params().to_vec(),
                                    results: f.results().to_vec(),
                                }),
                                _ => return Err(Error::Unsupported("non-function types".into())),
                            }
                        }
                    }
                }
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        info.add_import(import?)?;
                    }
                }
                Payload::FunctionSection(reader) => {
                    for ty in reader {
                        info.func_types.push(ty?);
                    }
                }
                Payload::TableSection(reader) => {
                    for table in reader {
                        let table = table?;
                        info.tables.push(Table {
                            elem: table.ty.element_type,
                            limits: limits_of_table(&table.ty)?,
                        });
                    }
                }
                Payload::MemorySection(reader) => {
                    for memory in reader {
                        let memory = memory?;
                        if memory.memory64 || memory.shared {
                            return Err(Error::Unsupported("64-bit or shared memory".into()));
                        }
                        info.memory = Some(Limits {
                            initial: memory.initial,
                            maximum: memory.maximum,
                        });
                    }
                }
                Payload::GlobalSection(reader) => {
                    for global in reader {
                        let global = global?;
                        info.globals.push(Global {
                            ty: global.ty.content_type,
                            mutable: global.ty.mutable,
                            init: Some(read_const(&global.init_expr)?),
                        });
                    }
                }
                Payload::ExportSection(reader) => {
                    for export in reader {
                        let export = export?;
                        info.exports.push(Export {
                            name: export.name.to_string(),
                            kind: export.kind,
                            index: export.index,
                        });
                    }
                }
                Payload::StartSection { func, .. } => info.start = Some(func),
                Payload::ElementSection(reader) => {
                    for elem in reader {
                        info.elems.push(read_elem(elem?)?);
                    }
                }
                Payload::DataSection(reader) => {
                    for data in reader {
                        let data = data?;
                        let mode = match data.kind {
                            DataKind::Passive => SegmentMode::Passive,
                            DataKind::Active {
                                memory_index,
                                offset_expr,
                            } => SegmentMode::Active {
                                index: memory_index,
                                offset: read_const(&offset_expr)?,
                            },
                        };
                        info.datas.push(DataSegment {
                            mode,
                            bytes: data.data,
                        });
                    }
                }
                Payload::CodeSectionEntry(body) => info.bodies.push(body),
                _ => {}
            }
        }
        Ok(info)
    }

    fn add_import(&mut self, import: wasmparser::Import<'_>) -> Result<()> {
        let kind = match import.ty {
            TypeRef::Func(ty) | TypeRef::FuncExact(ty) => {
                self.func_types.push(ty);
                self.imported_funcs += 1;
                ImportKind::Func(ty)
            }
            TypeRef::Table(t) => {
                let limits = limits_of_table(&t)?;
                self.tables.push(Table {
                    elem: t.element_type,
                    limits: limits.clone(),
                });
                self.imported_tables += 1;
                ImportKind::Table(t.element_type, limits)
            }
            TypeRef::Memory(m) => {
                if m.memory64 || m.shared {
                    return Err(Error::Unsupported("64-bit or shared memory".into()));
                }
                let limits = Limits {
                    initial: m.initial,
                    maximum: m.maximum,
                };
                self.memory = Some(limits.clone());
                self.memory_imported = true;
                ImportKind::Memory(limits)
            }
            TypeRef::Global(g) => {
                self.globals.push(Global {
                    ty: g.content_type,
                    mutable: g.mutable,
                    init: None,
                });
                self.imported_globals += 1;
                ImportKind::Global(g.content_type, g.mutable)
            }
            TypeRef::Tag(_) => return Err(Error::Unsupported("exception tags".into())),
        };
        self.imports.push(Import {
            module: import.module.to_string(),
            name: import.name.to_string(),
            kind,
        });
        Ok(())
    }

    pub fn func_sig(&self, func: u32) -> &Signature {
        &self.types[self.func_types[func as usize] as usize]
    }
}

fn limits_of_table(t: &wasmparser::TableType) -> Result<Limits> {
    if t.table64 || t.shared {
        return Err(Error::Unsupported("64-bit or shared tables".into()));
    }
    Ok(Limits {
        initial: t.initial,
        maximum: t.maximum,
    })
}

fn read_elem(elem: wasmparser::Element<'_>) -> Result<ElemSegment> {
    let mode = match elem.kind {
        ElementKind::Passive => SegmentMode::Passive,
        ElementKind::Declared => SegmentMode::Declared,
        ElementKind::Active {
            table_index,
            offset_expr,
        } => SegmentMode::Active {
            index: table_index.unwrap_or(0),
            offset: read_const(&offset_expr)?,
        },
    };
    let mut items = Vec::new();
    match elem.items {
        ElementItems::Functions(funcs) => {
            for f in funcs {
                items.push(Const::RefFunc(f?));
            }
        }
        ElementItems::Expressions(_, exprs) => {
            for e in exprs {
                items.push(read_const(&e?)?);
            }
        }
    }
    Ok(ElemSegment { mode, items })
}

/// Reads a constant expression; WebAssembly 2.0 allows exactly one instruction.
pub fn read_const(expr: &ConstExpr<'_>) -> Result<Const> {
    let mut reader = expr.get_operators_reader();
    let value = match reader.read()? {
        Operator::I32Const { value } => Const::I32(value),
        Operator::I64Const { value } => Const::I64(value),
        Operator::F32Const { value } => Const::F32(value.bits()),
        Operator::F64Const { value } => Const::F64(value.bits()),
        Operator::RefNull { .. } => Const::RefNull,
        Operator::RefFunc { function_index } => Const::RefFunc(function_index),
        Operator::GlobalGet { global_index } => Const::GlobalGet(global_index),
        other => return Err(Error::Unsupported(format!("constant expression {other:?}"))),
    };
    match reader.read()? {
        Operator::End => Ok(value),
        other => Err(Error::Unsupported(format!(
            "extended constant expression {other:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_index_spaces_with_imports_first() {
        let wasm = wat::parse_str(
            r#"(module
                (import "env" "f" (func (param i32)))
                (import "env" "g" (global i64))
                (memory 1 2)
                (table 3 funcref)
                (global (mut i32) (i32.const 7))
                (func (export "h") (result i32) i32.const 1)
                (elem (i32.const 0) func 1)
                (data (i32.const 8) "hi"))"#,
        )
        .unwrap();
        let info = ModuleInfo::parse(&wasm).unwrap();
        assert_eq!(info.imported_funcs, 1);
        assert_eq!(info.func_types.len(), 2);
        assert_eq!(info.globals.len(), 2);
        assert_eq!(info.globals[1].init, Some(Const::I32(7)));
        assert_eq!(info.memory.as_ref().unwrap().maximum, Some(2));
        assert_eq!(info.elems[0].items, vec![Const::RefFunc(1)]);
        assert_eq!(info.datas[0].bytes, b"hi");
        assert_eq!(info.exports[0].name, "h");
    }
}
