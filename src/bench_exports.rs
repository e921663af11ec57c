//! Benchmark entry points for `./x bench peers` (cargo feature `bench-exports`, wasm32 only).
//! `./x build` never enables the feature, so the player's `pkg/certa_bg.wasm` does not carry
//! them; `./x bench peers` builds them into its own target and output directories
//! (`target/bench/`) and `benches/peers/wasm.mjs` times them in Node.
//!
//! Each call does one unit of the benchmark's work on data handed over beforehand, so the
//! timings in JS measure the engine, not the copying of arguments.

use wasm_bindgen::prelude::*;

use crate::assemble::{assemble, AssemblyContext, Seed};
use crate::model::{IrtParameters, Package};
use crate::score::irt::{EapScorer, MleScorer};

/// A loaded package that assembles forms, one per call.
#[wasm_bindgen]
pub struct BenchForms {
    package: Package,
    context: AssemblyContext,
}

#[wasm_bindgen]
impl BenchForms {
    /// Load and validate a package.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<BenchForms, JsError> {
        let package = Package::load(json).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(BenchForms {
            package,
            context: AssemblyContext::default(),
        })
    }

    /// One form for `seed`, with no history: its item ids joined by newlines.
    pub fn assemble(&self, seed: u32) -> Result<String, JsError> {
        let a = assemble(
            &self.package,
            Seed(u64::from(seed)),
            &AssemblyContext::default(),
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(a.form.item_ids().join("\n"))
    }

    /// One form for `seed` with the exposure counts of the forms this object assembled
    /// before with `assembleNext`, which then count this one too.
    #[wasm_bindgen(js_name = assembleNext)]
    pub fn assemble_next(&mut self, seed: u32) -> Result<String, JsError> {
        let a = assemble(&self.package, Seed(u64::from(seed)), &self.context)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let ids = a.form.item_ids();
        for id in &ids {
            *self
                .context
                .exposure_counts
                .entry(id.to_string())
                .or_insert(0) += 1;
        }
        self.context.administrations += 1;
        Ok(ids.join("\n"))
    }
}

/// A fixed test and response vectors, scored by EAP or MLE on demand.
#[wasm_bindgen]
pub struct BenchScoring {
    items: Vec<IrtParameters>,
    scorer: EapScorer,
    mle_scorer: MleScorer,
    vectors: Vec<Vec<bool>>,
    thetas: Vec<f64>,
    converged: Vec<u8>,
}

#[wasm_bindgen]
impl BenchScoring {
    /// `params` holds a, b, c per item; `responses` holds one byte (0 or 1) per answer,
    /// vector after vector, `items` per vector. Builds the EAP tables.
    #[wasm_bindgen(constructor)]
    pub fn new(params: &[f64], responses: &[u8]) -> BenchScoring {
        let items: Vec<IrtParameters> = params
            .chunks_exact(3)
            .filter_map(|p| match *p {
                [a, b, c] => Some(IrtParameters { a, b, c: Some(c) }),
                _ => None,
            })
            .collect();
        let n = items.len().max(1);
        let vectors = responses
            .chunks_exact(n)
            .map(|v| v.iter().map(|&u| u == 1).collect())
            .collect();
        BenchScoring {
            scorer: EapScorer::new(&items),
            mle_scorer: MleScorer::new(&items),
            items,
            vectors,
            thetas: Vec::new(),
            converged: Vec::new(),
        }
    }

    /// Rebuild the EAP tables (to time their setup).
    pub fn prepare(&mut self) {
        self.scorer = EapScorer::new(&self.items);
    }

    /// Rebuild the MLE tables (to time their setup).
    #[wasm_bindgen(js_name = prepareMle)]
    pub fn prepare_mle(&mut self) {
        self.mle_scorer = MleScorer::new(&self.items);
    }

    /// EAP θ of the first `count` vectors (kept for `thetas`); returns their sum.
    pub fn eap(&mut self, count: usize) -> f64 {
        self.thetas.clear();
        for v in self.vectors.iter().take(count) {
            self.thetas.push(self.scorer.estimate(v).0);
        }
        self.thetas.iter().sum()
    }

    /// MLE θ of the first `count` vectors (kept for `thetas` and `converged`); returns their
    /// sum.
    pub fn mle(&mut self, count: usize) -> f64 {
        self.thetas.clear();
        self.converged.clear();
        for v in self.vectors.iter().take(count) {
            let m = self.mle_scorer.estimate(v);
            self.thetas.push(m.theta);
            self.converged.push(u8::from(!m.bounded));
        }
        self.thetas.iter().sum()
    }

    /// The θ of the last `eap` or `mle` call.
    pub fn thetas(&self) -> Vec<f64> {
        self.thetas.clone()
    }

    /// Per vector of the last `mle` call: 1 when the estimate is not at a bound.
    pub fn converged(&self) -> Vec<u8> {
        self.converged.clone()
    }
}
