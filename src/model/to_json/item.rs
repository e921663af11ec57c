//! Items and what they hold: `Item`, `OutcomeAlignment`, `Difficulty`, `IrtParameters`,
//! `Feedback`, `Choice`, `AcceptedAnswer`, `NumericKey` and the partial-credit rules.

use crate::model::item::{
    AcceptedAnswer, Choice, Difficulty, Feedback, IrtParameters, Item, MatchingRule,
    MultipleResponseRule, NumericKey, OrderingRule, OutcomeAlignment,
};
use crate::model::json::{ToJson, Writer};

impl ToJson for Item {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("stem", &self.stem);
        w.field("points", &self.points);
        w.field("domain", &self.domain);
        w.field("outcomes", &self.outcomes);
        if let Some(difficulty) = &self.difficulty {
            w.field("difficulty", difficulty);
        }
        if let Some(irt) = &self.irt {
            w.field("irt", irt);
        }
        if let Some(enemy_group) = &self.enemy_group {
            w.field("enemy_group", enemy_group);
        }
        if let Some(set) = &self.set {
            w.field("set", set);
        }
        if let Some(feedback) = &self.feedback {
            w.field("feedback", feedback);
        }
        w.field("interaction", &self.interaction);
        w.end_object();
    }
}

impl ToJson for OutcomeAlignment {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("outcome", &self.outcome);
        w.field("weight", &self.weight);
        w.end_object();
    }
}

/// `{"p": 0.7}` or `{"b": -0.4}`.
impl ToJson for Difficulty {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        match self {
            Difficulty::P(p) => w.field("p", p),
            Difficulty::B(b) => w.field("b", b),
        }
        w.end_object();
    }
}

impl ToJson for IrtParameters {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("a", &self.a);
        w.field("b", &self.b);
        if let Some(c) = &self.c {
            w.field("c", c);
        }
        w.end_object();
    }
}

impl ToJson for Feedback {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        if let Some(correct) = &self.correct {
            w.field("correct", correct);
        }
        if let Some(incorrect) = &self.incorrect {
            w.field("incorrect", incorrect);
        }
        if let Some(partial) = &self.partial {
            w.field("partial", partial);
        }
        w.end_object();
    }
}

impl ToJson for Choice {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("content", &self.content);
        if self.pinned {
            w.field("pinned", &self.pinned);
        }
        if let Some(feedback) = &self.feedback {
            w.field("feedback", feedback);
        }
        w.end_object();
    }
}

impl ToJson for MultipleResponseRule {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            MultipleResponseRule::AllOrNothing => "all_or_nothing",
            MultipleResponseRule::PerOption => "per_option",
            MultipleResponseRule::RightMinusWrong => "right_minus_wrong",
        });
    }
}

impl ToJson for OrderingRule {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            OrderingRule::Exact => "exact",
            OrderingRule::AdjacentPairs => "adjacent_pairs",
        });
    }
}

impl ToJson for MatchingRule {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            MatchingRule::PerPair => "per_pair",
            MatchingRule::AllOrNothing => "all_or_nothing",
        });
    }
}

impl ToJson for AcceptedAnswer {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("value", &self.value);
        if let Some(points) = &self.points {
            w.field("points", points);
        }
        w.end_object();
    }
}

impl ToJson for NumericKey {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        if let Some(value) = &self.value {
            w.field("value", value);
        }
        if let Some(tolerance) = &self.absolute_tolerance {
            w.field("absolute_tolerance", tolerance);
        }
        if let Some(tolerance) = &self.relative_tolerance {
            w.field("relative_tolerance", tolerance);
        }
        if let Some(min) = &self.min {
            w.field("min", min);
        }
        if let Some(max) = &self.max {
            w.field("max", max);
        }
        w.end_object();
    }
}
