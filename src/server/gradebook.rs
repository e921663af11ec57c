//! The gradebook export (`GET /api/records.csv`): one row per stored attempt, RFC 4180 CSV
//! (CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and tab or carriage return)
//! as a formula, so every text cell that comes from a package or a record and starts with one
//! of those gets a leading `'`. Numbers are written by the service and are left as they are.

use super::store::RecordRow;

/// The header row's column names.
pub const COLUMNS: [&str; 19] = [
    "attempt_id",
    "learner_id",
    "learner_name",
    "package_id",
    "package_version",
    "mode",
    "attempt_number",
    "started_at",
    "submitted_at",
    "duration_seconds",
    "raw",
    "max_raw",
    "scaled",
    "decision",
    "credential_awarded",
    "credential_expires_at",
    "outcomes_mastered",
    "outcomes_not_mastered",
    "stored_at",
];

/// A text cell, safe against formula injection.
fn text_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    quote(&guarded)
}

/// Quote a field when it needs it (RFC 4180).
fn quote(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn number(value: f64) -> String {
    if value.is_finite() {
        // Shortest round-trip form; integers without a trailing ".0".
        let text = format!("{value}");
        text.strip_suffix(".0").map(String::from).unwrap_or(text)
    } else {
        String::new()
    }
}

fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The CSV text of these rows, header first.
pub fn to_csv(rows: &[RecordRow]) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 256);
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for row in rows {
        let mastered: Vec<&str> = row
            .outcomes
            .iter()
            .filter(|o| o.mastered)
            .map(|o| o.outcome.as_str())
            .collect();
        let not_mastered: Vec<&str> = row
            .outcomes
            .iter()
            .filter(|o| !o.mastered)
            .map(|o| o.outcome.as_str())
            .collect();
        let cells = [
            text_cell(&row.attempt_id),
            text_cell(&row.learner_id),
            text_cell(row.learner_name.as_deref().unwrap_or("")),
            text_cell(&row.package_id),
            text_cell(&row.package_version),
            enum_text(&row.mode),
            row.attempt_number.to_string(),
            row.started_at.to_rfc3339(),
            row.submitted_at.to_rfc3339(),
            number(row.duration_ms as f64 / 1000.0),
            number(row.raw),
            number(row.max_raw),
            number(row.scaled),
            enum_text(&row.decision),
            row.credential_awarded.to_string(),
            row.credential_expires_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
            text_cell(&mastered.join(" ")),
            text_cell(&not_mastered.join(" ")),
            row.stored_at.to_rfc3339(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_quoted_and_guarded() {
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("\tx"), "'\tx");
        assert_eq!(number(70.0), "70");
        assert_eq!(number(61.25), "61.25");
        assert_eq!(number(f64::NAN), "");
    }
}
