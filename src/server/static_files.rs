//! Static files for the demo: `www/` (the host page, the player, the preview) and `pkg/` (the
//! built wasm package) under the `--www` root, with their content types. Nothing else under
//! the root is served: no dot-files, no directories, no `..`, no symlink leading out, and never
//! the source file of a secure package (those hold keys; browsers get the delivery copy from
//! `/api/packages/{id}`).

use std::path::{Path, PathBuf};

use super::registry::PackageRegistry;

/// The top-level directories served.
pub const SERVED_DIRS: [&str; 2] = ["www", "pkg"];

/// Why a path is not served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a servable path (traversal, dot-file, bad escape, outside the served directories).
    BadPath,
    NotFound,
    /// A secure package's source file.
    SecurePackage,
}

/// The content type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "ts" | "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Percent-decode a URL path (`%2e` and friends); `None` for a malformed escape or non-UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Resolve a request path (`/www/index.html`) to a file under `root` (canonical), or say why
/// not.
pub fn resolve(
    root: &Path,
    request_path: &str,
    registry: &PackageRegistry,
) -> Result<PathBuf, Refusal> {
    let decoded = percent_decode(request_path).ok_or(Refusal::BadPath)?;
    let relative = decoded.strip_prefix('/').ok_or(Refusal::BadPath)?;
    let segments: Vec<&str> = relative.split('/').collect();
    let Some(first) = segments.first() else {
        return Err(Refusal::BadPath);
    };
    if !SERVED_DIRS.contains(first) || segments.len() < 2 {
        return Err(Refusal::NotFound);
    }
    for segment in &segments {
        if segment.is_empty() || segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return Err(Refusal::BadPath);
        }
    }
    let joined: PathBuf = segments.iter().fold(root.to_path_buf(), |p, s| p.join(s));
    let file = std::fs::canonicalize(&joined).map_err(|_| Refusal::NotFound)?;
    // A symlink may point anywhere: the real path must still be inside a served directory.
    let inside = SERVED_DIRS
        .iter()
        .any(|dir| file.starts_with(root.join(dir)));
    if !inside {
        return Err(Refusal::BadPath);
    }
    if registry.is_secure_source(&file) {
        return Err(Refusal::SecurePackage);
    }
    if !file.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        std::fs::canonicalize(".").unwrap()
    }

    #[test]
    fn serves_www_and_pkg_files_only() {
        let registry = PackageRegistry::default();
        let ok = resolve(&root(), "/www/index.html", &registry).unwrap();
        assert!(ok.ends_with("www/index.html"));
        assert_eq!(content_type(&ok), "text/html; charset=utf-8");
        assert_eq!(
            resolve(&root(), "/Cargo.toml", &registry),
            Err(Refusal::NotFound)
        );
        assert_eq!(
            resolve(&root(), "/examples/certificate-quiz.json", &registry),
            Err(Refusal::NotFound)
        );
        assert_eq!(resolve(&root(), "/www", &registry), Err(Refusal::NotFound));
        assert_eq!(resolve(&root(), "/www/", &registry), Err(Refusal::BadPath));
        assert_eq!(
            resolve(&root(), "/www/host", &registry),
            Err(Refusal::NotFound)
        );
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        let registry = PackageRegistry::default();
        for path in [
            "/www/../Cargo.toml",
            "/www/%2e%2e/Cargo.toml",
            "/www/%2E%2E/%2E%2E/etc/passwd",
            "/www/..%2fCargo.toml",
            "/www/host/..%5c..%5cCargo.toml",
            "/www/.hidden",
            "/www/%00x",
            "/www/%zz",
            "/www//index.html",
            "www/index.html",
        ] {
            assert!(
                resolve(&root(), path, &registry).is_err(),
                "{path} must be refused"
            );
        }
    }

    #[test]
    fn never_serves_a_secure_package_source() {
        let dir = std::env::temp_dir().join(format!("certa-static-{}", std::process::id()));
        let www = dir.join("www");
        std::fs::create_dir_all(&www).unwrap();
        std::fs::copy("examples/certification-exam.json", www.join("exam.json")).unwrap();
        std::fs::copy("examples/certificate-quiz.json", www.join("quiz.json")).unwrap();
        let (registry, _) = PackageRegistry::load_dir(&www).unwrap();
        let root = std::fs::canonicalize(&dir).unwrap();
        assert_eq!(
            resolve(&root, "/www/exam.json", &registry),
            Err(Refusal::SecurePackage)
        );
        assert!(resolve(&root, "/www/quiz.json", &registry).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
