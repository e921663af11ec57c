//! TypeScript declarations of every JSON document and option object that crosses the
//! boundary. They are appended to `certa.d.ts` by wasm-bindgen; the `unchecked_*_type`
//! attributes in `package.rs` and `session.rs` refer to them by name. Field names follow the
//! Rust serde structs exactly (snake_case documents, camelCase options).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Milliseconds since 1970-01-01T00:00:00Z (as `Date.now()`). */
export type Millis = number;
/** A u64 seed as a decimal string (JS numbers lose precision above 2^53). */
export type SeedString = string;
export type Mode = "practice" | "secure" | "review";
export type Navigation = "free" | "linear";

/** One problem with a package or a rule: a JSON path and a plain sentence. */
export interface Problem { path: string; message: string; }

/** Codes carried by a thrown `CertaError`. */
export type CertaErrorCode =
  | "parse" | "invalid_package" | "infeasible" | "bad_snapshot" | "wrong_package"
  | "snapshot_tampered" | "snapshot_unversioned"
  | "submitted" | "time_up" | "not_on_form" | "out_of_range" | "linear_back" | "linear_locked"
  | "too_many_attempts" | "missing_attempt_id" | "missing_learner" | "wrong_shape"
  | "unknown_item" | "not_submitted" | "not_practice" | "no_entropy" | "serialize";

/** Every engine error is thrown as a CertaError (bad argument types as a RangeError). */
export interface CertaError extends Error {
  name: "CertaError";
  code: CertaErrorCode;
  /** JSON path of the (first) problem, when known. For `snapshot_tampered`, the first log
   *  entry that fails its integrity check (`log[4]`) or the field that disagrees with the log
   *  (`responses.q3`, `current`, `flagged`, `submitted_at`). */
  path?: string;
  /** Every problem, for `invalid_package`, `parse` and `infeasible`. */
  problems?: Problem[];
}

export interface Learner { id: string; name?: string; email?: string; }

/** Options of `Session.start` (camelCase). */
export interface StartOptions {
  learner: Learner;
  /** `Date.now()` at start. */
  now: Millis;
  /** Decimal u64 string (or a number below 2^53); random when absent. */
  seed?: string | number;
  /** UUID v4 from crypto.getRandomValues when absent. */
  attemptId?: string;
  /** Default 1. */
  attemptNumber?: number;
  /** Default "practice". */
  mode?: Mode;
  seenItemIds?: string[];
  exposureCounts?: Record<string, number>;
  administrations?: number;
}

export interface PackageInfo {
  id: string; version: string; title: string; language: string;
  /** Items in the bank. */
  items: number;
  /** Outcomes declared. */
  outcomes: number;
  domains: string[];
  form_length: number;
  time_limit_seconds: number | null;
  navigation: Navigation;
  secure: boolean;
}

export interface Shortfall { rule: string; message: string; needed: number; available: number; }
export interface QuotaRow {
  id: string | null; label: string; target: number; percent?: number; from_percent: boolean;
  in_bank: number; available: number; pinned: number; enough: boolean;
}
export interface PinRow {
  id: string; in_bank: boolean; domain?: string; outcome?: string; set?: string; seen: boolean;
}
export interface SetRow {
  id: string; items: number; draw: number; usable_items: number; pinned: boolean; usable: boolean;
}
export interface SoftDeviation {
  target: "mean_p" | "mean_b" | "information" | "maximize_information" | "none" | string;
  achieved: number; deviation: number; information?: number[];
}
export interface ProofForm {
  seed: SeedString; item_ids: string[]; deviation: SoftDeviation; overexposed_items?: string[];
}
export interface ItemExposure { id: string; rate: number; }
export interface ExposureEstimate {
  forms: number; max_rate: number; mean_rate: number; never_used: number;
  never_used_items: string[]; most_exposed: ItemExposure[]; mean_overlap: number;
  max_deviation: number; off_target: number;
}
export interface FeasibilityReport {
  feasible: boolean; length: number; bank_items: number; usable_items: number;
  seen_items: number; overexposed_items: number; capacity: number;
  domains: QuotaRow[]; outcomes: QuotaRow[]; pins: PinRow[]; sets: SetRow[];
  problems: Shortfall[];
  distinct_forms_log10?: number | null;
  proof?: ProofForm;
  exposure?: ExposureEstimate;
}

/** A choice, step, matching source or target, as shown (HTML content). */
export interface DeliveredChoice { id: string; content: string; }
export type ClozeSegment = { html: string } | { gap: string };
export type DeliveredGap =
  | { kind: "text"; id: string }
  | { kind: "choice"; id: string; choices: DeliveredChoice[] };
export type DeliveredInteraction =
  | { type: "single_choice"; choices: DeliveredChoice[] }
  | { type: "multiple_response"; choices: DeliveredChoice[]; max_choices?: number }
  | { type: "true_false" }
  | { type: "text_entry"; max_length?: number }
  | { type: "numeric"; unit?: string }
  | { type: "ordering"; steps: DeliveredChoice[] }
  | { type: "matching"; sources: DeliveredChoice[]; targets: DeliveredChoice[]; max_targets_per_source: number }
  | { type: "cloze"; segments: ClozeSegment[]; gaps: DeliveredGap[] }
  | { type: "extended_text"; max_length?: number };
export type InteractionType = DeliveredInteraction["type"];
export interface DeliveredSet { id: string; title: string; stimulus: string; }
export interface DeliveredItem {
  id: string; index: number; section: string; points: number; domain: string;
  /** HTML fragment: sanitize before display. */
  stem: string;
  set?: DeliveredSet;
  interaction: DeliveredInteraction;
}
export interface DeliveredSection { id: string; title: string; start: number; end: number; }
/** The form as shown. Never contains keys, accepted answers, rubrics or feedback. */
export interface DeliveredForm {
  attempt_id: string; seed: SeedString; package_id: string; package_version: string;
  title: string; language: string; mode: Mode; navigation: Navigation;
  time_limit_seconds: number | null;
  sections: DeliveredSection[];
  items: DeliveredItem[];
}

/** A response, by interaction type: single_choice "b"; multiple_response ["a","c"];
 *  true_false true; text_entry / extended_text "text"; numeric 9.81; ordering every step id;
 *  matching [["source","target"], …]; cloze {"gap": "text or choice id"}. */
export type ItemResponse =
  | string | number | boolean | string[] | [string, string][] | Record<string, string>;

export interface SessionState {
  current: number; total: number;
  answered: string[]; flagged: string[]; unanswered: string[];
  responses: Record<string, ItemResponse>;
  submitted: boolean;
  started_at: Millis;
  deadline: Millis | null;
}

export type ItemStatus = "correct" | "incorrect" | "partial" | "unanswered" | "pending_manual";
export interface ItemFeedback {
  item_id: string; status: ItemStatus; points: number; max_points: number;
  /** HTML, or null when the package has none for this item. */
  feedback: string | null;
}

export interface FormItem {
  item_id: string; choice_order?: string[]; target_order?: string[];
  gap_orders?: Record<string, string[]>;
}
export interface ResponseEntry {
  value: ItemResponse; answered_at: Millis; changed_at: Millis; changes: number;
}

/** One logged change to an attempt (flags and moves carry no time). */
export type SessionEvent =
  | { kind: "start"; at: Millis }
  | { kind: "answer"; item_id: string; value: ItemResponse; at: Millis }
  | { kind: "clear"; item_id: string; at: Millis }
  | { kind: "flag"; item_id: string; on: boolean }
  | { kind: "go_to"; index: number }
  | { kind: "submit"; at: Millis };
/** A logged change and the integrity chain after it: SHA-256 of the previous chain value
 *  and the event's canonical JSON, as 64 lowercase hex digits. The first entry's chain is the
 *  hash of the attempt's identity (package, attempt id, learner, number, mode, seed, form,
 *  assembly context, start time, deadline). */
export interface LogEntry { event: SessionEvent; chain: string; }
/** What `Session.snapshot()` returns, parsed (`"certa-snapshot/2"`). `Session.resume` checks
 *  the chain and replays the log; the other fields must be what the log gives. The chain is
 *  not keyed: it detects hand edits, while the backend's verification remains the authority. */
export interface SessionSnapshot {
  format: "certa-snapshot/2";
  package_id: string; package_version: string; attempt_id: string;
  learner: Learner; attempt_number: number; mode: Mode;
  form: { seed: SeedString; items: FormItem[]; sections: DeliveredSection[]; deviation: object };
  context?: { seen_item_ids?: string[]; exposure_counts?: Record<string, number>; administrations?: number };
  started_at: Millis; deadline?: Millis;
  current: number;
  responses: Record<string, ResponseEntry>;
  flagged: string[];
  submitted_at?: Millis;
  log: LogEntry[];
}
export interface ItemScore { item_id: string; status: ItemStatus; points: number; max_points: number; }
export interface DomainScore { domain: string; points: number; max_points: number; ratio: number; items: number; }
export interface OutcomeMastery {
  outcome: string; score: number; threshold: number; items: number; min_items: number;
  required: boolean; mastered: boolean; pending_manual: number;
}
export type Decision = "pass" | "fail" | "pending";
export interface CredentialDecision {
  kind: "certificate" | "certification" | "none"; awarded: boolean; reasons: string[];
  expires_at?: Millis;
}
export interface AbilityEstimate {
  eap: number; eap_se: number; mle: number; mle_se: number; mle_bounded: boolean; items: number;
}
export interface AttemptResult {
  items: ItemScore[]; raw: number; max_raw: number; scaled: number; decision: Decision;
  domains: DomainScore[]; outcomes: OutcomeMastery[]; credential: CredentialDecision;
  ability?: AbilityEstimate; pending_manual: number;
}
/** The completion record (`certa-record/1`), what the host posts to its backend. */
export interface CompletionRecord {
  format: "certa-record/1";
  attempt_id: string;
  learner: Learner;
  package: { id: string; version: string; content_hash: string };
  engine: { name: string; version: string };
  mode: Mode;
  attempt_number: number;
  seed: SeedString;
  form: FormItem[];
  responses: Record<string, ResponseEntry>;
  started_at: Millis;
  submitted_at: Millis;
  duration_ms: number;
  timed_out: boolean;
  /** Absent in secure mode: the backend's verification scores the attempt. */
  result?: AttemptResult;
}
"#;
