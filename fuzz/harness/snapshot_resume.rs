//! `snapshot_resume`: a session snapshot → `Session::resume_json` against the certificate quiz
//! (what the browser's `Session.resume` runs on the text it finds in `localStorage`), then, if
//! the attempt resumes, what the player does next: the delivered form and session state, the
//! remaining time, a snapshot saved again, and submit (scoring) with the completion record and
//! its verification.
//!
//! Two input modes:
//! - text: the bytes as snapshot text (lossy UTF-8, as a browser decodes them); seeds are real
//!   snapshots (`fuzz/seeds/snapshot_resume/`);
//! - structured (first byte [`STRUCTURED`](super::STRUCTURED)): [`Edit`]s of a real snapshot of
//!   the golden attempt half done (`examples::quiz_snapshot`), so most inputs parse and reach
//!   the checks behind the parser (form items, responses, flags, position, times).
//!
//! Checked: no panic; a resumed snapshot, saved again, resumes again to the same state.

use arbitrary::{Arbitrary, Unstructured};
use certa::delivery::{delivered_form, session_state};
use certa::record;
use certa::session::Session;
use certa::timestamp::Timestamp;
use certa::verify::verify;

use super::examples;
use super::json_edit::{apply, Edit};

/// A structured input: edits of the real snapshot, and when to submit.
#[derive(Arbitrary, Debug)]
pub struct SnapshotCase {
    pub edits: Vec<Edit>,
    /// Milliseconds after the golden attempt's start.
    pub submit_after: i64,
}

pub fn run(data: &[u8]) {
    match data.split_first() {
        Some((&super::STRUCTURED, rest)) => {
            let Ok(case) = SnapshotCase::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let mut snapshot = examples::quiz_snapshot().clone();
            let package = examples::quiz();
            apply(&mut snapshot, &case.edits, &examples::vocabulary(&package));
            let text = snapshot.to_string();
            resume(
                &text,
                Timestamp(examples::T0.saturating_add(case.submit_after)),
            );
        }
        _ => resume(
            &String::from_utf8_lossy(data),
            Timestamp(examples::T0 + 600_000),
        ),
    }
}

/// Resume `text` against the quiz; if it resumes, play on and submit at `now`.
pub fn resume(text: &str, now: Timestamp) {
    let package = examples::quiz();
    let Ok(mut session) = Session::resume_json(package.clone(), text) else {
        return;
    };
    let form = delivered_form(&package, session.state());
    assert_eq!(form.items.len(), session.form().items.len());
    let _ = session_state(&session);
    let _ = session.time_remaining(now);
    let _ = session.unanswered();

    let saved = match serde_json::to_string(&session.snapshot()) {
        Ok(saved) => saved,
        Err(e) => panic!("a resumed snapshot does not serialize: {e}"),
    };
    match Session::resume_json(package.clone(), &saved) {
        Ok(again) => assert_eq!(
            again.state(),
            session.state(),
            "a snapshot saved again resumes differently"
        ),
        Err(e) => panic!("a resumed snapshot, saved again, is refused: {e}\n{saved}"),
    }

    let _ = session.go_next();
    if let Ok(record) = record::submit(&mut session, now) {
        let json = record.to_canonical_json();
        assert!(!json.is_empty(), "a completion record without JSON");
        let _ = verify(&package, &record);
    }
}
