//! `import_gift`: any bytes as a Moodle GIFT file → `parse_gift_bytes` (strict, then skipping
//! invalid questions), and a successful import → `gift_package`, validation and a form.
//!
//! Checked (as `tests/import_gift_props.rs` checks its inputs): no panic, no hang; an import
//! with items gives a valid package that assembles a form holding every item; an error has a
//! line and column and a message.

use certa::assemble::{assemble_form, AssemblyContext, Seed};
use certa::import::gift::{gift_package, parse_gift_bytes, GiftOptions, PackageSettings};
use certa::model::validate;

pub fn run(data: &[u8]) {
    for skip_invalid in [false, true] {
        let options = GiftOptions {
            skip_invalid,
            ..GiftOptions::default()
        };
        match parse_gift_bytes(data, "fuzz.gift", &options) {
            Ok(import) => {
                if import.items.is_empty() {
                    continue;
                }
                let package = gift_package(&import, &PackageSettings::new("fuzz", "Fuzz"));
                let problems = validate(&package);
                assert!(
                    problems.is_empty(),
                    "an imported package is invalid: {problems:?}"
                );
                match assemble_form(&package, Seed(1), &AssemblyContext::default()) {
                    Ok(form) => assert_eq!(form.items.len(), import.items.len()),
                    Err(e) => panic!("an imported package assembles no form: {e}"),
                }
            }
            Err(e) => {
                assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
                assert!(!e.message.is_empty(), "an error without a message");
            }
        }
    }
}
