//! The internally tagged interactions (`{"type": "single_choice", ...}`) and cloze gaps
//! (`{"kind": "text", ...}`).

use crate::model::item::{yes, Gap, Interaction};
use crate::model::json::{Error, Fields, FromJson, Reader, Variants};

const INTERACTION: Variants = Variants {
    tag: "type",
    names: &[
        "single_choice",
        "multiple_response",
        "true_false",
        "text_entry",
        "numeric",
        "ordering",
        "matching",
        "cloze",
        "extended_text",
    ],
};

impl FromJson for Interaction {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut interaction = None;
        r.tagged(&INTERACTION, &mut |r, variant| {
            interaction = Some(match variant {
                0 => single_choice(r)?,
                1 => multiple_response(r)?,
                2 => true_false(r)?,
                3 => text_entry(r)?,
                4 => numeric(r)?,
                5 => ordering(r)?,
                6 => matching(r)?,
                7 => cloze(r)?,
                _ => extended_text(r)?,
            });
            Ok(())
        })?;
        // Set whenever the variant was read.
        interaction.ok_or_else(|| r.error("expected value"))
    }
}

const SINGLE_CHOICE: Fields = Fields {
    expecting: "struct variant Interaction::SingleChoice",
    names: &["choices", "key", "shuffle"],
    deny_unknown: true,
};

fn single_choice(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut choices, mut key, mut shuffle) = (None, None, None);
    r.fields(&SINGLE_CHOICE, &mut |r, field| match field {
        0 => r.read(&mut choices),
        1 => r.read(&mut key),
        _ => r.read(&mut shuffle),
    })?;
    Ok(Interaction::SingleChoice {
        choices: r.need(choices, "choices")?,
        key: r.need(key, "key")?,
        shuffle: shuffle.unwrap_or_else(yes),
    })
}

const MULTIPLE_RESPONSE: Fields = Fields {
    expecting: "struct variant Interaction::MultipleResponse",
    names: &["choices", "keys", "rule", "shuffle", "max_choices"],
    deny_unknown: true,
};

fn multiple_response(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut choices, mut keys, mut rule) = (None, None, None);
    let (mut shuffle, mut max_choices) = (None, None);
    r.fields(&MULTIPLE_RESPONSE, &mut |r, field| match field {
        0 => r.read(&mut choices),
        1 => r.read(&mut keys),
        2 => r.read(&mut rule),
        3 => r.read(&mut shuffle),
        _ => r.read(&mut max_choices),
    })?;
    Ok(Interaction::MultipleResponse {
        choices: r.need(choices, "choices")?,
        keys: r.need(keys, "keys")?,
        rule: rule.unwrap_or_default(),
        shuffle: shuffle.unwrap_or_else(yes),
        max_choices: max_choices.flatten(),
    })
}

const TRUE_FALSE: Fields = Fields {
    expecting: "struct variant Interaction::TrueFalse",
    names: &["key"],
    deny_unknown: true,
};

fn true_false(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let mut key = None;
    r.fields(&TRUE_FALSE, &mut |r, _| r.read(&mut key))?;
    Ok(Interaction::TrueFalse {
        key: r.need(key, "key")?,
    })
}

const TEXT_ENTRY: Fields = Fields {
    expecting: "struct variant Interaction::TextEntry",
    names: &["answers", "case_sensitive", "max_length"],
    deny_unknown: true,
};

fn text_entry(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut answers, mut case_sensitive, mut max_length) = (None, None, None);
    r.fields(&TEXT_ENTRY, &mut |r, field| match field {
        0 => r.read(&mut answers),
        1 => r.read(&mut case_sensitive),
        _ => r.read(&mut max_length),
    })?;
    Ok(Interaction::TextEntry {
        answers: r.need(answers, "answers")?,
        case_sensitive: case_sensitive.unwrap_or(false),
        max_length: max_length.flatten(),
    })
}

const NUMERIC: Fields = Fields {
    expecting: "struct variant Interaction::Numeric",
    names: &["key", "unit"],
    deny_unknown: true,
};

fn numeric(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut key, mut unit) = (None, None);
    r.fields(&NUMERIC, &mut |r, field| match field {
        0 => r.read(&mut key),
        _ => r.read(&mut unit),
    })?;
    Ok(Interaction::Numeric {
        key: r.need(key, "key")?,
        unit: unit.flatten(),
    })
}

const ORDERING: Fields = Fields {
    expecting: "struct variant Interaction::Ordering",
    names: &["choices", "key", "rule"],
    deny_unknown: true,
};

fn ordering(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut choices, mut key, mut rule) = (None, None, None);
    r.fields(&ORDERING, &mut |r, field| match field {
        0 => r.read(&mut choices),
        1 => r.read(&mut key),
        _ => r.read(&mut rule),
    })?;
    Ok(Interaction::Ordering {
        choices: r.need(choices, "choices")?,
        key: r.need(key, "key")?,
        rule: rule.unwrap_or_default(),
    })
}

const MATCHING: Fields = Fields {
    expecting: "struct variant Interaction::Matching",
    names: &["sources", "targets", "key", "rule", "shuffle"],
    deny_unknown: true,
};

fn matching(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut sources, mut targets, mut key) = (None, None, None);
    let (mut rule, mut shuffle) = (None, None);
    r.fields(&MATCHING, &mut |r, field| match field {
        0 => r.read(&mut sources),
        1 => r.read(&mut targets),
        2 => r.read(&mut key),
        3 => r.read(&mut rule),
        _ => r.read(&mut shuffle),
    })?;
    Ok(Interaction::Matching {
        sources: r.need(sources, "sources")?,
        targets: r.need(targets, "targets")?,
        key: r.need(key, "key")?,
        rule: rule.unwrap_or_default(),
        shuffle: shuffle.unwrap_or_else(yes),
    })
}

const CLOZE: Fields = Fields {
    expecting: "struct variant Interaction::Cloze",
    names: &["text", "gaps"],
    deny_unknown: true,
};

fn cloze(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut text, mut gaps) = (None, None);
    r.fields(&CLOZE, &mut |r, field| match field {
        0 => r.read(&mut text),
        _ => r.read(&mut gaps),
    })?;
    Ok(Interaction::Cloze {
        text: r.need(text, "text")?,
        gaps: r.need(gaps, "gaps")?,
    })
}

const EXTENDED_TEXT: Fields = Fields {
    expecting: "struct variant Interaction::ExtendedText",
    names: &["max_length", "rubric"],
    deny_unknown: true,
};

fn extended_text(r: &mut Reader<'_>) -> Result<Interaction, Error> {
    let (mut max_length, mut rubric) = (None, None);
    r.fields(&EXTENDED_TEXT, &mut |r, field| match field {
        0 => r.read(&mut max_length),
        _ => r.read(&mut rubric),
    })?;
    Ok(Interaction::ExtendedText {
        max_length: max_length.flatten(),
        rubric: rubric.flatten(),
    })
}

const GAP: Variants = Variants {
    tag: "kind",
    names: &["text", "choice"],
};

const TEXT_GAP: Fields = Fields {
    expecting: "struct variant Gap::Text",
    names: &["id", "answers", "case_sensitive", "points"],
    deny_unknown: true,
};

const CHOICE_GAP: Fields = Fields {
    expecting: "struct variant Gap::Choice",
    names: &["id", "choices", "key", "shuffle", "points"],
    deny_unknown: true,
};

impl FromJson for Gap {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let mut gap = None;
        r.tagged(&GAP, &mut |r, variant| {
            gap = Some(if variant == 0 {
                text_gap(r)?
            } else {
                choice_gap(r)?
            });
            Ok(())
        })?;
        // Set whenever the variant was read.
        gap.ok_or_else(|| r.error("expected value"))
    }
}

fn text_gap(r: &mut Reader<'_>) -> Result<Gap, Error> {
    let (mut id, mut answers, mut case_sensitive, mut points) = (None, None, None, None);
    r.fields(&TEXT_GAP, &mut |r, field| match field {
        0 => r.read(&mut id),
        1 => r.read(&mut answers),
        2 => r.read(&mut case_sensitive),
        _ => r.read(&mut points),
    })?;
    Ok(Gap::Text {
        id: r.need(id, "id")?,
        answers: r.need(answers, "answers")?,
        case_sensitive: case_sensitive.unwrap_or(false),
        points: points.flatten(),
    })
}

fn choice_gap(r: &mut Reader<'_>) -> Result<Gap, Error> {
    let (mut id, mut choices, mut key) = (None, None, None);
    let (mut shuffle, mut points) = (None, None);
    r.fields(&CHOICE_GAP, &mut |r, field| match field {
        0 => r.read(&mut id),
        1 => r.read(&mut choices),
        2 => r.read(&mut key),
        3 => r.read(&mut shuffle),
        _ => r.read(&mut points),
    })?;
    Ok(Gap::Choice {
        id: r.need(id, "id")?,
        choices: r.need(choices, "choices")?,
        key: r.need(key, "key")?,
        shuffle: shuffle.unwrap_or_else(yes),
        points: points.flatten(),
    })
}
