//! Publishing a package for secure delivery: the copy the browser receives holds no keys,
//! accepted answers, rubrics or feedback ([`crate::model::keys`]), and names the full
//! package's content hash, so records made on it are verified (and scored) by the backend
//! against the full package.

use crate::model::keys::strip_keys;
use crate::model::{Package, Publication};
use crate::record::content_hash;

/// The key-stripped delivery copy of a package (`certa publish --secure`). Forms assembled
/// from the copy equal the full package's for every seed. A copy of a copy is itself.
pub fn secure_delivery_package(package: &Package) -> Package {
    if package.keys_stripped() {
        return package.clone();
    }
    let mut copy = package.clone();
    for item in &mut copy.items {
        strip_keys(item);
    }
    copy.delivery.secure = true;
    copy.published = Some(Publication {
        source_hash: content_hash(package),
        keys_stripped: true,
    });
    copy
}
