//! The package read from JSON by hand ([`FromJson`](super::json::FromJson)), one file per
//! model module. Each impl mirrors the type's serde declaration (field names, defaults,
//! `deny_unknown_fields`, internally tagged enums), so the reader accepts and refuses exactly
//! what serde's derives did, with the same messages. Writing is by hand too, in `model::to_json`.

mod blueprint;
mod interaction;
mod item;
mod package;
mod policy;
