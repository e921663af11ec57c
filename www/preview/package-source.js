// Where the preview's package text comes from: a URL (fetched) or a file the instructor picked.
// Returns the raw JSON text for the engine and, when it parses, the JSON object itself (the
// preview reads answer keys from it; the engine never hands keys out).

/**
 * @typedef {{json: string, doc: object | null, source: string}} PackageSource
 */

/**
 * Fetch a package from a URL relative to the page.
 * @param {string} url
 * @returns {Promise<PackageSource>}
 */
export async function fromUrl(url) {
  const href = new URL(url, document.baseURI).href;
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok) {
    throw Object.assign(new Error(`${response.status} ${response.statusText}`), { code: "fetch", source: url });
  }
  return withDoc(await response.text(), url);
}

/**
 * Read a package from a picked file.
 * @param {File} file
 * @returns {Promise<PackageSource>}
 */
export async function fromFile(file) {
  return withDoc(await file.text(), file.name);
}

function withDoc(json, source) {
  let doc = null;
  try {
    doc = JSON.parse(json);
  } catch {
    // The engine reports the parse error with its line, column and path.
  }
  return { json, doc, source };
}
