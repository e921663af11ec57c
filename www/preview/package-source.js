// Where the preview's package comes from: a URL (fetched) or a file the instructor picked.
// A certa JSON package is handed to the engine as it is; a QTI file or content package (.zip,
// .xml) or a GIFT file (.gift, .txt) is first imported by the import module, which is loaded
// only then. Returns the JSON text for the engine and, when it parses, the JSON object itself
// (the preview reads answer keys from it; the engine never hands keys out), plus the import
// report for an imported source.

/**
 * @typedef {{report: import("../../pkg/import/certa_import.js").ImportReport, file: string}} ImportInfo
 * @typedef {{json: string, doc: object | null, source: string, imported: ImportInfo | null}} PackageSource
 */

/** File name extensions read as question banks to import rather than as certa JSON. */
export const IMPORT_EXTENSIONS = ["zip", "xml", "gift", "txt"];

/**
 * Fetch a package or a question bank from a URL relative to the page.
 * @param {string} url
 * @param {{onImport?: (name: string) => void}} [hooks]
 * @returns {Promise<PackageSource>}
 */
export async function fromUrl(url, hooks = {}) {
  const href = new URL(url, document.baseURI).href;
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok) {
    throw Object.assign(new Error(`${response.status} ${response.statusText}`), { code: "fetch", source: url });
  }
  return fromBytes(new Uint8Array(await response.arrayBuffer()), fileName(href), hooks);
}

/**
 * Read a package or a question bank from a picked file.
 * @param {File} file
 * @param {{onImport?: (name: string) => void}} [hooks]
 * @returns {Promise<PackageSource>}
 */
export async function fromFile(file, hooks = {}) {
  return fromBytes(new Uint8Array(await file.arrayBuffer()), file.name, hooks);
}

/**
 * Whether bytes named `name` are a certa JSON package (else a bank to import): by the extension,
 * and for any other name by the content (JSON starts with `{` or `[`).
 * @param {string} name
 * @param {Uint8Array} bytes
 */
export function isPackageJson(name, bytes) {
  const ext = extension(name);
  if (ext === "json") return true;
  if (IMPORT_EXTENSIONS.includes(ext)) return false;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i += 1;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}

async function fromBytes(bytes, name, hooks) {
  if (isPackageJson(name, bytes)) return withDoc(new TextDecoder().decode(bytes), name);
  hooks.onImport?.(name);
  const { importBytes } = await import("./importer.js");
  const { package: pkg, report } = await importBytes(bytes, name);
  return { json: JSON.stringify(pkg), doc: pkg, source: name, imported: { report, file: name } };
}

function withDoc(json, source) {
  let doc = null;
  try {
    doc = JSON.parse(json);
  } catch {
    // The engine reports the parse error with its line, column and path.
  }
  return { json, doc, source, imported: null };
}

/** The last path segment of a URL, decoded (`…/banks/unit%203.gift?x` → `unit 3.gift`). */
function fileName(href) {
  const last = new URL(href).pathname.split("/").pop() || "package";
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function extension(name) {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}
