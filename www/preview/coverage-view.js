// The coverage chart (inline SVG: a bar per row from 0 to the fewest items any sample form drew,
// extended faintly to the most, and a mark at the target) with the same figures as a data table.
import { h } from "../player/dom.js";
import { dataTable } from "./table.js";

/**
 * @param {{domains: import("./coverage.js").CoverageRow[], outcomes: import("./coverage.js").CoverageRow[]}} coverage
 * @param {number} formCount
 * @param {Function} t
 */
export function renderCoverage(coverage, formCount, t) {
  const section = h("section", { class: "preview-coverage", "aria-labelledby": "coverage-heading" },
    h("h2", { id: "coverage-heading", text: t("coverage_heading") }),
    h("p", { text: t("coverage_intro", { count: formCount }) }));
  for (const [rows, what, col, id] of [
    [coverage.domains, t("coverage_domains"), t("col_domain"), "coverage-domains"],
    [coverage.outcomes, t("coverage_outcomes"), t("col_outcome"), "coverage-outcomes"],
  ]) {
    if (!rows.length) continue;
    section.append(h("h3", { text: what }), chart(rows, what, t), dataTable({
      caption: what, className: `coverage-table ${id}`,
      columns: [
        { key: "id", label: col }, { key: "target", label: t("col_target"), numeric: true },
        { key: "range", label: t("col_forms"), numeric: true }, { key: "mean", label: t("col_mean"), numeric: true },
      ],
      rows: rows.map((r) => ({
        id: r.id,
        target: r.target === null ? t("no_target")
          : r.targetKind === "min_items" ? t("outcome_target_min_items", { count: r.target }) : r.target,
        range: r.min === r.max ? String(r.min) : `${r.min}–${r.max}`,
        mean: t.number(r.mean, 1),
      })),
      rowId: (r) => r.id,
    }));
  }
  return section;
}

function chart(rows, what, t) {
  const rowHeight = 26;
  const labelWidth = 80;
  const barWidth = 360;
  const width = labelWidth + barWidth + 40;
  const height = rows.length * rowHeight + 8;
  const top = Math.max(1, ...rows.map((r) => Math.max(r.max, r.target ?? 0))) * 1.1;
  const x = (value) => labelWidth + (barWidth * value) / top;
  const label = t("coverage_chart_label", { what });
  const svg = h("svg:svg", { class: "coverage-chart", viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": label },
    h("svg:title", { text: label }));
  rows.forEach((r, i) => {
    const y = 4 + i * rowHeight;
    svg.append(
      h("svg:text", { x: labelWidth - 6, y: y + 16, "text-anchor": "end", class: "chart-label", text: r.id }),
      h("svg:rect", { x: labelWidth, y: y + 4, width: Math.max(0, x(r.max) - labelWidth), height: 14, class: "bar-range" }),
      h("svg:rect", { x: labelWidth, y: y + 4, width: Math.max(0, x(r.min) - labelWidth), height: 14, class: "bar-min" }),
      h("svg:text", { x: x(r.max) + 4, y: y + 16, class: "chart-value", text: r.min === r.max ? String(r.min) : `${r.min}–${r.max}` }));
    if (r.target !== null) {
      svg.append(h("svg:line", { x1: x(r.target), x2: x(r.target), y1: y, y2: y + 22, class: "target-mark" }));
    }
  });
  return svg;
}
