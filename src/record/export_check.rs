//! The checks every standards exporter makes before it maps a record: the record belongs to
//! this package (id and version), every item on its form is in the package, and it carries a
//! result (secure records are exported only after the backend has verified and scored them).

use crate::model::{Item, Package};
use crate::score::AttemptResult;

use super::{CompletionRecord, ExportError};

/// The record's result, once the record is known to fit the package.
///
/// Errors, in this order: [`ExportError::PackageMismatch`] when the package id or version
/// differs, [`ExportError::UnknownItem`] for the first form item the package lacks, and
/// [`ExportError::Unscored`] when the record has no result.
pub fn check_export<'r>(
    package: &Package,
    record: &'r CompletionRecord,
) -> Result<&'r AttemptResult, ExportError> {
    if record.package.id != package.id || record.package.version != package.version {
        return Err(ExportError::PackageMismatch {
            record: package_name(&record.package.id, &record.package.version),
            package: package_name(&package.id, &package.version),
        });
    }
    form_items(package, record)?;
    record.result.as_ref().ok_or(ExportError::Unscored)
}

/// The package item of each form entry, in form order.
pub fn form_items<'p>(
    package: &'p Package,
    record: &CompletionRecord,
) -> Result<Vec<&'p Item>, ExportError> {
    record
        .form
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            package
                .item(&entry.item_id)
                .ok_or_else(|| ExportError::UnknownItem {
                    index,
                    item_id: entry.item_id.clone(),
                })
        })
        .collect()
}

fn package_name(id: &str, version: &str) -> String {
    format!("\"{id}\" version {version}")
}
