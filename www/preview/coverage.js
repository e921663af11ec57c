// Coverage of sample forms against the blueprint: for each domain and each outcome, the target
// (from the feasibility report's quota rows, or the outcome's `min_items` for mastery when the
// blueprint sets no outcome quota) and how many items each sample form drew. Counting only; the
// forms themselves come from the engine.

/**
 * @typedef {{id: string, target: number | null, targetKind: "quota" | "min_items" | "none",
 *            counts: number[], min: number, max: number, mean: number}} CoverageRow
 */

/**
 * @param {{report: object, doc: object | null, forms: Array<{items: Array<{id: string, domain: string}>}>}} input
 * @returns {{domains: CoverageRow[], outcomes: CoverageRow[]}}
 */
export function computeCoverage({ report, doc, forms }) {
  const itemsById = new Map((doc?.items ?? []).map((item) => [item.id, item]));

  const domainTargets = new Map((report.domains ?? []).filter((r) => r.id !== null).map((r) => [r.id, r.target]));
  const domainIds = [...domainTargets.keys()];
  for (const form of forms) for (const item of form.items) if (!domainIds.includes(item.domain)) domainIds.push(item.domain);
  const domains = domainIds.map((id) => row(id, domainTargets.has(id) ? domainTargets.get(id) : null,
    domainTargets.has(id) ? "quota" : "none",
    forms.map((form) => form.items.filter((item) => item.domain === id).length)));

  const outcomeTargets = new Map((report.outcomes ?? []).filter((r) => r.id !== null).map((r) => [r.id, r.target]));
  const outcomes = (doc?.outcomes ?? []).map((outcome) => {
    const counts = forms.map((form) => form.items.filter((item) =>
      (itemsById.get(item.id)?.outcomes ?? []).some((a) => a.outcome === outcome.id)).length);
    if (outcomeTargets.has(outcome.id)) return row(outcome.id, outcomeTargets.get(outcome.id), "quota", counts);
    if (Number.isFinite(outcome.min_items)) return row(outcome.id, outcome.min_items, "min_items", counts);
    return row(outcome.id, null, "none", counts);
  });
  return { domains, outcomes };
}

function row(id, target, targetKind, counts) {
  const min = counts.length ? Math.min(...counts) : 0;
  const max = counts.length ? Math.max(...counts) : 0;
  const mean = counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  return { id, target, targetKind, counts, min, max, mean };
}
