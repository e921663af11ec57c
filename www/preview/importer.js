// The import module (`pkg/import/certa_import.js`: the engine built with the QTI and GIFT
// importers, cargo feature `import`), loaded on first use only: previewing a certa JSON package
// never downloads it. `./x build` builds it beside the player's module.

/** Where the import module lives: ../pkg/import/ next to www/. */
export const IMPORT_MODULE_URL = new URL("../../pkg/import/certa_import.js", import.meta.url).href;

let pending = null;

/**
 * Import and initialise the import module once. A failure (not built, offline) is thrown with
 * `code: "import_module"` and tried again on the next call.
 * @returns {Promise<typeof import("../../pkg/import/certa_import.js")>}
 */
export function loadImporter() {
  if (!pending) {
    pending = import(IMPORT_MODULE_URL).then(async (module) => {
      if (typeof module.default === "function") await module.default();
      return module;
    }).catch((error) => {
      pending = null;
      throw Object.assign(new Error(String(error?.message ?? error)), { code: "import_module" });
    });
  }
  return pending;
}

/**
 * Import a QTI file or content package, or a GIFT file, into a certa package and its report.
 * Throws the engine's CertaError (`code` "import_…", `path` the place) when the source cannot
 * be imported.
 * @param {Uint8Array} bytes
 * @param {string} name the file name (its extension helps tell GIFT from QTI)
 * @returns {Promise<import("../../pkg/import/certa_import.js").ImportResult>}
 */
export async function importBytes(bytes, name) {
  const module = await loadImporter();
  return module.importPackage(bytes, name);
}
