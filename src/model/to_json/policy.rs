//! The policies: scoring (scale, negative marking, rounding), credential (tagged by `kind`),
//! attempts and delivery.

use crate::model::json::{ToJson, Writer};
use crate::model::policy::{
    AttemptGrading, AttemptsPolicy, CredentialPolicy, DeliveryPolicy, Navigation, NegativeMarking,
    Rounding, RoundingMode, ScoreScale, ScoringPolicy,
};

impl ToJson for ScoringPolicy {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("cut_score", &self.cut_score);
        w.field("scale", &self.scale);
        w.field("negative_marking", &self.negative_marking);
        w.field("rounding", &self.rounding);
        w.end_object();
    }
}

impl ToJson for ScoreScale {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("min", &self.min);
        w.field("max", &self.max);
        w.end_object();
    }
}

impl ToJson for NegativeMarking {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("enabled", &self.enabled);
        w.field("penalty", &self.penalty);
        w.end_object();
    }
}

impl ToJson for Rounding {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("decimals", &self.decimals);
        w.field("mode", &self.mode);
        w.end_object();
    }
}

impl ToJson for RoundingMode {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfEven => "half_even",
            RoundingMode::Down => "down",
        });
    }
}

impl ToJson for CredentialPolicy {
    fn to_json(&self, w: &mut Writer) {
        match self {
            CredentialPolicy::Certificate { name, description } => {
                w.tagged("kind", "certificate", &mut |w| {
                    w.field("name", name);
                    w.field("description", description);
                });
            }
            CredentialPolicy::Certification {
                name,
                description,
                validity_days,
            } => w.tagged("kind", "certification", &mut |w| {
                w.field("name", name);
                w.field("description", description);
                w.field("validity_days", validity_days);
            }),
            CredentialPolicy::None => w.tagged("kind", "none", &mut |_| {}),
        }
    }
}

impl ToJson for AttemptsPolicy {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        if let Some(max) = &self.max {
            w.field("max", max);
        }
        w.field("grading", &self.grading);
        w.field("avoid_seen_items", &self.avoid_seen_items);
        w.end_object();
    }
}

impl ToJson for AttemptGrading {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            AttemptGrading::Highest => "highest",
            AttemptGrading::Last => "last",
            AttemptGrading::First => "first",
            AttemptGrading::Average => "average",
        });
    }
}

impl ToJson for DeliveryPolicy {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("navigation", &self.navigation);
        if let Some(limit) = &self.time_limit_seconds {
            w.field("time_limit_seconds", limit);
        }
        w.field("secure", &self.secure);
        w.end_object();
    }
}

impl ToJson for Navigation {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            Navigation::Free => "free",
            Navigation::Linear => "linear",
        });
    }
}
