//! Shared helpers for the QTI import tests: the fixture folders, a content package zipped at
//! test time from a fixture folder, and imports with a resolver that reads the disk.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use certa::import::{import_package, ImportError, ImportReport, PackageOptions, SourceFile};
use certa::model::Package;

/// `tests/fixtures/qti/<version>`.
pub fn fixture_dir(version: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/qti")
        .join(version)
}

/// A source file read from disk, named by its path.
pub fn source(path: &Path) -> SourceFile {
    SourceFile {
        name: path.display().to_string(),
        bytes: std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

/// Import files from disk; referenced files are read from disk too.
pub fn import_paths(paths: &[PathBuf]) -> Result<(Package, ImportReport), ImportError> {
    let files = paths.iter().map(|p| source(p)).collect();
    let mut read = |p: &str| std::fs::read(p).ok();
    import_package(files, &mut read, &PackageOptions::default())
}

/// Import in-memory sources with nothing to resolve.
pub fn import_sources(files: Vec<SourceFile>) -> Result<(Package, ImportReport), ImportError> {
    let mut none = |_: &str| None;
    import_package(files, &mut none, &PackageOptions::default())
}

/// Every file under `dir` (relative paths, sorted), for zipping.
pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A deflate zip of these files.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The content package of a fixture version (its manifest, test, items, images; the `extra`
/// folder left out), zipped at test time.
pub fn content_package(version: &str) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = files_under(&fixture_dir(version))
        .into_iter()
        .filter(|(name, _)| !name.starts_with("extra/"))
        .collect();
    zip(&files)
}
