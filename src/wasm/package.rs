//! `Package`: a loaded, validated assessment package, shared by the sessions started on it.
//! The instructor module adds `feasibility()` (`super::instructor`).

use std::sync::Arc;

use wasm_bindgen::prelude::*;

use super::{error, string_arg, to_js};
use crate::delivery::package_info;
use crate::model;

/// A validated `certa/1` package.
///
/// ```js
/// import init, { Package } from "certa";
/// await init();
/// const pkg = Package.load(await (await fetch("quiz.json")).text());
/// console.log(pkg.info().title);
/// ```
#[wasm_bindgen]
pub struct Package {
    inner: Arc<model::Package>,
}

impl Package {
    /// The core package, shared with sessions.
    pub(crate) fn shared(&self) -> Arc<model::Package> {
        Arc::clone(&self.inner)
    }
}

#[wasm_bindgen]
impl Package {
    /// Parse and validate a package from its JSON text. Throws a `CertaError` (`code`
    /// `"parse"` or `"invalid_package"`) whose `path` is the first problem's JSON path and
    /// whose `problems` lists them all.
    ///
    /// ```js
    /// try { Package.load(text); }
    /// catch (e) { console.log(e.code, e.path, e.problems); }
    /// ```
    pub fn load(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
    ) -> Result<Package, JsValue> {
        // Every attempt starts from a loaded package: its typed answers use the host's Unicode.
        super::unicode::install();
        let text = string_arg(&json, "the package JSON")?;
        let inner = model::Package::load(&text).map_err(|e| error::load_error(&e))?;
        Ok(Package {
            inner: Arc::new(inner),
        })
    }

    /// The package at a glance: ids, counts, form length, time limit, navigation.
    ///
    /// ```js
    /// const { title, form_length, time_limit_seconds } = pkg.info();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "PackageInfo")]
    pub fn info(&self) -> Result<JsValue, JsValue> {
        to_js(&package_info(&self.inner))
    }
}
