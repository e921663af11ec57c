// A plain data table built with DOM APIs: caption, header row, body rows with `data-col` cells.
import { h } from "../player/dom.js";

/**
 * @param {{caption: string, columns: Array<{key: string, label: string, numeric?: boolean}>,
 *          rows: Array<Record<string, any>>, rowId?: (row: object) => string, className?: string}} spec
 */
export function dataTable(spec) {
  return h("table", { class: `data-table ${spec.className ?? ""}` },
    h("caption", { text: spec.caption }),
    h("thead", {}, h("tr", {}, spec.columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null, text: c.label })))),
    h("tbody", {}, spec.rows.map((row) =>
      h("tr", { dataset: spec.rowId ? { id: spec.rowId(row) } : {} }, spec.columns.map((c, i) =>
        h(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: c.numeric ? "num" : null, dataset: { col: c.key }, text: String(row[c.key] ?? "") }))))));
}
