//! `package.feasibility()`, in the instructor module only (cargo feature `instructor`, built by
//! `./x build` as `pkg/instructor/certa_instructor.js` for the instructor preview).
//!
//! The learner's player never asks whether a blueprint can be met: an author checks that
//! before delivery, and an attempt started on a blueprint that cannot be met still fails with
//! the solver's reason. Leaving the report (quota rows, shortfalls, a proof form, the exposure
//! estimate over sample forms) out of the player keeps the learner's module small.

use wasm_bindgen::prelude::*;

use super::package::Package;
use super::to_js;
use crate::assemble::{feasibility, AssemblyContext};

#[wasm_bindgen]
impl Package {
    /// Whether the bank can meet the blueprint: quota rows, pins, sets, shortfalls, a proof
    /// form and an exposure estimate over 50 sample forms. Instructor module only.
    ///
    /// ```js
    /// import init, { Package } from "certa/instructor";
    /// await init();
    /// const report = Package.load(text).feasibility();
    /// if (!report.feasible) console.log(report.problems);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "FeasibilityReport")]
    pub fn feasibility(&self) -> Result<JsValue, JsValue> {
        to_js(&feasibility(&self.shared(), &AssemblyContext::default()))
    }
}
