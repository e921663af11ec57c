//! QTI 2.1 and 3.0 import on the fixtures in `tests/fixtures/qti/`: what each item becomes,
//! what is skipped and warned about, the blueprint and policies built from the test, outcome
//! metadata, assets, and round-trip scoring through `certa::score` against the scores the QTI
//! response processing gives.
#![cfg(not(target_arch = "wasm32"))]

mod qti_support;

use certa::import::{ImportReport, SourceFile};
use certa::model::{
    validate, Interaction, InteractionKind, MatchingRule, MultipleResponseRule, Navigation,
    Package, SectionOrder,
};
use certa::score::{score_item, ItemStatus};
use qti_support::*;
use serde_json::{json, Value};

const VERSIONS: [&str; 2] = ["2.1", "3.0"];

/// Both ways in: the manifest read from the folder, and the zipped content package.
fn imports(version: &str) -> Vec<(String, Package, ImportReport)> {
    let dir = fixture_dir(version);
    let (a, ra) = import_paths(&[dir.join("imsmanifest.xml")]).unwrap();
    let (b, rb) = import_sources(vec![SourceFile {
        name: format!("netfund-{version}.zip"),
        bytes: content_package(version),
    }])
    .unwrap();
    vec![
        (format!("{version} folder"), a, ra),
        (format!("{version} zip"), b, rb),
    ]
}

fn item<'a>(p: &'a Package, id: &str) -> &'a certa::model::Item {
    p.item(id)
        .unwrap_or_else(|| panic!("item {id} was not imported"))
}

fn points(p: &Package, id: &str, response: Value) -> f64 {
    score_item(item(p, id), Some(&response.into()), &p.scoring)
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .points
}

fn warned(r: &ImportReport, id: &str, fragment: &str) -> bool {
    r.warnings
        .iter()
        .any(|w| w.item.as_deref() == Some(id) && w.message.contains(fragment))
}

#[test]
fn every_interaction_kind_is_imported_in_both_versions() {
    for version in VERSIONS {
        for (how, p, r) in imports(version) {
            assert!(validate(&p).is_empty(), "{how}: {:?}", validate(&p));
            let kinds: Vec<(&str, InteractionKind)> = p
                .items
                .iter()
                .map(|i| (i.id.as_str(), i.interaction.kind()))
                .collect();
            use InteractionKind::*;
            assert_eq!(
                kinds,
                vec![
                    ("subnet-hosts", SingleChoice),
                    ("private-ranges", MultipleResponse),
                    ("arp-broadcast", TrueFalse),
                    ("loopback-name", TextEntry),
                    ("mtu-payload", Numeric),
                    ("tcp-handshake", Cloze),
                    ("dhcp-dora", Ordering),
                    ("well-known-ports", Matching),
                    ("osi-pairs", Matching),
                    ("vlan-gaps", Cloze),
                    ("routing-protocols", MultipleResponse),
                    ("dns-record", SingleChoice),
                    ("ttl-hops", SingleChoice),
                    ("outage-report", ExtendedText),
                ],
                "{how}"
            );
            assert_eq!(r.imported.len(), 14, "{how}");
            assert_eq!(r.imported[0].title, "Usable hosts in a /26");
        }
    }
}

#[test]
fn items_certa_cannot_score_are_skipped_by_name() {
    for version in VERSIONS {
        for (how, _, r) in imports(version) {
            let skipped: Vec<(&str, &str)> = r
                .skipped
                .iter()
                .map(|s| (s.item.as_deref().unwrap_or(""), s.reason.as_str()))
                .collect();
            assert_eq!(skipped.len(), 2, "{how}: {skipped:?}");
            assert_eq!(skipped[0].0, "rack-hotspot");
            assert!(
                skipped[0].1.contains("hotspot-interaction")
                    || skipped[0].1.contains("hotspotInteraction"),
                "{how}: {}",
                skipped[0].1
            );
            assert!(skipped[0].1.contains("line 9"), "{}", skipped[0].1);
            assert_eq!(skipped[1].0, "two-questions");
            assert!(
                skipped[1].1.contains("holds 2 interactions"),
                "{}",
                skipped[1].1
            );
        }
    }
}

#[test]
fn choices_keep_shuffle_pins_feedback_and_math() {
    for version in VERSIONS {
        for (how, p, _) in imports(version) {
            let i = item(&p, "subnet-hosts");
            let Interaction::SingleChoice {
                choices,
                key,
                shuffle,
            } = &i.interaction
            else {
                panic!("{how}: not single choice");
            };
            assert_eq!(key, "B");
            assert!(*shuffle);
            assert!(choices[3].pinned, "fixed=true is pinned");
            assert!(!choices[0].pinned);
            assert_eq!(choices[1].content, "62");
            assert_eq!(
                choices[1].feedback.as_deref(),
                Some("Right: 2<sup>6</sup> − 2.")
            );
            // MathML kept without its namespace prefix; the prompt follows the body.
            assert!(
                i.stem.contains("<math><msup><mn>2</mn><mi>h</mi></msup>"),
                "{}",
                i.stem
            );
            assert!(i
                .stem
                .ends_with("<div class=\"prompt\">Choose one answer.</div>"));
            assert!(
                i.stem.contains("<img src=\"images/subnet.png\""),
                "{}",
                i.stem
            );
            let fb = i.feedback.as_ref().unwrap();
            assert!(fb
                .correct
                .as_deref()
                .unwrap()
                .starts_with("Correct: six host bits"));
            assert!(fb.incorrect.is_some());

            let Interaction::MultipleResponse {
                keys,
                rule,
                max_choices,
                ..
            } = &item(&p, "private-ranges").interaction
            else {
                panic!()
            };
            assert_eq!(keys, &["A", "C"]);
            assert_eq!(*rule, MultipleResponseRule::RightMinusWrong);
            assert_eq!(*max_choices, Some(3));
            assert_eq!(item(&p, "private-ranges").points, 2.0);
        }
    }
}

#[test]
fn the_test_becomes_the_blueprint_and_session_policy() {
    for version in VERSIONS {
        for (how, p, r) in imports(version) {
            let bp = &p.blueprint;
            // Addressing selects 3 of 5, Protocols holds 8, Practice keeps 1 of 3 (two skipped).
            assert_eq!(bp.length, 12, "{how}");
            let sections: Vec<(&str, &str, SectionOrder)> = bp
                .sections
                .iter()
                .map(|s| (s.id.as_str(), s.domains[0].as_str(), s.order))
                .collect();
            assert_eq!(
                sections,
                vec![
                    ("addressing-section", "Addressing", SectionOrder::Shuffled),
                    ("protocols-section", "Protocols", SectionOrder::Fixed),
                    ("practice-section", "Practice", SectionOrder::Fixed),
                ]
            );
            let quotas: Vec<(&str, Option<usize>)> = bp
                .domains
                .iter()
                .map(|q| (q.id.as_str(), q.count))
                .collect();
            assert_eq!(
                quotas,
                vec![
                    ("Addressing", Some(3)),
                    ("Protocols", Some(8)),
                    ("Practice", Some(1))
                ]
            );
            assert_eq!(
                bp.pinned,
                vec!["subnet-hosts"],
                "required=true in a selecting section"
            );
            assert_eq!(
                p.scoring.cut_score, 70.0,
                "masteryValue 14 of normalMaximum 20"
            );
            assert_eq!(p.delivery.navigation, Navigation::Free);
            assert_eq!(p.delivery.time_limit_seconds, Some(1800));
            assert_eq!(p.id, "netfund-exam");
            assert_eq!(p.title, "Networking Fundamentals: Practice Exam");
            assert_eq!(p.language, "en-GB", "the test's xml:lang");
            assert!(r.defaults.iter().any(|d| d.contains("cut score 70")));
            assert!(warned(&r, "netfund-exam", "maxAttempts 2 is not imported"));
            assert!(warned(&r, "netfund-exam", "weight W2"));
            assert!(warned(
                &r,
                "netfund-exam",
                "outcomeProcessing is not imported"
            ));
            // The blueprint assembles into a real form.
            let form =
                certa::assemble::assemble_form(&p, certa::assemble::Seed(7), &Default::default())
                    .unwrap_or_else(|e| panic!("{how}: {e:?}"));
            assert_eq!(form.items.len(), 12);
            assert!(form.items.iter().any(|f| f.item_id == "subnet-hosts"));
        }
    }
}

#[test]
fn categories_and_standards_become_outcomes() {
    for version in VERSIONS {
        for (how, p, _) in imports(version) {
            let ids: Vec<&str> = p.outcomes.iter().map(|o| o.id.as_str()).collect();
            assert_eq!(
                ids,
                vec![
                    "addressing",
                    "https://case.example.org/uri/netfund/NF-ADDR-2",
                    "transport",
                    "NF-TRANS-1",
                    "services",
                    "switching"
                ],
                "{how}"
            );
            let addressing = p.outcome("addressing").unwrap();
            assert_eq!(addressing.mastery, 0.75, "test outcome masteryValue 3 of 4");
            let case = p
                .outcome("https://case.example.org/uri/netfund/NF-ADDR-2")
                .unwrap();
            assert_eq!(
                case.statement,
                "Calculate subnet sizes from a prefix length."
            );
            assert_eq!(case.uri.as_deref(), Some(case.id.as_str()));
            let lom = p.outcome("NF-TRANS-1").unwrap();
            assert_eq!(
                lom.statement,
                "Explain how TCP opens and closes connections."
            );
            let aligned: Vec<&str> = item(&p, "mtu-payload")
                .outcomes
                .iter()
                .map(|a| a.outcome.as_str())
                .collect();
            assert_eq!(aligned, vec!["addressing", "transport"]);
            assert_eq!(item(&p, "tcp-handshake").outcomes.len(), 2);
        }
    }
}

#[test]
fn assets_are_listed_with_package_paths() {
    for version in VERSIONS {
        for (how, p, r) in imports(version) {
            assert_eq!(p.assets.len(), 1, "{how}: {:?}", p.assets);
            assert_eq!(p.assets[0].path, "images/subnet.png");
            assert_eq!(p.assets[0].media_type, "image/png");
            assert!(
                !r.warnings
                    .iter()
                    .any(|w| w.message.contains("not in the package")),
                "{how}: the image is in the package"
            );
        }
    }
}

#[test]
fn an_empty_asset_list_leaves_the_content_hash_unchanged() {
    let text = std::fs::read_to_string("examples/certificate-quiz.json").unwrap();
    let p = Package::load(&text).unwrap();
    assert!(p.assets.is_empty());
    let json = serde_json::to_value(&p).unwrap();
    assert!(json.get("assets").is_none());
}

#[test]
fn inexact_mappings_are_scored_by_the_closest_rule_and_reported() {
    for version in VERSIONS {
        for (how, _, r) in imports(version) {
            assert!(
                warned(&r, "routing-protocols", "right_minus_wrong"),
                "{how}"
            );
            assert!(warned(&r, "dns-record", "SRV maps to 0.5"), "{how}");
            assert!(warned(&r, "osi-pairs", "unordered"), "{how}");
            assert!(warned(&r, "ttl-hops", "testing <and>"), "{how}");
            assert!(warned(&r, "ttl-hops", "match_correct (1 point)"), "{how}");
            // Exact mappings raise no scoring warning.
            for exact in [
                "private-ranges",
                "well-known-ports",
                "loopback-name",
                "subnet-hosts",
            ] {
                assert!(
                    !r.warnings.iter().any(|w| w.item.as_deref() == Some(exact)),
                    "{how}: {exact}: {:?}",
                    r.warnings
                );
            }
        }
    }
}

/// (item, response, points the QTI response processing gives, points certa gives).
fn scoring_table() -> Vec<(&'static str, Value, f64, f64)> {
    vec![
        // match_correct
        ("subnet-hosts", json!("B"), 1.0, 1.0),
        ("subnet-hosts", json!("A"), 0.0, 0.0),
        ("arp-broadcast", json!(true), 1.0, 1.0),
        ("arp-broadcast", json!(false), 0.0, 0.0),
        ("dhcp-dora", json!(["D", "O", "R", "A"]), 1.0, 1.0),
        ("dhcp-dora", json!(["O", "D", "R", "A"]), 0.0, 0.0),
        (
            "osi-pairs",
            json!([["IP", "NET"], ["TCP", "TRANSPORT"]]),
            1.0,
            1.0,
        ),
        ("osi-pairs", json!([["IP", "NET"]]), 0.0, 0.0),
        // map_response, right-minus-wrong exactly: +1 per key, -1 per other, bounds [0, 2]
        ("private-ranges", json!(["A", "C"]), 2.0, 2.0),
        ("private-ranges", json!(["A"]), 1.0, 1.0),
        ("private-ranges", json!(["A", "B"]), 0.0, 0.0),
        ("private-ranges", json!(["A", "B", "C"]), 1.0, 1.0),
        ("private-ranges", json!(["B", "D"]), 0.0, 0.0),
        // map_response on strings, case-insensitive entries with partial credit
        ("loopback-name", json!("::1"), 1.0, 1.0),
        ("loopback-name", json!("0:0:0:0:0:0:0:1"), 1.0, 1.0),
        ("loopback-name", json!("127.0.0.1"), 0.25, 0.25),
        ("loopback-name", json!("::2"), 0.0, 0.0),
        // equal with an absolute tolerance of 0.5
        ("mtu-payload", json!(1460), 1.0, 1.0),
        ("mtu-payload", json!(1460.4), 1.0, 1.0),
        ("mtu-payload", json!(1461), 0.0, 0.0),
        // cloze: map_response (1, case-insensitive) + match_correct 2 + match_correct 1
        (
            "tcp-handshake",
            json!({"FLAG1": "syn", "FLAG2": "synack", "FLAG3": "ACK"}),
            4.0,
            4.0,
        ),
        (
            "tcp-handshake",
            json!({"FLAG1": "SYN", "FLAG2": "synack", "FLAG3": "ack"}),
            3.0,
            3.0,
        ),
        (
            "tcp-handshake",
            json!({"FLAG1": "SYN", "FLAG2": "rst", "FLAG3": "ACK"}),
            2.0,
            2.0,
        ),
        ("tcp-handshake", json!({"FLAG2": "synack"}), 2.0, 2.0),
        // map_response per pair, 1 each
        (
            "well-known-ports",
            json!([["SSH", "P22"], ["DNS", "P53"], ["HTTPS", "P443"]]),
            3.0,
            3.0,
        ),
        (
            "well-known-ports",
            json!([["SSH", "P22"], ["DNS", "P25"]]),
            1.0,
            1.0,
        ),
        // gap match by mapping, 1 per gap
        (
            "vlan-gaps",
            json!({"G1": "T8021Q", "G2": "TTRUNK"}),
            2.0,
            2.0,
        ),
        (
            "vlan-gaps",
            json!({"G1": "T8021Q", "G2": "TACCESS"}),
            1.0,
            1.0,
        ),
        // inexact (reported): positive-only mapping scored right-minus-wrong
        ("routing-protocols", json!(["OSPF", "ISIS"]), 2.0, 2.0),
        ("routing-protocols", json!(["OSPF"]), 1.0, 1.0),
        ("routing-protocols", json!(["OSPF", "RIP"]), 1.0, 0.0),
        // inexact (reported): a distractor mapped to 0.5
        ("dns-record", json!("MX"), 2.0, 2.0),
        ("dns-record", json!("SRV"), 0.5, 0.0),
        // custom response processing, scored by match_correct from the declaration
        ("ttl-hops", json!("C"), 1.0, 1.0),
        ("ttl-hops", json!("A"), 0.0, 0.0),
    ]
}

#[test]
fn scores_match_the_qti_response_processing() {
    for version in VERSIONS {
        for (how, p, r) in imports(version) {
            for (id, response, qti, expected) in scoring_table() {
                let got = points(&p, id, response.clone());
                assert!(
                    (got - expected).abs() < 1e-9,
                    "{how}: {id} {response}: certa gives {got}, expected {expected}"
                );
                if (qti - expected).abs() > 1e-9 {
                    assert!(
                        r.warnings.iter().any(|w| w.item.as_deref() == Some(id)),
                        "{how}: {id} scores differently from QTI ({qti}) without a warning"
                    );
                }
            }
        }
    }
}

#[test]
fn the_keyed_response_of_every_imported_item_earns_full_marks() {
    for version in VERSIONS {
        for (how, p, _) in imports(version) {
            for i in &p.items {
                let key = match &i.interaction {
                    Interaction::SingleChoice { key, .. } => json!(key),
                    Interaction::MultipleResponse { keys, .. } => json!(keys),
                    Interaction::TrueFalse { key } => json!(key),
                    Interaction::TextEntry { answers, .. } => {
                        json!(answers.iter().find(|a| a.points.is_none()).unwrap().value)
                    }
                    Interaction::Numeric { key, .. } => json!(key.value.unwrap()),
                    Interaction::Ordering { key, .. } => json!(key),
                    Interaction::Matching { key, .. } => json!(key),
                    Interaction::Cloze { gaps, .. } => {
                        let mut m = serde_json::Map::new();
                        for g in gaps {
                            let v = match g {
                                certa::model::Gap::Text { answers, .. } => answers[0].value.clone(),
                                certa::model::Gap::Choice { key, .. } => key.clone(),
                            };
                            m.insert(g.id().to_string(), json!(v));
                        }
                        Value::Object(m)
                    }
                    Interaction::ExtendedText { .. } => {
                        let s = score_item(i, Some(&json!("an essay").into()), &p.scoring).unwrap();
                        assert_eq!(s.status, ItemStatus::PendingManual);
                        assert_eq!(s.max_points, 3.0, "normalMaximum 3");
                        continue;
                    }
                };
                let s = score_item(i, Some(&key.clone().into()), &p.scoring).unwrap();
                assert_eq!(s.status, ItemStatus::Correct, "{how}: {} {key}", i.id);
                assert_eq!(s.points, i.points);
            }
        }
    }
}

#[test]
fn cloze_and_gap_match_keep_their_text() {
    for version in VERSIONS {
        for (how, p, _) in imports(version) {
            let i = item(&p, "tcp-handshake");
            let Interaction::Cloze { text, gaps } = &i.interaction else {
                panic!()
            };
            assert_eq!(
                i.stem,
                "<p>Complete the three-way handshake that opens a TCP connection.</p>"
            );
            assert!(
                text.contains("The client sends {{FLAG1}},"),
                "{how}: {text}"
            );
            assert!(
                text.contains("&#123;like this}"),
                "source braces never read as a marker"
            );
            assert_eq!(
                certa::model::cloze_markers(text),
                vec!["FLAG1", "FLAG2", "FLAG3"]
            );
            assert_eq!(gaps.len(), 3);
            let gm = item(&p, "vlan-gaps");
            let Interaction::Cloze { text, .. } = &gm.interaction else {
                panic!()
            };
            assert_eq!(
                text,
                "<p>Frames carry a {{G1}} tag across a {{G2}} link.</p>"
            );
            assert_eq!(
                gm.stem,
                "<div class=\"prompt\">Drag the terms into the gaps.</div>"
            );
            let Interaction::Matching { rule, targets, .. } =
                &item(&p, "well-known-ports").interaction
            else {
                panic!()
            };
            assert_eq!(*rule, MatchingRule::PerPair);
            assert_eq!(targets.len(), 4);
            let essay = item(&p, "outage-report");
            assert!(
                essay.stem.starts_with("<p>Write about 150 words.</p>"),
                "candidate rubric kept"
            );
            let Interaction::ExtendedText { rubric, .. } = &essay.interaction else {
                panic!()
            };
            assert!(
                rubric.as_deref().unwrap().contains("default gateway"),
                "scorer rubric"
            );
            assert!(!essay.stem.contains("default gateway"));
        }
    }
}

#[test]
fn version_specific_extras() {
    let dir = fixture_dir("3.0").join("extra");
    let (p, r) = import_paths(&[
        dir.join("choice-labels.xml"),
        dir.join("inline-choice.xml"),
        dir.join("text-entry-default-case.xml"),
    ])
    .unwrap();
    assert_eq!(p.language, "en-US");
    assert!(warned(&r, "wifi-bands", "minChoices 2 is not enforced"));
    assert!(warned(
        &r,
        "wifi-bands",
        "shared stimulus \"wifi-stimulus\""
    ));
    assert!(item(&p, "wifi-bands").stem.contains("data-catalog-idref"));
    // QTI 3.0 map entries default to case-insensitive.
    let Interaction::TextEntry { case_sensitive, .. } = &item(&p, "ping-tool").interaction else {
        panic!()
    };
    assert!(!case_sensitive);
    assert_eq!(points(&p, "ping-tool", json!("PING")), 2.0);
    assert_eq!(points(&p, "ping-tool", json!("traceroute")), 1.0);
    assert_eq!(
        item(&p, "ping-tool")
            .feedback
            .as_ref()
            .unwrap()
            .partial
            .as_deref(),
        Some("traceroute works too, but it maps the path.")
    );
    assert_eq!(points(&p, "stp-root", json!({"RESPONSE": "lowest"})), 1.0);
    assert_eq!(p.blueprint.length, 3);
    assert_eq!(p.scoring.cut_score, certa::import::DEFAULT_CUT_SCORE);
    assert!(p.items.iter().all(|i| i.domain == "General"));

    // QTI 2.2 (a 2.x namespace) with case-sensitive entries.
    let dir = fixture_dir("2.1").join("extra");
    let (p, r) = import_paths(&[
        dir.join("inline-choice.xml"),
        dir.join("text-entry-case.xml"),
    ])
    .unwrap();
    assert_eq!(points(&p, "ping-tool", json!("PING")), 0.0);
    assert_eq!(points(&p, "ping-tool", json!("ping6")), 2.0);
    assert!(r.defaults.iter().any(|d| d.contains("language: \"en\"")));
    assert_eq!(p.id, "inline-choice");
}

#[test]
fn loose_items_without_a_test_get_defaults() {
    let dir = fixture_dir("2.1").join("items");
    let (p, r) = import_paths(&[
        dir.join("order.xml"),
        dir.join("match.xml"),
        dir.join("hotspot.xml"),
    ])
    .unwrap();
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.blueprint.length, 2);
    assert!(p.blueprint.sections.is_empty());
    assert_eq!(p.delivery.navigation, Navigation::Free);
    assert_eq!(p.delivery.time_limit_seconds, None);
    assert_eq!(r.skipped.len(), 1);
    assert!(r.defaults.iter().any(|d| d.contains("cut score 60")));
    // The hotspot's image is not an asset: the item was skipped.
    assert!(p.assets.is_empty());
}

#[test]
fn a_test_file_finds_its_items_on_disk() {
    let (p, _) = import_paths(&[fixture_dir("3.0").join("tests/test.xml")]).unwrap();
    assert_eq!(p.items.len(), 14);
    assert_eq!(p.blueprint.length, 12);
    // The outcome metadata lives in the manifest, so only categories are outcomes here.
    assert!(p.outcome("NF-TRANS-1").is_none());
    assert!(p.outcome("transport").is_some());
}

#[test]
fn cli_imports_and_the_package_validates() {
    let out = std::env::temp_dir().join(format!("certa-import-{}.json", std::process::id()));
    let bin = env!("CARGO_BIN_EXE_certa");
    let o = std::process::Command::new(bin)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["import", "tests/fixtures/qti/2.1/imsmanifest.xml", "--out"])
        .arg(&out)
        .args(["--id", "net-practice", "--title", "Net practice"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.contains("Imported 14 item(s)"), "{text}");
    assert!(text.contains("Skipped: 2"), "{text}");
    assert!(text.contains("rack-hotspot"), "{text}");
    assert!(text.contains("cut score 70"), "{text}");
    let v = std::process::Command::new(bin)
        .args(["validate"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );
    let p = Package::load(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(p.id, "net-practice");
    assert_eq!(p.title, "Net practice");

    // JSON report, and exit 1 with the error for a file that is not QTI.
    let o = std::process::Command::new(bin)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["import", "examples/certificate-quiz.json", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["imported"], json!(false));
    assert_eq!(j["error"]["kind"], json!("unknown_format"));
    let _ = std::fs::remove_file(out);
}
