// The one place item HTML (stems, choices, stimuli, cloze text, feedback) enters the DOM:
// DOMPurify with a conservative profile. Everything else in the player is built with DOM APIs.
import DOMPurify from "../vendor/purify.es.mjs";

const PROFILE = {
  USE_PROFILES: { html: true, svg: true, mathMl: true },
  FORBID_TAGS: ["style", "form", "input", "button", "select", "textarea", "iframe", "object", "embed"],
  FORBID_ATTR: ["style", "id", "name", "tabindex", "autofocus"],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

// A private DOMPurify instance, configured once when this module loads: parsing the profile
// (USE_PROFILES builds sets of every HTML, SVG and MathML name) costs more than sanitizing a
// short stem, so it is not redone per call; the shared default instance stays unconfigured for
// other code on the page.
const purifier = DOMPurify(window);
purifier.setConfig(PROFILE);

function purify(html) {
  return purifier.sanitize(html);
}

/**
 * Sanitize an author HTML string into a DocumentFragment safe to insert.
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function sanitizedFragment(html) {
  return focusableScrollers(purify(String(html ?? "")));
}

/**
 * Code blocks (`<pre>`) scroll sideways when a line is long; a scrolling region must be
 * reachable by keyboard (WCAG 2.1.1, axe `scrollable-region-focusable`), so each gets a tab stop.
 * Authors cannot set tabindex themselves (the profile forbids it); this is the player's own.
 * Cloze text is left alone: its gaps are focusable controls inside the block already.
 * @param {DocumentFragment} fragment
 */
function focusableScrollers(fragment) {
  for (const pre of fragment.querySelectorAll("pre")) pre.setAttribute("tabindex", "0");
  return fragment;
}

/**
 * Replace an element's children with sanitized author HTML.
 * @param {Element} element
 * @param {string} html
 */
export function setItemHtml(element, html) {
  element.replaceChildren(sanitizedFragment(html));
  return element;
}

/**
 * Plain text of author HTML, for places that cannot hold markup (an <option>, an aria-label).
 * @param {string} html
 */
export function itemText(html) {
  return (sanitizedFragment(html).textContent || "").replace(/\s+/g, " ").trim();
}

/**
 * Sanitize cloze text with placeholders for the gaps. Returns the fragment and the placeholder
 * elements in gap order; the caller swaps each placeholder for a form control. The placeholders
 * are empty spans with a random class name chosen per call, so author HTML cannot forge one.
 * @param {Array<{html?: string, gap?: string}>} segments
 */
export function clozeFragment(segments) {
  const marker = `certa-gap-${Math.random().toString(36).slice(2)}`;
  let html = "";
  let gaps = 0;
  for (const segment of segments) {
    if (typeof segment.gap === "string") {
      html += `<span class="${marker}"></span>`;
      gaps += 1;
    } else {
      html += String(segment.html ?? "");
    }
  }
  const fragment = purify(html);
  const placeholders = Array.from(fragment.querySelectorAll(`span.${marker}`)).slice(0, gaps);
  for (const placeholder of placeholders) placeholder.removeAttribute("class");
  return { fragment, placeholders };
}
