//! The files one import reads: the entries of an archive, or loose files given by the caller
//! plus whatever they refer to, fetched through the caller's resolver and kept.

use std::collections::BTreeMap;

use super::paths;

/// Files by package path, with a label prefix for messages (`exam.zip!`).
pub struct FileSet<'r> {
    prefix: String,
    files: BTreeMap<String, Vec<u8>>,
    resolve: Option<&'r mut dyn FnMut(&str) -> Option<Vec<u8>>>,
}

impl<'r> FileSet<'r> {
    /// The entries of an archive named `archive`.
    pub fn archive(archive: &str, files: BTreeMap<String, Vec<u8>>) -> FileSet<'r> {
        FileSet {
            prefix: format!("{archive}!"),
            files,
            resolve: None,
        }
    }

    /// Loose files, by the names the caller gave; other paths are asked of `resolve`.
    pub fn loose(
        given: Vec<(String, Vec<u8>)>,
        resolve: &'r mut dyn FnMut(&str) -> Option<Vec<u8>>,
    ) -> FileSet<'r> {
        FileSet {
            prefix: String::new(),
            files: given
                .into_iter()
                .map(|(name, bytes)| (normalize(&name), bytes))
                .collect(),
            resolve: Some(resolve),
        }
    }

    /// The name of a path in messages.
    pub fn label(&self, path: &str) -> String {
        format!("{}{}", self.prefix, path)
    }

    /// True when the path is there (fetching it through the resolver if needed).
    pub fn has(&mut self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// A file's bytes, fetched through the resolver the first time.
    pub fn get(&mut self, path: &str) -> Option<&[u8]> {
        if !self.files.contains_key(path) {
            let fetched = self.resolve.as_mut().and_then(|r| r(path))?;
            self.files.insert(path.to_string(), fetched);
        }
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every path held so far, in order.
    pub fn paths(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }
}

/// A caller's file name as a path: separators unified, `.` and `..` applied; an absolute
/// name stays absolute.
pub fn normalize(name: &str) -> String {
    paths::resolve("", name)
}
