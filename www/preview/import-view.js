// What an import of a QTI or GIFT source did (the report of `importPackage`): the figures, the
// items skipped and why, the warnings, the defaults chosen and the domains made, each line with
// its place (file, and line and column where the report gives them), and a button to download
// the imported package as certa JSON. Also the view of an import that failed, with its place.
// Display only: every figure and sentence comes from the engine's report.
import { h } from "../player/dom.js";
import { dataTable } from "./table.js";

/**
 * @param {{report: import("../../pkg/import/certa_import.js").ImportReport, file: string}} imported
 * @param {object} pkg the imported package (certa JSON)
 * @param {Function} t
 */
export function renderImportReport(imported, pkg, t) {
  const { report, file } = imported;
  const section = h("section", { class: "preview-import", "aria-labelledby": "import-heading",
    dataset: { format: report.format, imported: String(report.imported.length), skipped: String(report.skipped.length), warnings: String(report.warnings.length) } },
    h("h2", { id: "import-heading", text: t("import_heading") }),
    h("p", { class: "import-summary", text: t("import_summary", {
      file, format: t(`import_format_${report.format}`), imported: report.imported.length,
      skipped: report.skipped.length, warnings: report.warnings.length,
    }) }),
    h("p", {}, h("button", { type: "button", class: "import-download", id: "import-download",
      onclick: () => download(pkg, file), text: t("import_download") }),
    " ", h("span", { class: "import-download-note", text: t("import_download_note", { name: jsonName(file) }) })));

  section.append(h("h3", { text: t("import_skipped_heading", { count: report.skipped.length }) }));
  section.append(report.skipped.length
    ? lines(report.skipped, "import-skipped", (s) => s.reason, t)
    : h("p", { text: t("import_none_skipped") }));

  section.append(h("h3", { text: t("import_warnings_heading", { count: report.warnings.length }) }));
  section.append(report.warnings.length
    ? lines(report.warnings, "import-warnings", (w) => w.message, t)
    : h("p", { text: t("import_no_warnings") }));

  if (report.domains?.length) {
    section.append(dataTable({
      caption: t("import_domains_heading"), className: "import-domains",
      columns: [{ key: "name", label: t("col_domain") }, { key: "items", label: t("col_items"), numeric: true },
        { key: "categories", label: t("col_categories") }],
      rows: report.domains.map((d) => ({ ...d, categories: d.categories.join(", ") || t("import_no_category") })),
      rowId: (d) => d.name,
    }));
  }
  if (report.defaults?.length) {
    section.append(h("h3", { text: t("import_defaults_heading") }),
      h("ul", { class: "import-defaults" }, report.defaults.map((d) => h("li", { text: d }))));
  }
  const items = h("details", { class: "import-items" },
    h("summary", { text: t("import_items_heading", { count: report.imported.length }) }),
    dataTable({
      caption: t("import_items_caption"), className: "import-items-table",
      columns: [{ key: "id", label: t("col_item") }, { key: "kind", label: t("col_kind") },
        { key: "title", label: t("col_title") }, { key: "file", label: t("col_file") }],
      rows: report.imported,
      rowId: (i) => i.id,
    }));
  section.append(items);
  return section;
}

/** The hint under an import error, by its code. */
const HINTS = { import_module: "import_module_hint", import_missing_href: "import_missing_href_hint" };

/**
 * An import that failed: what is wrong and where (a CertaError's `path`: file and line and
 * column or element path), and the questions skipped when the engine lists them.
 * @param {any} error
 * @param {string} source
 * @param {Function} t
 */
export function renderImportError(error, source, t) {
  const problems = Array.isArray(error?.problems) ? error.problems : [];
  const place = typeof error?.path === "string" && error.path ? error.path : source;
  return h("section", { class: "preview-import-error", "aria-labelledby": "import-error-heading", role: "alert",
    dataset: { code: String(error?.code ?? "") } },
    h("h2", { id: "import-error-heading", text: t("import_failed_heading") }),
    h("p", {}, t("import_failed_place"), " ", h("code", { class: "import-error-place", text: place })),
    h("p", { class: "import-error-message", text: String(error?.message ?? error) }),
    problems.length ? h("ul", { class: "problem-list" }, problems.map((p) =>
      h("li", { class: "problem" }, h("code", { class: "problem-path", text: p.path }), " ",
        h("span", { class: "problem-message", text: p.message })))) : null,
    h("p", { class: "import-error-hint", text: t(HINTS[error?.code] ?? "import_failed_hint") }));
}

/** The place of a report line: `file:line:column`, or `file [item]`. */
export function placeOf(line) {
  if (line.line) return `${line.file}:${line.line}:${line.column ?? 1}`;
  return line.item ? `${line.file} [${line.item}]` : line.file;
}

function lines(entries, className, text, t) {
  return h("ul", { class: `import-lines ${className}` }, entries.map((entry) => {
    // A QTI place names the item already; a GIFT place is a line, so the name comes after it.
    const name = entry.line ? (entry.title ?? entry.item) : null;
    return h("li", { class: "import-line", dataset: { item: entry.item ?? "", title: entry.title ?? "", line: entry.line ? String(entry.line) : "" } },
      h("code", { class: "import-place", text: placeOf(entry) }), " ",
      name ? h("strong", { class: "import-name", text: t("import_name", { name }) }) : null,
      name ? " " : null,
      h("span", { class: "import-message", text: text(entry) }));
  }));
}

/** `unit-3.gift` → `unit-3.json`; `exam.zip` → `exam.json`. */
export function jsonName(file) {
  const base = String(file).split(/[\\/]/).pop() || "imported";
  const dot = base.lastIndexOf(".");
  return `${dot > 0 ? base.slice(0, dot) : base}.json`;
}

function download(pkg, file) {
  const blob = new Blob([`${JSON.stringify(pkg, null, 2)}\n`], { type: "application/json" });
  const href = URL.createObjectURL(blob);
  const link = h("a", { href, download: jsonName(file), hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}
