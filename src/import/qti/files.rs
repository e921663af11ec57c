//! The files one import reads: the entries of an archive, or loose files given by the caller
//! plus whatever they refer to, fetched through the caller's resolver and kept.

use std::collections::BTreeMap;

use super::paths;

/// Fetches a file the caller holds, by path (`None`: not there).
pub type Resolver<'r> = &'r mut dyn FnMut(&str) -> Option<Vec<u8>>;

/// Files by package path, with a label prefix for messages (`exam.zip!`).
pub struct FileSet<'r> {
    prefix: String,
    /// The package root: asset paths in the package are relative to it.
    root: String,
    files: BTreeMap<String, Vec<u8>>,
    resolve: Option<Resolver<'r>>,
}

impl<'r> FileSet<'r> {
    /// The entries of an archive named `archive`.
    pub fn archive(archive: &str, files: BTreeMap<String, Vec<u8>>) -> FileSet<'r> {
        FileSet {
            prefix: format!("{archive}!"),
            root: String::new(),
            files,
            resolve: None,
        }
    }

    /// Loose files, by the names the caller gave; other paths are asked of `resolve`.
    pub fn loose(given: Vec<(String, Vec<u8>)>, resolve: Resolver<'r>) -> FileSet<'r> {
        FileSet {
            prefix: String::new(),
            root: String::new(),
            files: given
                .into_iter()
                .map(|(name, bytes)| (normalize(&name), bytes))
                .collect(),
            resolve: Some(resolve),
        }
    }

    /// Make `dir` the package root (the folder of the manifest, or of the first file given).
    pub fn set_root(&mut self, dir: &str) {
        self.root = dir.to_string();
    }

    /// A path relative to the package root (unchanged when it lies outside the root).
    pub fn relative(&self, path: &str) -> String {
        if self.root.is_empty() {
            return path.to_string();
        }
        match path.strip_prefix(&self.root) {
            Some(rest) if rest.starts_with('/') => rest.trim_start_matches('/').to_string(),
            _ => path.to_string(),
        }
    }

    /// A root-relative path as a path of this set.
    pub fn absolute(&self, relative: &str) -> String {
        paths::resolve(&self.root, relative)
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
