// A small TypeScript consumer of the import module (pkg/import/certa_import.js, the engine with
// the QTI and GIFT importers, as the instructor preview loads it). `./x test` type-checks it with
// `tsc --noEmit`, so the declarations of importPackage, its report and its errors stay real.

import init, { importPackage, Package } from "../../pkg/import/certa_import.js";
import type {
  ImportError,
  ImportPlace,
  ImportReport,
  ImportResult,
  ImportedDomain,
  ImportedItem,
  ImportSkipped,
  ImportWarning,
  InteractionType,
} from "../../pkg/import/certa_import.js";

function isImportError(e: unknown): e is ImportError {
  return e instanceof Error && e.name === "CertaError" && String((e as ImportError).code).startsWith("import_");
}

/** `file:line:column` for GIFT lines, `file [item]` for QTI ones. */
function place(line: ImportPlace & { item?: string }): string {
  if (line.line !== undefined) return `${line.file}:${line.line}:${line.column ?? 1}`;
  return line.item !== undefined ? `${line.file} [${line.item}]` : line.file;
}

function describe(report: ImportReport): string[] {
  const format: "QTI" | "GIFT" = report.format === "qti" ? "QTI" : "GIFT";
  const kinds = new Map<InteractionType, number>();
  report.imported.forEach((item: ImportedItem) => kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1));
  const skipped = report.skipped.map((s: ImportSkipped) => `${place(s)} ${s.title ?? ""} ${s.reason}`);
  const warnings = report.warnings.map((w: ImportWarning) => `${place(w)} ${w.message}`);
  const domains = report.domains.map((d: ImportedDomain) => `${d.name} ${d.items} ${d.categories.join("/")}`);
  const sources = report.sources.map((s) => `${s.file} ${s.format}`);
  return [format, ...sources, ...[...kinds].map(([k, n]) => `${k} ${n}`), ...skipped, ...warnings, ...domains, ...report.defaults];
}

export async function preview(file: File): Promise<string[]> {
  await init();
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const result: ImportResult = importPackage(bytes, file.name);
    const pkg = Package.load(JSON.stringify(result.package));
    const lines = describe(result.report);
    pkg.free();
    return lines;
  } catch (e) {
    if (isImportError(e)) {
      const problems = (e.problems ?? []).map((p) => `${p.path}: ${p.message}`);
      return [`${e.code} at ${e.path ?? file.name}: ${e.message}`, ...problems];
    }
    throw e;
  }
}
