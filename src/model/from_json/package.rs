//! The package and its metadata: `Package`, `Publication`, `Asset`, `Outcome`, `ItemSet`.

use crate::model::json::{Error, Fields, FromJson, Reader};
use crate::model::package::{
    default_mastery, default_min_items, Asset, ItemSet, Outcome, Package, Publication,
};

const PACKAGE: Fields = Fields {
    expecting: "struct Package",
    names: &[
        "format",
        "id",
        "version",
        "title",
        "language",
        "outcomes",
        "sets",
        "items",
        "blueprint",
        "scoring",
        "credential",
        "attempts",
        "delivery",
        "assets",
        "published",
    ],
    deny_unknown: true,
};

impl FromJson for Package {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut format, mut id, mut version, mut title, mut language) =
            (None, None, None, None, None);
        let (mut outcomes, mut sets, mut items, mut blueprint) = (None, None, None, None);
        let (mut scoring, mut credential, mut attempts, mut delivery) = (None, None, None, None);
        let (mut assets, mut published) = (None, None);
        r.fields(&PACKAGE, &mut |r, field| match field {
            0 => r.read(&mut format),
            1 => r.read(&mut id),
            2 => r.read(&mut version),
            3 => r.read(&mut title),
            4 => r.read(&mut language),
            5 => r.read(&mut outcomes),
            6 => r.read(&mut sets),
            7 => r.read(&mut items),
            8 => r.read(&mut blueprint),
            9 => r.read(&mut scoring),
            10 => r.read(&mut credential),
            11 => r.read(&mut attempts),
            12 => r.read(&mut delivery),
            13 => r.read(&mut assets),
            _ => r.read(&mut published),
        })?;
        Ok(Package {
            format: r.need(format, "format")?,
            id: r.need(id, "id")?,
            version: r.need(version, "version")?,
            title: r.need(title, "title")?,
            language: r.need(language, "language")?,
            outcomes: outcomes.unwrap_or_default(),
            sets: sets.unwrap_or_default(),
            items: r.need(items, "items")?,
            blueprint: r.need(blueprint, "blueprint")?,
            scoring: r.need(scoring, "scoring")?,
            credential: r.need(credential, "credential")?,
            attempts: attempts.unwrap_or_default(),
            delivery: delivery.unwrap_or_default(),
            assets: assets.unwrap_or_default(),
            published: published.flatten(),
        })
    }
}

const PUBLICATION: Fields = Fields {
    expecting: "struct Publication",
    names: &["source_hash", "keys_stripped"],
    deny_unknown: true,
};

impl FromJson for Publication {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut source_hash, mut keys_stripped) = (None, None);
        r.fields(&PUBLICATION, &mut |r, field| match field {
            0 => r.read(&mut source_hash),
            _ => r.read(&mut keys_stripped),
        })?;
        Ok(Publication {
            source_hash: r.need(source_hash, "source_hash")?,
            keys_stripped: r.need(keys_stripped, "keys_stripped")?,
        })
    }
}

const ASSET: Fields = Fields {
    expecting: "struct Asset",
    names: &["path", "media_type"],
    deny_unknown: true,
};

impl FromJson for Asset {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut path, mut media_type) = (None, None);
        r.fields(&ASSET, &mut |r, field| match field {
            0 => r.read(&mut path),
            _ => r.read(&mut media_type),
        })?;
        Ok(Asset {
            path: r.need(path, "path")?,
            media_type: r.need(media_type, "media_type")?,
        })
    }
}

const OUTCOME: Fields = Fields {
    expecting: "struct Outcome",
    names: &["id", "statement", "uri", "mastery", "required", "min_items"],
    deny_unknown: true,
};

impl FromJson for Outcome {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut statement, mut uri) = (None, None, None);
        let (mut mastery, mut required, mut min_items) = (None, None, None);
        r.fields(&OUTCOME, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut statement),
            2 => r.read(&mut uri),
            3 => r.read(&mut mastery),
            4 => r.read(&mut required),
            _ => r.read(&mut min_items),
        })?;
        Ok(Outcome {
            id: r.need(id, "id")?,
            statement: r.need(statement, "statement")?,
            uri: uri.flatten(),
            mastery: mastery.unwrap_or_else(default_mastery),
            required: required.unwrap_or(false),
            min_items: min_items.unwrap_or_else(default_min_items),
        })
    }
}

const ITEM_SET: Fields = Fields {
    expecting: "struct ItemSet",
    names: &["id", "title", "stimulus", "draw"],
    deny_unknown: true,
};

impl FromJson for ItemSet {
    fn from_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        let (mut id, mut title, mut stimulus, mut draw) = (None, None, None, None);
        r.fields(&ITEM_SET, &mut |r, field| match field {
            0 => r.read(&mut id),
            1 => r.read(&mut title),
            2 => r.read(&mut stimulus),
            _ => r.read(&mut draw),
        })?;
        Ok(ItemSet {
            id: r.need(id, "id")?,
            title: title.unwrap_or_default(),
            stimulus: stimulus.unwrap_or_default(),
            draw: draw.flatten(),
        })
    }
}
