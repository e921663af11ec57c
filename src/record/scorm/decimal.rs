//! Numbers as SCORM decimals (`real(10,7)` in 2004, `CMIDecimal` in 1.2): plain notation, at
//! most 7 digits after the point, no trailing zeros, no exponent and no `-0`.

/// `0.9523810`-style formatting without trailing zeros: `1`, `0.5`, `95.2380952`, `-3.25`.
/// A non-finite value (which a scored record never holds) is written `0`.
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.7}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    match trimmed {
        "-0" | "" => "0".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(decimal(1.0), "1");
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(20.0 / 21.0), "0.952381");
        assert_eq!(decimal(1.92 - 0.01), "1.91");
        assert_eq!(decimal(-0.00000001), "0");
        assert_eq!(decimal(-3.25), "-3.25");
        assert_eq!(decimal(100.0), "100");
        assert_eq!(decimal(f64::NAN), "0");
    }
}
