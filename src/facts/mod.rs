//! Per-file extraction: from a syn AST to compact, language-neutral facts (DESIGN §5.1).

pub mod extract;
pub mod ir;
pub mod macros;
pub mod signals;
pub mod span;
pub mod vocab;
pub mod walk;
