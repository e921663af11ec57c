//! The packages the service knows, registered from a directory at start-up and keyed by
//! id and version. Each entry holds the full package (keys included: verification and exports
//! use it) and the JSON that browsers are given: the key-stripped delivery copy for secure
//! packages, the package itself otherwise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Package, PACKAGE_FORMAT};
use crate::record::content_hash;

/// One registered package.
#[derive(Debug)]
pub struct RegisteredPackage {
    /// The full package, with keys.
    pub package: Arc<Package>,
    /// [`content_hash`] of the full package.
    pub content_hash: String,
    /// Secure packages are scored here, never in the browser.
    pub secure: bool,
    /// What `GET /api/packages/{id}` returns: the delivery copy's JSON for secure packages,
    /// the package's canonical JSON otherwise.
    pub delivery_json: Arc<str>,
    /// The file it was read from (canonical path), when it came from a file.
    pub source: Option<PathBuf>,
}

/// Why the packages could not be registered.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: not a valid package: {message}")]
    Invalid { path: String, message: String },
    #[error("package \"{id}\" version \"{version}\" is registered twice ({first} and {second})")]
    Duplicate {
        id: String,
        version: String,
        first: String,
        second: String,
    },
}

/// The registered packages.
#[derive(Debug, Default)]
pub struct PackageRegistry {
    packages: BTreeMap<(String, String), Arc<RegisteredPackage>>,
}

impl PackageRegistry {
    /// Register every `*.json` file directly in `dir` whose `format` is `certa/1`. Other JSON
    /// files are skipped with a note; a `certa/1` file that does not load is an error, so a
    /// broken exam is never silently missing. Returns the registry and the notes.
    pub fn load_dir(dir: &Path) -> Result<(PackageRegistry, Vec<String>), RegistryError> {
        let io = |path: &Path, e: std::io::Error| RegistryError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        let mut registry = PackageRegistry::default();
        let mut notes = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            let shown = path.display().to_string();
            let format = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(String::from));
            if format.as_deref() != Some(PACKAGE_FORMAT) {
                notes.push(format!("{shown}: skipped (not a {PACKAGE_FORMAT} package)"));
                continue;
            }
            let package = Package::load(&text).map_err(|e| RegistryError::Invalid {
                path: shown.clone(),
                message: e.to_string(),
            })?;
            if package.keys_stripped() {
                notes.push(format!(
                    "{shown}: skipped (a key-stripped delivery copy cannot verify records; register the full package)"
                ));
                continue;
            }
            let source = std::fs::canonicalize(&path).ok();
            let entry = registry.insert(package, source)?;
            notes.push(format!(
                "{shown}: {} {}{}",
                entry.package.id,
                entry.package.version,
                if entry.secure { " (secure)" } else { "" }
            ));
        }
        Ok((registry, notes))
    }

    /// Register one package. Refuses a second package with the same id and version, and a
    /// key-stripped delivery copy (records are verified against the full package).
    pub fn insert(
        &mut self,
        package: Package,
        source: Option<PathBuf>,
    ) -> Result<Arc<RegisteredPackage>, RegistryError> {
        let key = (package.id.clone(), package.version.clone());
        if package.keys_stripped() {
            return Err(RegistryError::Invalid {
                path: format!("{} {}", key.0, key.1),
                message: "a key-stripped delivery copy cannot verify records".into(),
            });
        }
        if let Some(first) = self.packages.get(&key) {
            let name = |p: &Option<PathBuf>| {
                p.as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(in memory)".into())
            };
            return Err(RegistryError::Duplicate {
                id: key.0,
                version: key.1,
                first: name(&first.source),
                second: name(&source),
            });
        }
        let secure = package.delivery.secure;
        let delivery = if secure {
            crate::publish::secure_delivery_package(&package)
        } else {
            package.clone()
        };
        let entry = Arc::new(RegisteredPackage {
            content_hash: content_hash(&package),
            secure,
            delivery_json: serde_json::to_string(&delivery).unwrap_or_default().into(),
            package: Arc::new(package),
            source,
        });
        self.packages.insert(key, Arc::clone(&entry));
        Ok(entry)
    }

    /// The package with this id and version.
    pub fn get(&self, id: &str, version: &str) -> Option<&Arc<RegisteredPackage>> {
        self.packages.get(&(id.to_string(), version.to_string()))
    }

    /// The newest registered version of a package id (versions compare segment by segment,
    /// numerically where both segments are numbers: `1.10.0` is newer than `1.9.2`).
    pub fn latest(&self, id: &str) -> Option<&Arc<RegisteredPackage>> {
        self.packages
            .iter()
            .filter(|((pid, _), _)| pid == id)
            .max_by(|((_, a), _), ((_, b), _)| compare_versions(a, b))
            .map(|(_, entry)| entry)
    }

    /// Every registered package, by id then version.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<RegisteredPackage>> {
        self.packages.values()
    }

    pub fn len(&self) -> usize {
        self.packages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }

    /// True when `path` (canonical) is the source file of a secure package: such a file holds
    /// keys and is never served as a static file.
    pub fn is_secure_source(&self, path: &Path) -> bool {
        self.packages
            .values()
            .any(|p| p.secure && p.source.as_deref() == Some(path))
    }
}

fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let mut left = a.split(['.', '-', '+']);
    let mut right = b.split(['.', '-', '+']);
    loop {
        match (left.next(), right.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(x), Ok(y)) => x.cmp(&y),
                    _ => x.cmp(y),
                };
                if order.is_ne() {
                    return order;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_the_examples_by_id_and_version() {
        let (registry, notes) = PackageRegistry::load_dir(Path::new("examples")).unwrap();
        assert_eq!(registry.len(), 2, "{notes:?}");
        let quiz = registry.get("web-a11y-foundations-quiz", "1.0.0").unwrap();
        assert!(!quiz.secure);
        assert!(quiz.content_hash.starts_with("sha256:"));
        let exam = registry.latest("nop-certification-exam").unwrap();
        assert!(exam.secure);
        assert!(registry.is_secure_source(exam.source.as_deref().unwrap()));
        assert!(!registry.is_secure_source(quiz.source.as_deref().unwrap()));
        assert!(registry.get("web-a11y-foundations-quiz", "9").is_none());
    }

    #[test]
    fn a_second_copy_of_one_version_is_refused() {
        let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
        let mut registry = PackageRegistry::default();
        registry
            .insert(Package::load(&text).unwrap(), None)
            .unwrap();
        let again = registry.insert(Package::load(&text).unwrap(), None);
        assert!(matches!(again, Err(RegistryError::Duplicate { .. })));
    }

    #[test]
    fn versions_compare_numerically() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("1.10.0", "1.9.2"), Greater);
        assert_eq!(compare_versions("2026.2", "2026.10"), Less);
        assert_eq!(compare_versions("1.0", "1.0.1"), Less);
        assert_eq!(compare_versions("1.0.0", "1.0.0"), Equal);
    }
}
