//! Reading a zip archive (an IMS content package) into memory, with limits, so a hostile
//! archive (a zip bomb, millions of entries) fails with an error instead of exhausting memory.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::paths;
use crate::import::error::{ImportError, ImportErrorKind};

/// Largest uncompressed entry read.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Largest total uncompressed size read.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Most entries read.
pub const MAX_ENTRIES: usize = 50_000;

/// Every file of the archive by its normalized path (`items/q1.xml`). Folders are left out.
pub fn read_zip(label: &str, bytes: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, ImportError> {
    let bad = |message: String| ImportError::in_file(ImportErrorKind::BadArchive, label, message);
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(bad(format!(
            "the archive has {} entries; at most {MAX_ENTRIES} are read",
            archive.len()
        )));
    }
    let mut files = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| bad(format!("entry {i} cannot be read: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let at = |message: String| {
            ImportError::at_path(ImportErrorKind::BadArchive, label, name.clone(), message)
        };
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(at(format!(
                "the entry is {} bytes uncompressed; at most {MAX_ENTRY_BYTES} are read",
                entry.size()
            )));
        }
        let mut data = Vec::new();
        (&mut entry)
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| at(format!("the entry cannot be decompressed: {e}")))?;
        if data.len() as u64 > MAX_ENTRY_BYTES {
            return Err(at(format!(
                "the entry is larger than {MAX_ENTRY_BYTES} bytes uncompressed"
            )));
        }
        total += data.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(bad(format!(
                "the archive is larger than {MAX_TOTAL_BYTES} bytes uncompressed"
            )));
        }
        // Entry names are relative to the archive: a leading slash means nothing.
        files.insert(
            paths::resolve("", name.trim_start_matches(['/', '\\'])),
            data,
        );
    }
    Ok(files)
}
