// Loads the certa wasm package (`pkg/certa.js`, wasm-bindgen --target web) once per URL and
// initialises it, then warms it up (see engine-warmup.js). The player reaches the engine only
// through this module.
import { warmUpEngine } from "./engine-warmup.js";

const loaded = new Map();

/** Where the engine lives unless the page says otherwise: ../pkg/certa.js next to www/. */
export const DEFAULT_ENGINE_URL = new URL("../../pkg/certa.js", import.meta.url).href;

/**
 * Import and initialise the engine module. Resolves to the module's exports
 * (`Package`, `Session`, …).
 * @param {string} [url]
 */
export function loadEngine(url = DEFAULT_ENGINE_URL) {
  const href = new URL(url, document.baseURI).href;
  if (!loaded.has(href)) {
    const pending = import(href).then(async (module) => {
      if (typeof module.default === "function") await module.default();
      warmUpEngine(module);
      return module;
    });
    pending.catch(() => loaded.delete(href));
    loaded.set(href, pending);
  }
  return loaded.get(href);
}
