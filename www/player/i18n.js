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
  const t = (key, params = {}) => {
    let value = catalog[key] ?? fallback[key] ?? key;
    if (typeof value === "object") {
      value = value[pluralCategory(lang, Number(params.count) || 0)] ?? value.other ?? key;
    }
    return value.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in params)) return whole;
      const param = params[name];
      return typeof param === "number" ? formatNumber(lang, param, 2) : String(param);
    });
  };
  t.locale = lang;
  t.number = (value, digits = 1) => formatNumber(lang, value, digits);
  return t;
}

// Intl objects are costly to create (the first one in a page loads locale data: 10-25 ms in
// Chromium), so they are made on first need and kept per locale. Small whole numbers, which are
// all the first screen shows, take a fast path for the shipped locales, where Intl would give
// the same result: plain ASCII digits, no grouping below 1000, and "one" for 1 (en) or 0 and 1
// (fr).
const SMALL_INTEGER_PLURALS = {
  en: (n) => (n === 1 ? "one" : "other"),
  fr: (n) => (n <= 1 ? "one" : "other"),
};
const intlCache = new Map();

function isSmallInteger(n) {
  return Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0);
}

function cachedIntl(kind, lang, digits) {
  const key = `${kind}:${lang}:${digits}`;
  let value = intlCache.get(key);
  if (!value) {
    value = kind === "plural" ? new Intl.PluralRules(lang) : new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
    intlCache.set(key, value);
  }
  return value;
}

function pluralCategory(lang, n) {
  const fast = SMALL_INTEGER_PLURALS[lang];
  if (fast && isSmallInteger(n)) return fast(n);
  return cachedIntl("plural", lang, 0).select(n);
}

function formatNumber(lang, n, digits) {
  if (SMALL_INTEGER_PLURALS[lang] && isSmallInteger(n)) return String(n);
  return cachedIntl("number", lang, digits).format(n);
}
