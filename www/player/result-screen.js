// The result screen after submit: the total, pass / fail / pending, the credential decision,
// a per-outcome mastery bar chart in inline SVG (with the same figures as a table), and, in
// practice mode, per-item feedback from `session.feedback()`. It only displays the record the
// engine produced; it computes nothing.
import { h } from "./dom.js";
import { setItemHtml } from "./sanitize.js";

/**
 * @param {{record: object, feedback: object[] | null, mode: string, t: Function,
 *          outcomeStatements: Map<string, string>, itemIndex: Map<string, number>,
 *          scaleMax?: number, credentialName?: string}} view
 */
export function renderResult(view) {
  const { t, record } = view;
  const result = record.result || {};
  const heading = h("h2", { id: "certa-result-heading", class: "certa-screen-heading", tabindex: "-1", text: t("result_heading") });
  const section = h("section", { class: "certa-result", "aria-labelledby": "certa-result-heading" }, heading);
  if (record.timed_out) section.append(h("p", { class: "certa-note", text: t("result_timed_out") }));
  if (view.mode === "secure") {
    section.append(h("p", { class: "certa-result-summary", text: t("result_secure_submitted") }));
    return section;
  }
  const decisionKey = { pass: "result_pass", fail: "result_fail", pending: "result_pending" }[result.decision] || "result_pending";
  section.append(
    h("div", { class: `certa-decision is-${result.decision}` },
      h("p", { class: "certa-decision-label", text: t(decisionKey) }),
      h("p", { class: "certa-total", text: t("result_score", { scaled: t.number(result.scaled ?? 0), max: t.number(view.scaleMax ?? 100) }) }),
      h("p", { class: "certa-points", text: t("result_points", { raw: t.number(result.raw ?? 0), max_raw: t.number(result.max_raw ?? 0) }) })),
    credential(result.credential, view.credentialName, t));
  if (Array.isArray(result.outcomes) && result.outcomes.length) {
    section.append(h("h3", { text: t("outcomes_heading") }), masteryChart(result.outcomes, view), masteryTable(result.outcomes, view));
  }
  if (Array.isArray(view.feedback) && view.feedback.length) {
    section.append(h("h3", { text: t("feedback_heading") }), feedbackList(view));
  }
  return section;
}

function credential(decision, name, t) {
  if (!decision || decision.kind === "none") return null;
  const box = h("div", { class: `certa-credential ${decision.awarded ? "is-awarded" : ""}` },
    h("p", { text: decision.awarded ? t("result_credential_awarded", { name: name || decision.kind }) : t("result_credential_not_awarded") }));
  if (Array.isArray(decision.reasons) && decision.reasons.length) {
    box.append(h("ul", {}, decision.reasons.map((reason) => h("li", { text: reason }))));
  }
  return box;
}

function outcomeStatus(outcome, t) {
  if (outcome.pending_manual > 0 && !outcome.mastered) return t("pending_manual");
  return outcome.mastered ? t("mastered") : t("not_mastered");
}

function masteryChart(outcomes, view) {
  const { t } = view;
  const rowHeight = 34;
  const labelWidth = 90;
  const barWidth = 300;
  const width = labelWidth + barWidth + 70;
  const height = outcomes.length * rowHeight + 24;
  const svg = h("svg:svg", {
    class: "certa-chart", viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": t("outcomes_chart_label"), preserveAspectRatio: "xMinYMin meet",
  });
  outcomes.forEach((outcome, row) => {
    const y = row * rowHeight + 6;
    const score = clamp01(outcome.score);
    const threshold = clamp01(outcome.threshold);
    const group = h("svg:g", { "aria-hidden": "true" },
      h("svg:text", { x: 0, y: y + 18, class: "certa-chart-label", text: outcome.outcome }),
      h("svg:rect", { x: labelWidth, y, width: barWidth, height: 22, rx: 3, class: "certa-chart-track" }),
      h("svg:rect", { x: labelWidth, y, width: Math.max(0, score * barWidth), height: 22, rx: 3, class: `certa-chart-bar ${outcome.mastered ? "is-mastered" : "is-not-mastered"}` }),
      h("svg:line", { x1: labelWidth + threshold * barWidth, x2: labelWidth + threshold * barWidth, y1: y - 3, y2: y + 25, class: "certa-chart-threshold" }),
      h("svg:text", { x: labelWidth + barWidth + 8, y: y + 16, class: "certa-chart-value", text: t("percent", { value: Math.round(score * 100) }) }));
    svg.append(group);
  });
  const axis = outcomes.length * rowHeight + 20;
  svg.append(h("svg:text", { x: labelWidth, y: axis, class: "certa-chart-axis", "aria-hidden": "true", text: "0" }),
    h("svg:text", { x: labelWidth + barWidth, y: axis, class: "certa-chart-axis", "text-anchor": "end", "aria-hidden": "true", text: "100" }));
  return h("figure", { class: "certa-chart-figure" }, svg);
}

function masteryTable(outcomes, view) {
  const { t } = view;
  return h("table", { class: "certa-mastery-table" },
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", text: t("outcome_col") }), h("th", { scope: "col", text: t("score_col") }),
      h("th", { scope: "col", text: t("threshold_col") }), h("th", { scope: "col", text: t("status_col") }))),
    h("tbody", {}, outcomes.map((outcome) => h("tr", {},
      h("th", { scope: "row" }, h("span", { class: "certa-outcome-id", text: outcome.outcome }),
        view.outcomeStatements.get(outcome.outcome) ? h("span", { class: "certa-outcome-statement", text: view.outcomeStatements.get(outcome.outcome) }) : null),
      h("td", { text: t("percent", { value: Math.round(clamp01(outcome.score) * 100) }) }),
      h("td", { text: t("percent", { value: Math.round(clamp01(outcome.threshold) * 100) }) }),
      h("td", { text: outcomeStatus(outcome, t) })))));
}

function feedbackList(view) {
  const { t } = view;
  return h("ol", { class: "certa-feedback-list" }, view.feedback.map((entry) => {
    const n = (view.itemIndex.get(entry.item_id) ?? 0) + 1;
    const body = h("li", { class: `certa-feedback is-${entry.status}` },
      h("p", { class: "certa-feedback-head" },
        h("strong", { text: t("question_of", { n, total: view.feedback.length }) }), " — ",
        t(`status_${entry.status}`), " · ",
        t("feedback_points", { points: t.number(entry.points ?? 0), max: t.number(entry.max_points ?? 0) })));
    if (entry.feedback) body.append(setItemHtml(h("div", { class: "certa-feedback-body" }), entry.feedback));
    return body;
  }));
}

function clamp01(value) {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(1, Math.max(0, number)) : 0;
}
