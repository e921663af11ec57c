//! Durations and instants in the SCORM formats. Milliseconds are cut (never rounded up) to
//! the hundredths of a second both versions allow.
//!
//! - SCORM 2004 `timeinterval (second,10,2)`: ISO 8601 duration, `PT1H2M3.45S`, seconds with
//!   at most 2 decimals.
//! - SCORM 2004 `time (second,10,0)`: `YYYY-MM-DDThh:mm:ss.ssZ`. The time-zone designator is
//!   only allowed after the fraction, so the fraction is always written. The data type's
//!   years are 1970–2038.
//! - SCORM 1.2 `CMITimespan`: `HHHH:MM:SS.SS` (hours 2–4 digits).
//! - SCORM 1.2 `CMITime`: the time of day, `HH:MM:SS.SS`, in UTC.

use crate::timestamp::Timestamp;

/// `PT0S`, `PT20S`, `PT5M10S`, `PT1M23.45S`, `PT2H0.5S`.
pub fn timeinterval(ms: u64) -> String {
    let cs = ms / 10;
    let (h, m, s, frac) = (cs / 360_000, (cs / 6000) % 60, (cs / 100) % 60, cs % 100);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || frac > 0 || (h == 0 && m == 0) {
        if frac == 0 {
            out.push_str(&format!("{s}S"));
        } else {
            let digits = format!("{frac:02}");
            out.push_str(&format!("{s}.{}S", digits.trim_end_matches('0')));
        }
    }
    out
}

/// The SCORM 2004 `time` of an instant, or `None` outside the data type's years 1970–2038.
pub fn time_2004(at: Timestamp) -> Option<String> {
    let text = at.to_rfc3339(); // 2026-11-22T18:14:15.123Z
    let year: i32 = text.get(..4)?.parse().ok()?;
    if !(1970..=2038).contains(&year) || text.len() != 24 {
        return None;
    }
    // Keep hundredths: drop the third fraction digit.
    Some(format!("{}Z", text.get(..22)?))
}

/// `HHHH:MM:SS.SS`, or `None` past 9999 hours.
pub fn timespan_12(ms: u64) -> Option<String> {
    let cs = ms / 10;
    let h = cs / 360_000;
    (h <= 9999).then(|| {
        format!(
            "{h:04}:{:02}:{:02}.{:02}",
            (cs / 6000) % 60,
            (cs / 100) % 60,
            cs % 100
        )
    })
}

/// The UTC time of day, `HH:MM:SS.SS`.
pub fn time_12(at: Timestamp) -> String {
    let cs = at.0.rem_euclid(Timestamp::DAY_MS) / 10;
    format!(
        "{:02}:{:02}:{:02}.{:02}",
        cs / 360_000,
        (cs / 6000) % 60,
        (cs / 100) % 60,
        cs % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(timeinterval(0), "PT0S");
        assert_eq!(timeinterval(20_000), "PT20S");
        assert_eq!(timeinterval(310_000), "PT5M10S");
        assert_eq!(timeinterval(83_459), "PT1M23.45S");
        assert_eq!(timeinterval(7_200_500), "PT2H0.5S");
        assert_eq!(timeinterval(3_600_000), "PT1H");
        assert_eq!(timeinterval(9), "PT0S");
    }

    #[test]
    fn instants() {
        let t = Timestamp(1_795_371_255_123);
        assert_eq!(time_2004(t).as_deref(), Some("2026-11-22T18:14:15.12Z"));
        assert_eq!(time_2004(Timestamp(-1)), None);
        assert_eq!(time_2004("2039-01-01".parse().unwrap()), None);
        assert_eq!(time_12(t), "18:14:15.12");
    }

    #[test]
    fn timespans() {
        assert_eq!(timespan_12(310_000).as_deref(), Some("0000:05:10.00"));
        assert_eq!(timespan_12(83_459).as_deref(), Some("0000:01:23.45"));
        assert_eq!(timespan_12(10_000 * 3_600_000), None);
    }
}
