//! The blueprint: `Blueprint`, `Section`, `SectionOrder`, `Quota`, the internally tagged
//! `DifficultyTarget`, `InformationPoint` and `ExposureControl`.

use crate::model::blueprint::{
    default_randomesque, yes, Blueprint, DifficultyTarget, ExposureControl, InformationPoint,
    Quota, Section, SectionOrder,
};
use crate::model::json::{Error, Fields, FromJson, Reader, Variants};

const BLUEPRINT: Fields = Fields {
    expecting: "struct Blueprint",
    names: &[
        "length",
        "sections",
        "domains",
        "outcomes",
        "difficulty",
        "pinned",
        "exposure",
        "shuffle_choices",
    ],
    deny_unknown: true,
};

impl FromJson for Blueprint {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut length, mut sections, mut domains, mut outcomes) = (None, None, None, None);
        let (mut difficulty, mut pinned, mut exposure) = (None, None, None);
        let mut shuffle_choices = None;
        r.fields(&BLUEPRINT, &mut |r, field| match field {
            0 => r.read(&mut length),
            1 => r.read(&mut sections),
            2 => r.read(&mut domains),
            3 => r.read(&mut outcomes),
            4 => r.read(&mut difficulty),
            5 => r.read(&mut pinned),
            6 => r.read(&mut exposure),
            _ => r.read(&mut shuffle_choices),
        })?;
        Ok(Blueprint {
            length: r.need(length, "length")?,
            sections: sections.unwrap_or_default(),
            domains: domains.unwrap_or_default(),
            outcomes: outcomes.unwrap_or_default(),
            difficulty: difficulty.flatten(),
            pinned: pinned.unwrap_or_default(),
            exposure: exposure.unwrap_or_default(),
            shuffle_choices: shuffle_choices.unwrap_or_else(yes),
        })
    }
}

const SECTION: Fields = Fields {
    expecting: "struct Section",
    names: &["id", "title", "domains", "order"],
    deny_unknown: true,
};

impl FromJson for Section {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut title, mut domains, mut order) = (None, None, None, None);
        r.fields(&SECTION, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut title),
            2 => r.read(&mut domains),
            _ => r.read(&mut order),
        })?;
        Ok(Section {
            id: r.need(id, "id")?,
            title: title.unwrap_or_default(),
            domains: domains.unwrap_or_default(),
            order: order.unwrap_or_default(),
        })
    }
}

impl FromJson for SectionOrder {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(match r.unit_variant(&["fixed", "shuffled"])? {
            0 => SectionOrder::Fixed,
            _ => SectionOrder::Shuffled,
        })
    }
}

const QUOTA: Fields = Fields {
    expecting: "struct Quota",
    names: &["id", "count", "percent"],
    deny_unknown: true,
};

impl FromJson for Quota {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut count, mut percent) = (None, None, None);
        r.fields(&QUOTA, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut count),
            _ => r.read(&mut percent),
        })?;
        Ok(Quota {
            id: r.need(id, "id")?,
            count: count.flatten(),
            percent: percent.flatten(),
        })
    }
}

const DIFFICULTY_TARGET: Variants = Variants {
    tag: "kind",
    names: &["mean_p", "mean_b", "information", "maximize_information"],
};

const MEAN: Fields = Fields {
    expecting: "struct variant DifficultyTarget::MeanP",
    names: &["min", "max"],
    deny_unknown: true,
};

const INFORMATION: Fields = Fields {
    expecting: "struct variant DifficultyTarget::Information",
    names: &["points"],
    deny_unknown: true,
};

const MAXIMIZE_INFORMATION: Fields = Fields {
    expecting: "struct variant DifficultyTarget::MaximizeInformation",
    names: &["theta"],
    deny_unknown: true,
};

impl FromJson for DifficultyTarget {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut target = None;
        r.tagged(&DIFFICULTY_TARGET, &mut |r, variant| {
            target = Some(match variant {
                0 | 1 => {
                    let (mut min, mut max) = (None, None);
                    r.fields(&MEAN, &mut |r, field| match field {
                        0 => r.read(&mut min),
                        _ => r.read(&mut max),
                    })?;
                    let (min, max) = (r.need(min, "min")?, r.need(max, "max")?);
                    if variant == 0 {
                        DifficultyTarget::MeanP { min, max }
                    } else {
                        DifficultyTarget::MeanB { min, max }
                    }
                }
                2 => {
                    let mut points = None;
                    r.fields(&INFORMATION, &mut |r, _| r.read(&mut points))?;
                    DifficultyTarget::Information {
                        points: r.need(points, "points")?,
                    }
                }
                _ => {
                    let mut theta = None;
                    r.fields(&MAXIMIZE_INFORMATION, &mut |r, _| r.read(&mut theta))?;
                    DifficultyTarget::MaximizeInformation {
                        theta: r.need(theta, "theta")?,
                    }
                }
            });
            Ok(())
        })?;
        // Set whenever the variant was read.
        target.ok_or_else(|| r.error("expected value"))
    }
}

const INFORMATION_POINT: Fields = Fields {
    expecting: "struct InformationPoint",
    names: &["theta", "target"],
    deny_unknown: true,
};

impl FromJson for InformationPoint {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut theta, mut target) = (None, None);
        r.fields(&INFORMATION_POINT, &mut |r, field| match field {
            0 => r.read(&mut theta),
            _ => r.read(&mut target),
        })?;
        Ok(InformationPoint {
            theta: r.need(theta, "theta")?,
            target: r.need(target, "target")?,
        })
    }
}

const EXPOSURE_CONTROL: Fields = Fields {
    expecting: "struct ExposureControl",
    names: &["randomesque", "max_rate"],
    deny_unknown: true,
};

impl FromJson for ExposureControl {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut randomesque, mut max_rate) = (None, None);
        r.fields(&EXPOSURE_CONTROL, &mut |r, field| match field {
            0 => r.read(&mut randomesque),
            _ => r.read(&mut max_rate),
        })?;
        Ok(ExposureControl {
            randomesque: randomesque.unwrap_or_else(default_randomesque),
            max_rate: max_rate.flatten(),
        })
    }
}
