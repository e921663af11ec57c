//! The scored result written as JSON by hand ([`ToJson`]): `AttemptResult` and its item,
//! domain and outcome figures, decision, credential and ability estimate. Each impl mirrors
//! the type's serde declaration.

use crate::model::json::{ToJson, Writer};

use super::result::{
    AbilityEstimate, AttemptResult, CredentialDecision, Decision, DomainScore, ItemScore,
    ItemStatus, OutcomeMastery,
};

impl ToJson for AttemptResult {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("items", &self.items);
        w.field("raw", &self.raw);
        w.field("max_raw", &self.max_raw);
        w.field("scaled", &self.scaled);
        w.field("decision", &self.decision);
        w.field("domains", &self.domains);
        w.field("outcomes", &self.outcomes);
        w.field("credential", &self.credential);
        if let Some(ability) = &self.ability {
            w.field("ability", ability);
        }
        w.field("pending_manual", &self.pending_manual);
        w.end_object();
    }
}

impl ToJson for ItemStatus {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            ItemStatus::Correct => "correct",
            ItemStatus::Incorrect => "incorrect",
            ItemStatus::Partial => "partial",
            ItemStatus::Unanswered => "unanswered",
            ItemStatus::PendingManual => "pending_manual",
        });
    }
}

impl ToJson for ItemScore {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("item_id", &self.item_id);
        w.field("status", &self.status);
        w.field("points", &self.points);
        w.field("max_points", &self.max_points);
        w.end_object();
    }
}

impl ToJson for DomainScore {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("domain", &self.domain);
        w.field("points", &self.points);
        w.field("max_points", &self.max_points);
        w.field("ratio", &self.ratio);
        w.field("items", &self.items);
        w.end_object();
    }
}

impl ToJson for OutcomeMastery {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("outcome", &self.outcome);
        w.field("score", &self.score);
        w.field("threshold", &self.threshold);
        w.field("items", &self.items);
        w.field("min_items", &self.min_items);
        w.field("required", &self.required);
        w.field("mastered", &self.mastered);
        w.field("pending_manual", &self.pending_manual);
        w.end_object();
    }
}

impl ToJson for Decision {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            Decision::Pass => "pass",
            Decision::Fail => "fail",
            Decision::Pending => "pending",
        });
    }
}

impl ToJson for CredentialDecision {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("kind", &self.kind);
        w.field("awarded", &self.awarded);
        w.field("reasons", &self.reasons);
        if let Some(expires_at) = &self.expires_at {
            w.field("expires_at", expires_at);
        }
        w.end_object();
    }
}

impl ToJson for AbilityEstimate {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("eap", &self.eap);
        w.field("eap_se", &self.eap_se);
        w.field("mle", &self.mle);
        w.field("mle_se", &self.mle_se);
        w.field("mle_bounded", &self.mle_bounded);
        w.field("items", &self.items);
        w.end_object();
    }
}
