//! Points in time as milliseconds since the Unix epoch (UTC), and their RFC 3339 form.
//!
//! The core never reads a clock: callers pass `now` in. Formatting is done here by the civil
//! calendar algorithm, so it is identical on every target.

use serde::{Deserialize, Serialize};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Milliseconds in one day.
    pub const DAY_MS: i64 = 86_400_000;

    /// This instant plus `days` whole days.
    pub fn plus_days(self, days: u32) -> Timestamp {
        Timestamp(
            self.0
                .saturating_add((days as i64).saturating_mul(Self::DAY_MS)),
        )
    }

    /// Milliseconds from `earlier` to `self`, 0 if `earlier` is later.
    pub fn millis_since(self, earlier: Timestamp) -> u64 {
        self.0.saturating_sub(earlier.0).max(0) as u64
    }

    /// RFC 3339 with milliseconds and `Z`: `2026-11-22T18:14:15.000Z`.
    pub fn to_rfc3339(self) -> String {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
            rem / 3600,
            (rem % 3600) / 60,
            rem % 60
        )
    }

    /// The calendar date, `2026-11-22`.
    pub fn to_date(self) -> String {
        let (y, m, d) = civil_from_days(self.0.div_euclid(Self::DAY_MS));
        format!("{y:04}-{m:02}-{d:02}")
    }
}

impl std::str::FromStr for Timestamp {
    type Err = String;

    /// Unix milliseconds (`1795371255123`), a date (`2026-11-22`, midnight UTC), or an RFC 3339
    /// date-time (`2026-11-22T18:14:15Z`, `2026-11-22T19:14:15.5+01:00`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || format!("expected Unix milliseconds or an RFC 3339 date-time, found \"{s}\"");
        if let Ok(ms) = s.parse::<i64>() {
            return Ok(Timestamp(ms));
        }
        let num = |part: &str| -> Result<i64, String> {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<i64>().map_err(|_| bad())
        };
        let (date, time) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut parts = date.splitn(3, '-');
        let (ys, ms_, ds) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        // RFC 3339 fields are fixed width; this also keeps the arithmetic below in range.
        if ys.len() != 4 || ms_.len() != 2 || ds.len() != 2 {
            return Err(bad());
        }
        let (y, m, d) = (num(ys)?, num(ms_)?, num(ds)?);
        if !(1..=12).contains(&m) || !(1..=days_in_month(y, m)).contains(&d) {
            return Err(bad());
        }
        let mut ms = days_from_civil(y, m, d) * Self::DAY_MS;
        if let Some(time) = time {
            let (clock, offset_ms) = if let Some(t) = time.strip_suffix(['Z', 'z']) {
                (t, 0)
            } else if let Some(i) = time.rfind(['+', '-']) {
                let (h, mi) = time[i + 1..].split_once(':').ok_or_else(bad)?;
                let sign = if time.as_bytes()[i] == b'-' { -1 } else { 1 };
                let (h, mi) = (num(h)?, num(mi)?);
                if h > 23 || mi > 59 {
                    return Err(bad());
                }
                (&time[..i], sign * (h * 3_600_000 + mi * 60_000))
            } else {
                return Err(bad());
            };
            let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
            let mut f = hms.splitn(3, ':');
            let (h, mi, sec) = (
                num(f.next().unwrap_or(""))?,
                num(f.next().unwrap_or(""))?,
                num(f.next().unwrap_or(""))?,
            );
            if h > 23 || mi > 59 || sec > 60 {
                return Err(bad());
            }
            let frac_ms = if frac.is_empty() {
                0
            } else {
                let digits: String = frac.chars().chain("000".chars()).take(3).collect();
                num(&digits)?
            };
            ms += h * 3_600_000 + mi * 60_000 + sec * 1000 + frac_ms - offset_ms;
        }
        Ok(Timestamp(ms))
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's civil-to-days conversion (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's days-to-civil conversion (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(Timestamp(0).to_rfc3339(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            Timestamp(1_795_371_255_123).to_rfc3339(),
            "2026-11-22T18:14:15.123Z"
        );
        assert_eq!(Timestamp(951_782_400_000).to_date(), "2000-02-29");
        assert_eq!(Timestamp(-1).to_rfc3339(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn parses_what_it_formats() {
        for ms in [0i64, 1_795_371_255_123, 951_782_400_000, -1] {
            let t = Timestamp(ms);
            assert_eq!(t.to_rfc3339().parse::<Timestamp>(), Ok(t));
        }
        assert_eq!(
            "2026-11-22".parse::<Timestamp>().unwrap().to_rfc3339(),
            "2026-11-22T00:00:00.000Z"
        );
        assert_eq!(
            "2026-11-22T19:14:15.5+01:00"
                .parse::<Timestamp>()
                .unwrap()
                .to_rfc3339(),
            "2026-11-22T18:14:15.500Z"
        );
        assert_eq!(
            "1795371255123".parse::<Timestamp>(),
            Ok(Timestamp(1_795_371_255_123))
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "yesterday",
            "2026-11-22T25:00:00Z",
            "2026-11-22T10:00:00",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn adds_days() {
        let t = Timestamp(1_795_371_255_123);
        assert_eq!(t.plus_days(365).to_date(), "2027-11-22");
        assert_eq!(Timestamp(i64::MAX).plus_days(10), Timestamp(i64::MAX));
    }
}
