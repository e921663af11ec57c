//! The package written as JSON by hand ([`ToJson`](super::json::ToJson)), one file per model
//! module, the counterpart of `model::from_json`. Each impl mirrors the type's serde
//! declaration (field order, `skip_serializing_if`, internally tagged enums with their
//! members in key order), so the text is byte for byte what `serde_json::to_string` writes;
//! `tests/json_writer.rs` holds the two together.

mod blueprint;
mod interaction;
mod item;
mod package;
mod policy;
