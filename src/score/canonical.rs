//! The one JSON spelling of a response's numbers, so that a completion record does not depend
//! on how the host wrote the response.
//!
//! The same numeric answer reaches the engine spelled in different ways: a native host reads
//! `1210.0`, `-0` or `12345678901234567890` from a file, while a browser passes a JavaScript
//! number, which has no integer kind, no negative zero in JSON (`JSON.stringify(-0)` is `"0"`)
//! and only 53 bits of integer precision. A session stores each response with its numbers
//! rewritten by one rule, so both write the same record bytes:
//!
//! - the number is its nearest `f64` (what scoring reads anyway);
//! - a whole number of magnitude at most 2^53 is written as an integer (`1210`, `0` for −0);
//! - anything else is written as a float, by serde_json's shortest round-trip formatting.
//!
//! Two spellings of the same `f64` thus always become the same JSON, and the rule is
//! idempotent.

use crate::model::json::{Number, Value};

/// 2^53: the largest magnitude below which every whole number is an exact `f64`.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// `value` with every number rewritten by the rule above (strings, booleans, nulls and the
/// shape of arrays and objects are left as they are).
pub fn canonical_response(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::Number(canonical_number(&n)),
        Value::Array(items) => Value::Array(items.into_iter().map(canonical_response).collect()),
        Value::Object(mut members) => {
            // In place: collecting into a fresh map would sort it again (and bring the
            // map's bulk-build code into the browser module).
            for member in members.values_mut() {
                *member = canonical_response(std::mem::take(member));
            }
            Value::Object(members)
        }
        other => other,
    }
}

/// One number by the rule in the module docs.
fn canonical_number(n: &Number) -> Number {
    let Some(x) = n.as_f64() else {
        return *n;
    };
    if x.fract() == 0.0 && x.abs() <= EXACT_INTEGER_LIMIT {
        // Exact: |x| ≤ 2^53 fits an i64 without rounding; −0 becomes 0.
        let whole = x as i64;
        return if whole >= 0 {
            Number::from(whole.unsigned_abs())
        } else {
            Number::from(whole)
        };
    }
    Number::from_f64(x).unwrap_or(*n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(value: impl Into<Value>) -> String {
        serde_json::to_string(&canonical_response(value.into())).unwrap()
    }

    /// The number as a browser hands it over: JSON text read as a JS number and written back
    /// by `JSON.stringify`, simulated for the cases below.
    fn spellings_agree(native: &str, browser: &str) {
        let a: Value = serde_json::from_str(native).unwrap();
        let b: Value = serde_json::from_str(browser).unwrap();
        assert_eq!(text(a), text(b), "{native} vs {browser}");
    }

    #[test]
    fn the_spellings_of_one_number_give_one_text() {
        spellings_agree("1210.0", "1210");
        spellings_agree("-0", "0");
        spellings_agree("-0.0", "0");
        spellings_agree("1e3", "1000");
        spellings_agree("12345678901234567890", "12345678901234567000");
        spellings_agree("-9007199254740993", "-9007199254740992");
        spellings_agree("999999999999996.0", "999999999999996");
        spellings_agree("1e300", "1e+300");
        spellings_agree("5e-324", "5e-324");
        spellings_agree("0.30000000000000004", "0.30000000000000004");
    }

    #[test]
    fn whole_numbers_are_integers_up_to_2_pow_53_and_floats_beyond() {
        assert_eq!(text(json!(-0.0)), "0");
        assert_eq!(text(json!(1210.0)), "1210");
        assert_eq!(text(json!(-42.0)), "-42");
        assert_eq!(text(json!(9_007_199_254_740_992.0)), "9007199254740992");
        assert_eq!(text(json!(-9_007_199_254_740_992.0)), "-9007199254740992");
        let beyond = text(json!(12_345_678_901_234_567_890_u64));
        assert_eq!(beyond.parse::<f64>().unwrap(), 12_345_678_901_234_567_890.0);
        assert!(beyond.contains('e'), "{beyond}");
        assert_eq!(text(json!(9.81)), "9.81");
        assert_eq!(text(json!(0.1 + 0.2)), "0.30000000000000004");
    }

    #[test]
    fn the_rule_is_idempotent_and_leaves_the_rest_alone() {
        let value = json!({"g1": "Café", "n": [1.5, -0.0, 2.0, true, null], "big": 1e21});
        let once = canonical_response(value.into());
        assert_eq!(canonical_response(once.clone()), once);
        assert_eq!(
            serde_json::to_string(&once).unwrap(),
            r#"{"big":1e+21,"g1":"Café","n":[1.5,0,2,true,null]}"#
        );
    }
}
