//! The policies: scoring (`ScoringPolicy`, `ScoreScale`, `NegativeMarking`, `Rounding`,
//! `RoundingMode`), the internally tagged `CredentialPolicy`, attempts and delivery.

use crate::model::json::{Error, Fields, FromJson, Reader, Variants};
use crate::model::policy::{
    two, AttemptGrading, AttemptsPolicy, CredentialPolicy, DeliveryPolicy, Navigation,
    NegativeMarking, Rounding, RoundingMode, ScoreScale, ScoringPolicy,
};

const SCORING_POLICY: Fields = Fields {
    expecting: "struct ScoringPolicy",
    names: &["cut_score", "scale", "negative_marking", "rounding"],
    deny_unknown: true,
};

impl FromJson for ScoringPolicy {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut cut_score, mut scale, mut negative_marking, mut rounding) =
            (None, None, None, None);
        r.fields(&SCORING_POLICY, &mut |r, field| match field {
            0 => r.read(&mut cut_score),
            1 => r.read(&mut scale),
            2 => r.read(&mut negative_marking),
            _ => r.read(&mut rounding),
        })?;
        Ok(ScoringPolicy {
            cut_score: r.need(cut_score, "cut_score")?,
            scale: scale.unwrap_or_default(),
            negative_marking: negative_marking.unwrap_or_default(),
            rounding: rounding.unwrap_or_default(),
        })
    }
}

const SCORE_SCALE: Fields = Fields {
    expecting: "struct ScoreScale",
    names: &["min", "max"],
    deny_unknown: true,
};

impl FromJson for ScoreScale {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut min, mut max) = (None, None);
        r.fields(&SCORE_SCALE, &mut |r, field| match field {
            0 => r.read(&mut min),
            _ => r.read(&mut max),
        })?;
        Ok(ScoreScale {
            min: r.need(min, "min")?,
            max: r.need(max, "max")?,
        })
    }
}

const NEGATIVE_MARKING: Fields = Fields {
    expecting: "struct NegativeMarking",
    names: &["enabled", "penalty"],
    deny_unknown: true,
};

impl FromJson for NegativeMarking {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut enabled, mut penalty) = (None, None);
        r.fields(&NEGATIVE_MARKING, &mut |r, field| match field {
            0 => r.read(&mut enabled),
            _ => r.read(&mut penalty),
        })?;
        Ok(NegativeMarking {
            enabled: enabled.unwrap_or(false),
            penalty: penalty.unwrap_or(0.0),
        })
    }
}

const ROUNDING: Fields = Fields {
    expecting: "struct Rounding",
    names: &["decimals", "mode"],
    deny_unknown: true,
};

impl FromJson for Rounding {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut decimals, mut mode) = (None, None);
        r.fields(&ROUNDING, &mut |r, field| match field {
            0 => r.read(&mut decimals),
            _ => r.read(&mut mode),
        })?;
        Ok(Rounding {
            decimals: decimals.unwrap_or_else(two),
            mode: mode.unwrap_or_default(),
        })
    }
}

impl FromJson for RoundingMode {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["half_up", "half_even", "down"])? {
            0 => RoundingMode::HalfUp,
            1 => RoundingMode::HalfEven,
            _ => RoundingMode::Down,
        })
    }
}

const CREDENTIAL_POLICY: Variants = Variants {
    tag: "kind",
    names: &["certificate", "certification", "none"],
};

const CERTIFICATE: Fields = Fields {
    expecting: "struct variant CredentialPolicy::Certificate",
    names: &["name", "description"],
    deny_unknown: true,
};

const CERTIFICATION: Fields = Fields {
    expecting: "struct variant CredentialPolicy::Certification",
    names: &["name", "description", "validity_days"],
    deny_unknown: true,
};

impl FromJson for CredentialPolicy {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut policy = None;
        r.tagged(&CREDENTIAL_POLICY, &mut |r, variant| {
            policy = Some(match variant {
                0 => {
                    let (mut name, mut description) = (None, None);
                    r.fields(&CERTIFICATE, &mut |r, field| match field {
                        0 => r.read(&mut name),
                        _ => r.read(&mut description),
                    })?;
                    CredentialPolicy::Certificate {
                        name: r.need(name, "name")?,
                        description: description.unwrap_or_default(),
                    }
                }
                1 => {
                    let (mut name, mut description, mut validity_days) = (None, None, None);
                    r.fields(&CERTIFICATION, &mut |r, field| match field {
                        0 => r.read(&mut name),
                        1 => r.read(&mut description),
                        _ => r.read(&mut validity_days),
                    })?;
                    CredentialPolicy::Certification {
                        name: r.need(name, "name")?,
                        description: description.unwrap_or_default(),
                        validity_days: r.need(validity_days, "validity_days")?,
                    }
                }
                _ => {
                    r.no_fields()?;
                    CredentialPolicy::None
                }
            });
            Ok(())
        })?;
        // Set whenever the variant was read.
        policy.ok_or_else(|| r.error("expected value"))
    }
}

const ATTEMPTS_POLICY: Fields = Fields {
    expecting: "struct AttemptsPolicy",
    names: &["max", "grading", "avoid_seen_items"],
    deny_unknown: true,
};

impl FromJson for AttemptsPolicy {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut max, mut grading, mut avoid_seen_items) = (None, None, None);
        r.fields(&ATTEMPTS_POLICY, &mut |r, field| match field {
            0 => r.read(&mut max),
            1 => r.read(&mut grading),
            _ => r.read(&mut avoid_seen_items),
        })?;
        Ok(AttemptsPolicy {
            max: max.flatten(),
            grading: grading.unwrap_or_default(),
            avoid_seen_items: avoid_seen_items.unwrap_or(false),
        })
    }
}

impl FromJson for AttemptGrading {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(
            match r.unit_variant(&["highest", "last", "first", "average"])? {
                0 => AttemptGrading::Highest,
                1 => AttemptGrading::Last,
                2 => AttemptGrading::First,
                _ => AttemptGrading::Average,
            },
        )
    }
}

const DELIVERY_POLICY: Fields = Fields {
    expecting: "struct DeliveryPolicy",
    names: &["navigation", "time_limit_seconds", "secure"],
    deny_unknown: true,
};

impl FromJson for DeliveryPolicy {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut navigation, mut time_limit_seconds, mut secure) = (None, None, None);
        r.fields(&DELIVERY_POLICY, &mut |r, field| match field {
            0 => r.read(&mut navigation),
            1 => r.read(&mut time_limit_seconds),
            _ => r.read(&mut secure),
        })?;
        Ok(DeliveryPolicy {
            navigation: navigation.unwrap_or_default(),
            time_limit_seconds: time_limit_seconds.flatten(),
            secure: secure.unwrap_or(false),
        })
    }
}

impl FromJson for Navigation {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["free", "linear"])? {
            0 => Navigation::Free,
            _ => Navigation::Linear,
        })
    }
}
