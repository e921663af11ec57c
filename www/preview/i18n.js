// UI strings for the instructor preview: the player's translator over the preview's own catalog.
// Strings live only in ./locales/*.js; code refers to them by key.
import { catalogTranslator } from "../player/i18n.js";
import en from "./locales/en.js";

/**
 * A translator `t(key, params)` for the preview in the requested locale (English for now).
 * @param {string} [locale]
 */
export function previewTranslator(locale = "en") {
  return catalogTranslator({ en }, locale);
}
