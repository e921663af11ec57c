// The feasibility report of `package.feasibility()`: feasible or not, shortfalls, domain and
// outcome quota rows, item sets, the number of distinct forms and the exposure estimate.
// Display only: every figure comes from the engine's report.
import { h } from "../player/dom.js";
import { dataTable } from "./table.js";

/**
 * @param {import("../../pkg/certa.js").FeasibilityReport} report
 * @param {Function} t
 */
export function renderFeasibility(report, t) {
  const state = report.feasible ? t("feasible") : t("infeasible");
  const section = h("section", { class: "preview-feasibility", "aria-labelledby": "feasibility-heading", dataset: { feasible: String(Boolean(report.feasible)) } },
    h("h2", { id: "feasibility-heading", text: t("feasibility_heading") }),
    h("p", { class: `feasibility-state ${report.feasible ? "is-feasible" : "is-infeasible"}`, id: "feasibility-state", text: state }),
    h("p", { text: t("feasibility_summary", { state, length: report.length, usable: report.usable_items, bank: report.bank_items, capacity: report.capacity }) }));
  if (typeof report.distinct_forms_log10 === "number") {
    section.append(h("p", { text: t("distinct_forms", { exponent: t.number(report.distinct_forms_log10, 1) }) }));
  }
  section.append(h("h3", { text: t("shortfalls_heading") }));
  if (report.problems?.length) {
    section.append(h("ul", { class: "shortfalls" }, report.problems.map((p) =>
      h("li", { class: "shortfall", dataset: { rule: p.rule }, text: t("shortfall", p) }))));
  } else {
    section.append(h("p", { text: t("no_shortfalls") }));
  }
  for (const [rows, key] of [[report.domains, "quota_heading_domains"], [report.outcomes, "quota_heading_outcomes"]]) {
    if (!rows?.length) continue;
    section.append(dataTable({
      caption: t(key), className: "quota-table",
      columns: [
        { key: "label", label: t("col_quota") }, { key: "target", label: t("col_target"), numeric: true },
        { key: "in_bank", label: t("col_in_bank"), numeric: true }, { key: "available", label: t("col_available"), numeric: true },
        { key: "pinned", label: t("col_pinned"), numeric: true }, { key: "enough", label: t("col_enough") },
      ],
      rows: rows.map((r) => ({ ...r, label: r.id ?? r.label, enough: r.enough ? t("yes") : t("no") })),
      rowId: (r) => r.id ?? "",
    }));
  }
  section.append(h("h3", { text: t("sets_heading") }));
  if (report.sets?.length) {
    section.append(dataTable({
      caption: t("sets_heading"), className: "sets-table",
      columns: [
        { key: "id", label: t("col_set") }, { key: "items", label: t("col_items"), numeric: true },
        { key: "draw", label: t("col_draw"), numeric: true }, { key: "usable", label: t("col_usable") },
      ],
      rows: report.sets.map((s) => ({ ...s, usable: s.usable ? t("yes") : t("no") })),
      rowId: (s) => s.id,
    }));
  } else {
    section.append(h("p", { text: t("no_sets") }));
  }
  const exposure = report.exposure;
  if (exposure) {
    const percent = (x) => `${t.number(x * 100, 0)}%`;
    section.append(h("h3", { text: t("exposure_heading") }),
      h("p", { text: t("exposure_summary", { forms: exposure.forms, max: percent(exposure.max_rate), mean: percent(exposure.mean_rate), overlap: percent(exposure.mean_overlap), never: exposure.never_used }) }));
    if (exposure.most_exposed?.length) {
      section.append(h("p", { text: t("most_exposed", { items: exposure.most_exposed.map((e) => `${e.id} (${percent(e.rate)})`).join(", ") }) }));
    }
  }
  return section;
}
