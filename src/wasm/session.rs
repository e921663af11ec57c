//! `Session`: one attempt in progress, as an opaque handle with small calls. The state lives
//! in the core `session::Session`; after `submit` the completion record is kept for
//! `recordJson()` and `feedback()`.

use wasm_bindgen::prelude::*;

use super::options::StartOptions;
use super::package::Package;
use super::{entropy, error, from_js, json_of, string_arg, time_arg, to_js};
use crate::assemble::{AssemblyContext, Seed};
use crate::decimal::Decimal;
use crate::delivery::{delivered_form, item_feedback, session_state};
use crate::model::json;
use crate::record::{self, CompletionRecord};
use crate::session::{self as core, Mode, SessionStart};

/// One learner's attempt on a package.
///
/// ```js
/// const s = Session.start(pkg, { learner: { id: "u-17" }, now: Date.now() });
/// s.answer(s.form().items[0].id, "b", Date.now());
/// const record = s.submit(Date.now());
/// ```
#[wasm_bindgen]
pub struct Session {
    inner: core::Session,
    record: Option<CompletionRecord>,
}

#[wasm_bindgen]
impl Session {
    /// Assemble a form and open the attempt. `seed` (a decimal string, or a number below
    /// 2^53) and `attemptId` are drawn from `crypto.getRandomValues` when absent.
    ///
    /// ```js
    /// const s = Session.start(pkg, { learner: { id: "u-17", name: "Ada" }, now: Date.now(), seed: "8" });
    /// ```
    pub fn start(
        #[wasm_bindgen(js_name = pkg)] package: &Package,
        #[wasm_bindgen(unchecked_param_type = "StartOptions")] options: JsValue,
    ) -> Result<Session, JsValue> {
        if !options.is_object() {
            return Err(error::bad_argument(
                "options must be an object like {learner: {id}, now: Date.now()}",
            ));
        }
        let options: StartOptions = from_js(&options, "options")?;
        let now = time_arg(options.now, "options.now")?;
        let seed = match options.seed {
            Some(seed) => seed,
            None => Seed(entropy::random_seed()?),
        };
        let attempt_id = match options.attempt_id {
            Some(id) => id,
            None => entropy::uuid_v4()?,
        };
        let start = SessionStart {
            attempt_id,
            learner: options.learner,
            seed,
            now,
            attempt_number: options.attempt_number.unwrap_or(1),
            mode: options.mode.unwrap_or_default(),
            context: AssemblyContext {
                seen_item_ids: options.seen_item_ids,
                exposure_counts: options.exposure_counts,
                administrations: options.administrations,
            },
        };
        let inner =
            core::Session::start(package.shared(), start).map_err(|e| error::session_error(&e))?;
        Ok(Session {
            inner,
            record: None,
        })
    }

    /// Continue an attempt from `snapshot()` text. The snapshot's integrity chain is
    /// recomputed and its answer log replayed: a hand-edited snapshot throws
    /// `snapshot_tampered` (`path` names the first log entry that fails, `log[4]`, or the field
    /// that disagrees with the log), an older unchained one `snapshot_unversioned`; also
    /// `bad_snapshot` or `wrong_package`.
    ///
    /// ```js
    /// try {
    ///   s = Session.resume(pkg, localStorage.getItem(key));
    /// } catch (e) {
    ///   if (e.code === "snapshot_tampered") s = Session.resume(pkg, localStorage.getItem(previousKey));
    /// }
    /// ```
    pub fn resume(
        #[wasm_bindgen(js_name = pkg)] package: &Package,
        #[wasm_bindgen(unchecked_param_type = "string")] snapshot: JsValue,
    ) -> Result<Session, JsValue> {
        let text = string_arg(&snapshot, "the snapshot")?;
        let inner = core::Session::resume_json(package.shared(), &text)
            .map_err(|e| error::session_error(&e))?;
        Ok(Session {
            inner,
            record: None,
        })
    }

    /// The attempt id.
    ///
    /// ```js
    /// const id = s.attemptId();
    /// ```
    #[wasm_bindgen(js_name = attemptId)]
    pub fn attempt_id(&self) -> String {
        self.inner.state().attempt_id.clone()
    }

    /// The seed as a decimal string (it reproduces the form).
    ///
    /// ```js
    /// const seed = s.seed(); // "8"
    /// ```
    pub fn seed(&self) -> String {
        self.inner.form().seed.to_string()
    }

    /// The form to show: items in order, choices in the form's order, no keys, rubrics or
    /// feedback.
    ///
    /// ```js
    /// for (const item of s.form().items) render(item);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "DeliveredForm")]
    pub fn form(&self) -> Result<JsValue, JsValue> {
        to_js(&delivered_form(self.inner.package(), self.inner.state()))
    }

    /// Current question, answered / flagged / unanswered ids, responses, deadline.
    ///
    /// ```js
    /// const { current, answered, total } = s.state();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "SessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&session_state(&self.inner))
    }

    /// Give, change or (with `null`) clear the answer to an item. Throws `wrong_shape`,
    /// `not_on_form`, `time_up`, `submitted` or `linear_locked`.
    ///
    /// ```js
    /// s.answer("a11y-05", "status", Date.now());
    /// s.answer("a11y-05", null, Date.now()); // clear
    /// ```
    pub fn answer(
        &mut self,
        #[wasm_bindgen(js_name = itemId, unchecked_param_type = "string")] item_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ItemResponse | null")] response: JsValue,
        now: f64,
    ) -> Result<(), JsValue> {
        let item_id = string_arg(&item_id, "itemId")?;
        let response = if response.is_undefined() {
            crate::model::json::Value::Null
        } else {
            json_of(&response, "the response")?
        };
        let now = time_arg(now, "now")?;
        self.inner
            .answer(&item_id, response, now)
            .map_err(|e| error::session_error(&e))
    }

    /// Flag or unflag an item for review.
    ///
    /// ```js
    /// s.flag("a11y-05", true);
    /// ```
    pub fn flag(
        &mut self,
        #[wasm_bindgen(js_name = itemId, unchecked_param_type = "string")] item_id: JsValue,
        on: bool,
    ) -> Result<(), JsValue> {
        let item_id = string_arg(&item_id, "itemId")?;
        self.inner
            .flag(&item_id, on)
            .map_err(|e| error::session_error(&e))
    }

    /// Move to question `index` (0-based). Throws `out_of_range` or `linear_back`.
    ///
    /// ```js
    /// s.goTo(s.state().current + 1);
    /// ```
    #[wasm_bindgen(js_name = goTo)]
    pub fn go_to(&mut self, index: f64) -> Result<(), JsValue> {
        if !(index.is_finite() && index >= 0.0 && index.fract() == 0.0 && index <= 1e9) {
            return Err(error::bad_argument(&format!(
                "index must be a whole number from 0, found {}",
                Decimal(index)
            )));
        }
        self.inner
            .go_to(index as usize)
            .map_err(|e| error::session_error(&e))
    }

    /// Milliseconds left, or `null` when the package is untimed. Never negative.
    ///
    /// ```js
    /// const left = s.timeRemaining(Date.now());
    /// ```
    #[wasm_bindgen(js_name = timeRemaining, unchecked_return_type = "number | null")]
    pub fn time_remaining(&self, now: f64) -> Result<JsValue, JsValue> {
        let now = time_arg(now, "now")?;
        Ok(match self.inner.time_remaining(now) {
            Some(ms) => JsValue::from_f64(ms as f64),
            None => JsValue::NULL,
        })
    }

    /// The whole state as JSON text, for autosave; `Session.resume` reads it back.
    ///
    /// ```js
    /// localStorage.setItem(key, s.snapshot());
    /// ```
    pub fn snapshot(&self) -> Result<String, JsValue> {
        Ok(json::write(self.inner.state()))
    }

    /// End and score the attempt; returns the completion record (`certa-record/1`). Allowed
    /// after the time limit (auto-submit). Throws `submitted` the second time.
    ///
    /// ```js
    /// const record = s.submit(Date.now());
    /// console.log(record.result.scaled, record.result.decision);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "CompletionRecord")]
    pub fn submit(&mut self, now: f64) -> Result<JsValue, JsValue> {
        let now = time_arg(now, "now")?;
        let record = record::submit(&mut self.inner, now).map_err(|e| error::session_error(&e))?;
        let value = to_js(&record)?;
        self.record = Some(record);
        Ok(value)
    }

    /// The completion record as canonical JSON text, byte-identical to what the native
    /// engine writes for the same attempt (post this, not `JSON.stringify(record)`, when the
    /// backend verifies bytes). Throws `not_submitted` before `submit`.
    ///
    /// ```js
    /// s.submit(Date.now());
    /// await fetch("/api/records", { method: "POST", body: s.recordJson() });
    /// ```
    #[wasm_bindgen(js_name = recordJson)]
    pub fn record_json(&self) -> Result<String, JsValue> {
        self.record
            .as_ref()
            .map(CompletionRecord::to_canonical_json)
            .ok_or_else(|| error::plain("not_submitted", "the attempt is not submitted yet"))
    }

    /// Per-item feedback after submit, in practice mode only (throws `not_submitted` or
    /// `not_practice` otherwise).
    ///
    /// ```js
    /// for (const f of s.feedback()) show(f.item_id, f.status, f.feedback);
    /// ```
    #[wasm_bindgen(unchecked_return_type = "ItemFeedback[]")]
    pub fn feedback(&self) -> Result<JsValue, JsValue> {
        let record = self
            .record
            .as_ref()
            .ok_or_else(|| error::plain("not_submitted", "feedback comes after submit"))?;
        if record.mode != Mode::Practice {
            return Err(error::plain(
                "not_practice",
                "feedback is given in practice mode only",
            ));
        }
        let result = record.result.as_ref().ok_or_else(|| {
            error::plain("not_practice", "feedback is given in practice mode only")
        })?;
        to_js(&item_feedback(
            self.inner.package(),
            self.inner.state(),
            result,
        ))
    }
}
