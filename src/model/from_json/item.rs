//! Items and what they hold: `Item`, `OutcomeAlignment`, `Difficulty`, `IrtParameters`,
//! `Feedback`, `Choice`, `AcceptedAnswer`, `NumericKey` and the partial-credit rules.

use crate::model::item::{
    one, AcceptedAnswer, Choice, Difficulty, Feedback, IrtParameters, Item, MatchingRule,
    MultipleResponseRule, NumericKey, OrderingRule, OutcomeAlignment,
};
use crate::model::json::{Error, Fields, FromJson, Reader};

const ITEM: Fields = Fields {
    expecting: "struct Item",
    names: &[
        "id",
        "stem",
        "points",
        "domain",
        "outcomes",
        "difficulty",
        "irt",
        "enemy_group",
        "set",
        "feedback",
        "interaction",
    ],
    deny_unknown: true,
};

impl FromJson for Item {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut stem, mut points, mut domain) = (None, None, None, None);
        let (mut outcomes, mut difficulty, mut irt) = (None, None, None);
        let (mut enemy_group, mut set, mut feedback, mut interaction) = (None, None, None, None);
        r.fields(&ITEM, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut stem),
            2 => r.read(&mut points),
            3 => r.read(&mut domain),
            4 => r.read(&mut outcomes),
            5 => r.read(&mut difficulty),
            6 => r.read(&mut irt),
            7 => r.read(&mut enemy_group),
            8 => r.read(&mut set),
            9 => r.read(&mut feedback),
            _ => r.read(&mut interaction),
        })?;
        Ok(Item {
            id: r.need(id, "id")?,
            stem: r.need(stem, "stem")?,
            points: points.unwrap_or_else(one),
            domain: r.need(domain, "domain")?,
            outcomes: outcomes.unwrap_or_default(),
            difficulty: difficulty.flatten(),
            irt: irt.flatten(),
            enemy_group: enemy_group.flatten(),
            set: set.flatten(),
            feedback: feedback.flatten(),
            interaction: r.need(interaction, "interaction")?,
        })
    }
}

const OUTCOME_ALIGNMENT: Fields = Fields {
    expecting: "struct OutcomeAlignment",
    names: &["outcome", "weight"],
    deny_unknown: true,
};

impl FromJson for OutcomeAlignment {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut outcome, mut weight) = (None, None);
        r.fields(&OUTCOME_ALIGNMENT, &mut |r, field| match field {
            0 => r.read(&mut outcome),
            _ => r.read(&mut weight),
        })?;
        Ok(OutcomeAlignment {
            outcome: r.need(outcome, "outcome")?,
            weight: weight.unwrap_or_else(one),
        })
    }
}

/// `{"p": 0.7}` or `{"b": -0.4}`.
impl FromJson for Difficulty {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut difficulty = None;
        r.newtype_variant(&["p", "b"], &mut |r, variant| {
            let value = r.float()?;
            difficulty = Some(if variant == 0 {
                Difficulty::P(value)
            } else {
                Difficulty::B(value)
            });
            Ok(())
        })?;
        // Set whenever the variant was read.
        difficulty.ok_or_else(|| r.error("expected value"))
    }
}

const IRT_PARAMETERS: Fields = Fields {
    expecting: "struct IrtParameters",
    names: &["a", "b", "c"],
    deny_unknown: true,
};

impl FromJson for IrtParameters {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut a, mut b, mut c) = (None, None, None);
        r.fields(&IRT_PARAMETERS, &mut |r, field| match field {
            0 => r.read(&mut a),
            1 => r.read(&mut b),
            _ => r.read(&mut c),
        })?;
        Ok(IrtParameters {
            a: r.need(a, "a")?,
            b: r.need(b, "b")?,
            c: c.flatten(),
        })
    }
}

const FEEDBACK: Fields = Fields {
    expecting: "struct Feedback",
    names: &["correct", "incorrect", "partial"],
    deny_unknown: true,
};

impl FromJson for Feedback {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut correct, mut incorrect, mut partial) = (None, None, None);
        r.fields(&FEEDBACK, &mut |r, field| match field {
            0 => r.read(&mut correct),
            1 => r.read(&mut incorrect),
            _ => r.read(&mut partial),
        })?;
        Ok(Feedback {
            correct: correct.flatten(),
            incorrect: incorrect.flatten(),
            partial: partial.flatten(),
        })
    }
}

const CHOICE: Fields = Fields {
    expecting: "struct Choice",
    names: &["id", "content", "pinned", "feedback"],
    deny_unknown: true,
};

impl FromJson for Choice {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut content, mut pinned, mut feedback) = (None, None, None, None);
        r.fields(&CHOICE, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut content),
            2 => r.read(&mut pinned),
            _ => r.read(&mut feedback),
        })?;
        Ok(Choice {
            id: r.need(id, "id")?,
            content: r.need(content, "content")?,
            pinned: pinned.unwrap_or(false),
            feedback: feedback.flatten(),
        })
    }
}

const ACCEPTED_ANSWER: Fields = Fields {
    expecting: "struct AcceptedAnswer",
    names: &["value", "points"],
    deny_unknown: true,
};

impl FromJson for AcceptedAnswer {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut value, mut points) = (None, None);
        r.fields(&ACCEPTED_ANSWER, &mut |r, field| match field {
            0 => r.read(&mut value),
            _ => r.read(&mut points),
        })?;
        Ok(AcceptedAnswer {
            value: r.need(value, "value")?,
            points: points.flatten(),
        })
    }
}

const NUMERIC_KEY: Fields = Fields {
    expecting: "struct NumericKey",
    names: &[
        "value",
        "absolute_tolerance",
        "relative_tolerance",
        "min",
        "max",
    ],
    deny_unknown: true,
};

impl FromJson for NumericKey {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut value, mut absolute_tolerance, mut relative_tolerance) = (None, None, None);
        let (mut min, mut max) = (None, None);
        r.fields(&NUMERIC_KEY, &mut |r, field| match field {
            0 => r.read(&mut value),
            1 => r.read(&mut absolute_tolerance),
            2 => r.read(&mut relative_tolerance),
            3 => r.read(&mut min),
            _ => r.read(&mut max),
        })?;
        Ok(NumericKey {
            value: value.flatten(),
            absolute_tolerance: absolute_tolerance.flatten(),
            relative_tolerance: relative_tolerance.flatten(),
            min: min.flatten(),
            max: max.flatten(),
        })
    }
}

impl FromJson for MultipleResponseRule {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(
            match r.unit_variant(&["all_or_nothing", "per_option", "right_minus_wrong"])? {
                0 => MultipleResponseRule::AllOrNothing,
                1 => MultipleResponseRule::PerOption,
                _ => MultipleResponseRule::RightMinusWrong,
            },
        )
    }
}

impl FromJson for OrderingRule {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["exact", "adjacent_pairs"])? {
            0 => OrderingRule::Exact,
            _ => OrderingRule::AdjacentPairs,
        })
    }
}

impl FromJson for MatchingRule {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["per_pair", "all_or_nothing"])? {
            0 => MatchingRule::PerPair,
            _ => MatchingRule::AllOrNothing,
        })
    }
}
