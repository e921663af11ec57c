// UI strings for the player: picks a locale catalog and fills in `{name}` parameters.
// Strings live only in ./locales/*.js; code refers to them by key.
import en from "./locales/en.js";
import fr from "./locales/fr.js";

const CATALOGS = { en, fr };

/** Locales the player ships with. */
export const SUPPORTED_LOCALES = Object.keys(CATALOGS);

/**
 * Pick the best supported locale for a requested tag ("fr-CA" → "fr"), falling back to English.
 * @param {string | null | undefined} requested
 * @param {Record<string, object>} [catalogs]
 */
export function resolveLocale(requested, catalogs = CATALOGS) {
  const tag = String(requested || "").toLowerCase();
  if (catalogs[tag]) return tag;
  const base = tag.split("-")[0];
  return catalogs[base] ? base : "en";
}

/**
 * A translator for one locale: `t(key, params)`. A catalog value may be a string or an object
 * keyed by plural category (`one`, `other`), chosen by `params.count`. Unknown keys fall back
 * to English, then to the key itself, so a missing string is visible but never breaks the page.
 * @param {string} locale
 */
export function translator(locale) {
  return catalogTranslator(CATALOGS, locale);
}

/**
 * `translator` over another set of catalogs (keyed by locale, `en` required), for pages other
 * than the player (the instructor preview) that keep their own strings.
 * @param {Record<string, Record<string, string | object>>} catalogs
 * @param {string} locale
 */
export function catalogTranslator(catalogs, locale) {
  const lang = resolveLocale(locale, catalogs);
  const catalog = catalogs[lang];
  const fallback = catalogs.en;
  const plurals = new Intl.PluralRules(lang);
  const numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const t = (key, params = {}) => {
    let value = catalog[key] ?? fallback[key] ?? key;
    if (typeof value === "object") {
      value = value[plurals.select(Number(params.count) || 0)] ?? value.other ?? key;
    }
    return value.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in params)) return whole;
      const param = params[name];
      return typeof param === "number" ? numbers.format(param) : String(param);
    });
  };
  t.locale = lang;
  t.number = (value, digits = 1) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  return t;
}
