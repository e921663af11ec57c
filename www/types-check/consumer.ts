// A small TypeScript consumer of the built package (pkg/). `./x test` type-checks it with
// `tsc --noEmit`, so the declarations in certa.d.ts stay real: every API and document type is
// used here, and switching on the tagged unions must be exhaustive.

import init, { Package, Session } from "../../pkg/certa.js";
import type {
  CertaError,
  ClozeSegment,
  CompletionRecord,
  DeliveredForm,
  DeliveredGap,
  DeliveredInteraction,
  DeliveredItem,
  ItemFeedback,
  ItemResponse,
  ItemStatus,
  PackageInfo,
  Problem,
  SessionEvent,
  SessionSnapshot,
  SessionState,
  StartOptions,
} from "../../pkg/certa.js";

function isCertaError(e: unknown): e is CertaError {
  return e instanceof Error && e.name === "CertaError";
}

function describeGap(gap: DeliveredGap): string {
  switch (gap.kind) {
    case "text":
      return `${gap.id}: text`;
    case "choice":
      return `${gap.id}: ${gap.choices.map((c) => c.content).join(" / ")}`;
  }
}

function describeEvent(event: SessionEvent): string {
  switch (event.kind) {
    case "start":
      return `started at ${event.at}`;
    case "answer":
      return `${event.item_id} = ${JSON.stringify(event.value)} at ${event.at}`;
    case "clear":
      return `${event.item_id} cleared at ${event.at}`;
    case "flag":
      return `${event.item_id} ${event.on ? "flagged" : "unflagged"}`;
    case "go_to":
      return `question ${event.index + 1}`;
    case "submit":
      return `submitted at ${event.at}`;
  }
}

/** Resume the current snapshot, else the previous good one when the current was edited. */
function resumeOrRestore(pkg: Package, current: string, previous: string): Session {
  try {
    return Session.resume(pkg, current);
  } catch (e) {
    if (isCertaError(e) && (e.code === "snapshot_tampered" || e.code === "snapshot_unversioned")) {
      console.log("integrity check failed at", e.path ?? "?");
      return Session.resume(pkg, previous);
    }
    throw e;
  }
}

function segmentText(segment: ClozeSegment): string {
  return "html" in segment ? segment.html : `[${segment.gap}]`;
}

/** A plausible response for each interaction type (first choice, first steps, …). */
function sampleResponse(interaction: DeliveredInteraction): ItemResponse {
  switch (interaction.type) {
    case "single_choice":
      return interaction.choices[0]?.id ?? "";
    case "multiple_response":
      return interaction.choices.slice(0, interaction.max_choices ?? 1).map((c) => c.id);
    case "true_false":
      return true;
    case "text_entry":
      return "answer".slice(0, interaction.max_length ?? 6);
    case "numeric":
      return 42;
    case "ordering":
      return interaction.steps.map((s) => s.id);
    case "matching": {
      const pairs: [string, string][] = [];
      interaction.sources.forEach((s, i) => {
        const t = interaction.targets[i % interaction.targets.length];
        if (t && interaction.max_targets_per_source >= 1) pairs.push([s.id, t.id]);
      });
      return pairs;
    }
    case "cloze": {
      const out: Record<string, string> = {};
      for (const gap of interaction.gaps) {
        out[gap.id] = gap.kind === "choice" ? (gap.choices[0]?.id ?? "") : "text";
      }
      console.log(interaction.segments.map(segmentText).join(""), interaction.gaps.map(describeGap));
      return out;
    }
    case "extended_text":
      return "An essay.";
  }
}

function statusLabel(status: ItemStatus): string {
  const labels: Record<ItemStatus, string> = {
    correct: "Correct",
    incorrect: "Incorrect",
    partial: "Partly correct",
    unanswered: "Not answered",
    pending_manual: "Awaiting a grader",
  };
  return labels[status];
}

export async function run(packageJson: string): Promise<CompletionRecord | null> {
  await init();
  let pkg: Package;
  try {
    pkg = Package.load(packageJson);
  } catch (e) {
    if (isCertaError(e)) {
      const problems: Problem[] = e.problems ?? [];
      console.error(e.code, e.path ?? ".", problems.map((p) => `${p.path}: ${p.message}`));
      return null;
    }
    throw e;
  }
  const info: PackageInfo = pkg.info();
  console.log(info.title, info.form_length, info.time_limit_seconds ?? "untimed");

  const options: StartOptions = {
    learner: { id: "u-17", name: "Ada" },
    now: Date.now(),
    seed: "8",
    mode: "practice",
    seenItemIds: [],
    exposureCounts: { "a11y-01": 3 },
    administrations: 10,
  };
  const session = Session.start(pkg, options);
  const form: DeliveredForm = session.form();
  console.log(session.attemptId(), session.seed(), form.sections.map((s) => `${s.id} ${s.start}-${s.end}`));
  form.items.forEach((item: DeliveredItem) => {
    if (item.set) console.log(item.set.title, item.set.stimulus.length);
    session.answer(item.id, sampleResponse(item.interaction), Date.now());
  });
  session.answer(form.items[0]!.id, null, Date.now());
  session.flag(form.items[1]!.id, true);
  session.goTo(2);
  const state: SessionState = session.state();
  const left: number | null = session.timeRemaining(Date.now());
  console.log(state.current, state.total, state.answered.length, state.flagged, state.unanswered, left);
  for (const [id, response] of Object.entries(state.responses)) console.log(id, JSON.stringify(response));

  const saved: SessionSnapshot = JSON.parse(session.snapshot());
  for (const entry of saved.log) console.log(describeEvent(entry.event), entry.chain.length);
  console.log(saved.format, saved.form.seed, saved.deadline ?? "untimed", saved.current);
  const resumed = resumeOrRestore(pkg, session.snapshot(), session.snapshot());
  const record: CompletionRecord = resumed.submit(Date.now());
  const canonical: string = resumed.recordJson();
  console.log(record.format, record.package.content_hash, record.duration_ms, canonical.length);
  if (record.result) {
    console.log(record.result.scaled, record.result.decision, record.result.credential.awarded);
    for (const outcome of record.result.outcomes) console.log(outcome.outcome, outcome.mastered);
  }
  const feedback: ItemFeedback[] = resumed.feedback();
  for (const f of feedback) console.log(f.item_id, statusLabel(f.status), f.points, f.max_points, f.feedback ?? "");
  session.free();
  resumed.free();
  pkg.free();
  return record;
}
