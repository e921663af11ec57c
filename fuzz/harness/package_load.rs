//! `package_load`: any bytes as a package's JSON text → `Package::load` (the engine's JSON
//! reader, then validation), which is what the browser's `Package.load` runs on the text it is
//! given. Bytes that are not UTF-8 are read as a browser would decode them (lossily).
//!
//! Checked: no panic; a refusal names at least one problem, each with a message; a package that
//! loads gives its summary (`Package.info()`) and survives a save and reload unchanged.

use certa::delivery::package_info;
use certa::model::Package;

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Package::load(&text) {
        Ok(package) => {
            let info = package_info(&package);
            assert_eq!(info.items, package.items.len());
            let saved = match serde_json::to_string(&package) {
                Ok(saved) => saved,
                Err(e) => panic!("a loaded package does not serialize: {e}"),
            };
            match Package::load(&saved) {
                Ok(again) => assert_eq!(again, package, "a saved package reloads differently"),
                Err(e) => panic!("a loaded package, saved, no longer loads: {e}\n{saved}"),
            }
        }
        Err(e) => {
            let problems = e.problems();
            assert!(!problems.is_empty(), "a refusal without a problem: {e}");
            assert!(problems.iter().all(|p| !p.message.is_empty()), "{e}");
        }
    }
}
