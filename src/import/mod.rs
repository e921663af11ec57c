//! Importers: question banks written in other formats, turned into certa items and packages.
//!
//! - [`gift`]: Moodle GIFT text files (`parse_gift`, `gift_package`).
//!
//! Importers are pure like the rest of the core: they take the text (or bytes) and a file name
//! for messages, and return items, warnings and errors with a line and column. Reading files is
//! the caller's job (`certa import`).

pub mod gift;
