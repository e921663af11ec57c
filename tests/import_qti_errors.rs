//! QTI import errors: each failure names the file, the line and column (or the manifest
//! resource), and what was expected.
#![cfg(not(target_arch = "wasm32"))]

mod qti_support;

use certa::import::{ImportError, ImportErrorKind, Location, SourceFile};
use qti_support::*;

fn xml(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }
}

fn fail(files: Vec<SourceFile>) -> ImportError {
    match import_sources(files) {
        Ok((p, _)) => panic!("expected an error, imported {} items", p.items.len()),
        Err(e) => e,
    }
}

fn at(e: &ImportError) -> (u32, u32) {
    match e.location {
        Location::LineColumn { line, column } => (line, column),
        ref other => panic!("no line and column: {other:?} in {e}"),
    }
}

/// A QTI 2.1 single-choice item with this correct value.
fn choice_item(id: &str, correct: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="{id}" title="t" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse>
      <value>{correct}</value>
    </correctResponse>
  </responseDeclaration>
  <itemBody>
    <p>Pick one.</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <simpleChoice identifier="A">a</simpleChoice>
      <simpleChoice identifier="B">b</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>"#
    )
}

#[test]
fn a_file_that_is_not_qti() {
    let e = fail(vec![xml(
        "page.xml",
        "<?xml version=\"1.0\"?>\n<html><body/></html>",
    )]);
    assert_eq!(e.kind, ImportErrorKind::NotQti);
    assert_eq!(at(&e), (2, 1));
    assert!(
        e.to_string()
            .starts_with("page.xml:2:1: not a QTI document"),
        "{e}"
    );
    assert!(e.message.contains("found <html>"), "{e}");
    assert!(
        e.message.contains("<qti-assessment-item>"),
        "says what was expected: {e}"
    );

    let e = fail(vec![xml("notes.txt", "just some text")]);
    assert_eq!(e.kind, ImportErrorKind::UnknownFormat);
    assert!(e.message.contains("expected QTI XML"), "{e}");
}

#[test]
fn malformed_xml() {
    let e = fail(vec![xml(
        "broken.xml",
        "<assessmentItem identifier=\"x\">\n  <itemBody>\n</assessmentItem>",
    )]);
    assert_eq!(e.kind, ImportErrorKind::MalformedXml);
    assert_eq!(at(&e).0, 3);
    assert!(e.to_string().starts_with("broken.xml:3:"), "{e}");
    assert!(e.message.contains("malformed XML"), "{e}");
}

#[test]
fn a_missing_href_in_a_manifest_names_the_resource() {
    let manifest = r#"<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
  <resources>
    <resource identifier="q1" type="imsqti_item_xmlv2p1" href="items/q1.xml"/>
    <resource identifier="q2" type="imsqti_item_xmlv2p1" href="items/q2.xml"/>
  </resources>
</manifest>"#;
    let bytes = zip(&[
        ("imsmanifest.xml".to_string(), manifest.as_bytes().to_vec()),
        (
            "items/q1.xml".to_string(),
            choice_item("q1", "A").into_bytes(),
        ),
    ]);
    let e = fail(vec![SourceFile {
        name: "pkg.zip".into(),
        bytes,
    }]);
    assert_eq!(e.kind, ImportErrorKind::MissingHref);
    assert_eq!(e.file, "pkg.zip!imsmanifest.xml");
    assert_eq!(at(&e), (5, 5));
    assert!(
        e.message
            .contains("manifest resource \"q2\" has href \"items/q2.xml\""),
        "{e}"
    );
}

#[test]
fn a_missing_item_href_in_a_test() {
    let test = r#"<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="t" title="T">
  <testPart identifier="p" navigationMode="linear" submissionMode="simultaneous">
    <assessmentSection identifier="s" title="S" visible="true">
      <assessmentItemRef identifier="gone" href="items/gone.xml"/>
    </assessmentSection>
  </testPart>
</assessmentTest>"#;
    let e = fail(vec![xml("test.xml", test)]);
    assert_eq!(e.kind, ImportErrorKind::MissingHref);
    assert_eq!(at(&e), (4, 7));
    assert!(e.message.contains("assessmentItemRef \"gone\""), "{e}");
}

#[test]
fn duplicate_identifiers() {
    let e = fail(vec![
        xml("one.xml", &choice_item("same", "A")),
        xml("two.xml", &choice_item("same", "B")),
    ]);
    assert_eq!(e.kind, ImportErrorKind::DuplicateIdentifier);
    assert_eq!(e.file, "two.xml");
    assert_eq!(at(&e), (2, 1));
    assert!(
        e.message.contains("\"same\" is already used by one.xml"),
        "{e}"
    );

    let dup_choice = choice_item("c", "A").replace(
        "<simpleChoice identifier=\"B\">b</simpleChoice>",
        "<simpleChoice identifier=\"A\">b</simpleChoice>",
    );
    let e = fail(vec![xml("c.xml", &dup_choice)]);
    assert_eq!(e.kind, ImportErrorKind::DuplicateIdentifier);
    assert_eq!(at(&e), (12, 7));
    assert!(
        e.message
            .contains("second simpleChoice with identifier \"A\""),
        "{e}"
    );
}

#[test]
fn a_key_that_names_no_choice() {
    let e = fail(vec![xml("q.xml", &choice_item("q", "E"))]);
    assert_eq!(e.kind, ImportErrorKind::UnknownChoice);
    assert_eq!(at(&e), (5, 7), "the <value> element");
    assert!(
        e.to_string().starts_with(
            "q.xml:5:7: \"E\" names no choice of choiceInteraction RESPONSE; expected one of A, B"
        ),
        "{e}"
    );

    // A match pair naming no target, in QTI 3.0.
    let matching = r#"<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="m" title="m">
  <qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="directedPair">
    <qti-correct-response><qti-value>S1 T9</qti-value></qti-correct-response>
  </qti-response-declaration>
  <qti-item-body>
    <qti-match-interaction response-identifier="RESPONSE" max-associations="1">
      <qti-simple-match-set><qti-simple-associable-choice identifier="S1" match-max="1">s</qti-simple-associable-choice></qti-simple-match-set>
      <qti-simple-match-set><qti-simple-associable-choice identifier="T1" match-max="1">t</qti-simple-associable-choice></qti-simple-match-set>
    </qti-match-interaction>
  </qti-item-body>
  <qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>
</qti-assessment-item>"#;
    let e = fail(vec![xml("m.xml", matching)]);
    assert_eq!(e.kind, ImportErrorKind::UnknownChoice);
    assert_eq!(at(&e), (3, 27));
    assert!(
        e.message
            .contains("\"T9\" names no target (second match set)"),
        "{e}"
    );
    assert!(e.message.contains("expected one of T1"), "{e}");

    // A mapping key naming no choice.
    let mapped = choice_item("k", "A").replace(
        "</correctResponse>",
        "</correctResponse>\n    <mapping defaultValue=\"0\"><mapEntry mapKey=\"Z\" mappedValue=\"1\" caseSensitive=\"true\"/></mapping>",
    );
    let e = fail(vec![xml("k.xml", &mapped)]);
    assert_eq!(e.kind, ImportErrorKind::UnknownChoice);
    assert_eq!(at(&e).0, 7);
}

#[test]
fn an_interaction_without_its_declaration() {
    let item = choice_item("d", "A").replace(
        "responseIdentifier=\"RESPONSE\"",
        "responseIdentifier=\"OTHER\"",
    );
    let e = fail(vec![xml("d.xml", &item)]);
    assert_eq!(e.kind, ImportErrorKind::InvalidQti);
    assert_eq!(at(&e), (10, 5));
    assert!(e.message.contains("names response \"OTHER\""), "{e}");
}

#[test]
fn archives_that_cannot_be_read() {
    let e = fail(vec![SourceFile {
        name: "bad.zip".into(),
        bytes: b"PK\x03\x04 this is not really a zip".to_vec(),
    }]);
    assert_eq!(e.kind, ImportErrorKind::BadArchive);
    assert!(
        e.to_string()
            .starts_with("bad.zip: not a readable zip archive"),
        "{e}"
    );
}

#[test]
fn nothing_importable_is_an_error_with_the_reason() {
    let hotspot = std::fs::read(fixture_dir("2.1").join("items/hotspot.xml")).unwrap();
    let e = fail(vec![SourceFile {
        name: "hotspot.xml".into(),
        bytes: hotspot,
    }]);
    assert_eq!(e.kind, ImportErrorKind::NoItems);
    assert!(
        e.message.contains("certa cannot score hotspotInteraction"),
        "{e}"
    );
}
