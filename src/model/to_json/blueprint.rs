//! The blueprint and what it holds: `Blueprint`, `Section`, `SectionOrder`, `Quota`,
//! `DifficultyTarget` (tagged by `kind`), `InformationPoint`, `ExposureControl`.

use crate::model::blueprint::{
    Blueprint, DifficultyTarget, ExposureControl, InformationPoint, Quota, Section, SectionOrder,
};
use crate::model::json::{ToJson, Writer};

impl ToJson for Blueprint {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("length", &self.length);
        w.field("sections", &self.sections);
        w.field("domains", &self.domains);
        w.field("outcomes", &self.outcomes);
        if let Some(difficulty) = &self.difficulty {
            w.field("difficulty", difficulty);
        }
        w.field("pinned", &self.pinned);
        w.field("exposure", &self.exposure);
        w.field("shuffle_choices", &self.shuffle_choices);
        w.end_object();
    }
}

impl ToJson for Section {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        w.field("title", &self.title);
        w.field("domains", &self.domains);
        w.field("order", &self.order);
        w.end_object();
    }
}

impl ToJson for SectionOrder {
    fn to_json(&self, w: &mut Writer) {
        w.string(match self {
            SectionOrder::Fixed => "fixed",
            SectionOrder::Shuffled => "shuffled",
        });
    }
}

impl ToJson for Quota {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("id", &self.id);
        if let Some(count) = &self.count {
            w.field("count", count);
        }
        if let Some(percent) = &self.percent {
            w.field("percent", percent);
        }
        w.end_object();
    }
}

impl ToJson for DifficultyTarget {
    fn to_json(&self, w: &mut Writer) {
        match self {
            DifficultyTarget::MeanP { min, max } => w.tagged("kind", "mean_p", &mut |w| {
                w.field("min", min);
                w.field("max", max);
            }),
            DifficultyTarget::MeanB { min, max } => w.tagged("kind", "mean_b", &mut |w| {
                w.field("min", min);
                w.field("max", max);
            }),
            DifficultyTarget::Information { points } => {
                w.tagged("kind", "information", &mut |w| w.field("points", points));
            }
            DifficultyTarget::MaximizeInformation { theta } => {
                w.tagged("kind", "maximize_information", &mut |w| {
                    w.field("theta", theta);
                });
            }
        }
    }
}

impl ToJson for InformationPoint {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("theta", &self.theta);
        w.field("target", &self.target);
        w.end_object();
    }
}

impl ToJson for ExposureControl {
    fn to_json(&self, w: &mut Writer) {
        w.begin_object();
        w.field("randomesque", &self.randomesque);
        if let Some(max_rate) = &self.max_rate {
            w.field("max_rate", max_rate);
        }
        w.end_object();
    }
}
