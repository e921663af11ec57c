// Navigation chrome: the question palette (answered / flagged / unanswered, aria-current on the
// current question), the previous / flag / next / review toolbar, and the progress bar.
import { h } from "./dom.js";

/**
 * The question palette: one button per item.
 * @param {{total: number, current: number, answered: Set<string>, flagged: Set<string>,
 *          itemIds: string[], canGoTo: (i: number) => boolean, onGoTo: (i: number) => void, t: Function}} view
 */
export function renderPalette(view) {
  const { t } = view;
  const buttons = view.itemIds.map((id, index) => {
    const answered = view.answered.has(id);
    const flagged = view.flagged.has(id);
    const state = t(answered ? "state_answered" : "state_unanswered");
    const label = t(flagged ? "palette_item_flagged" : "palette_item", { n: index + 1, state });
    const classes = ["certa-palette-button", answered ? "is-answered" : "is-unanswered", flagged ? "is-flagged" : ""];
    return h("li", {},
      h("button", {
        type: "button", class: classes.join(" ").trim(), "aria-label": label,
        "aria-current": index === view.current ? "step" : null,
        disabled: !view.canGoTo(index), dataset: { index: String(index) },
        onclick: () => view.onGoTo(index),
      }, String(index + 1), flagged ? h("span", { class: "certa-flag-mark", "aria-hidden": "true", text: "⚑" }) : null));
  });
  return h("nav", { class: "certa-palette", "aria-label": t("palette") },
    h("ol", { class: "certa-palette-list" }, buttons),
    h("ul", { class: "certa-palette-legend", "aria-hidden": "true" },
      h("li", {}, h("span", { class: "certa-swatch is-answered" }), t("legend_answered")),
      h("li", {}, h("span", { class: "certa-swatch is-unanswered" }), t("legend_unanswered")),
      h("li", {}, h("span", { class: "certa-swatch is-flagged" }, "⚑"), t("legend_flagged")),
      h("li", {}, h("span", { class: "certa-swatch is-current" }), t("legend_current"))));
}

/**
 * Previous / flag / next / review-and-submit.
 * @param {{current: number, total: number, flagged: boolean, canPrevious: boolean, t: Function,
 *          onPrevious: Function, onNext: Function, onFlag: Function, onReview: Function}} view
 */
export function renderToolbar(view) {
  const { t } = view;
  const last = view.current >= view.total - 1;
  return h("div", { class: "certa-toolbar" },
    h("button", { type: "button", class: "certa-secondary", dataset: { action: "previous" }, disabled: !view.canPrevious, onclick: view.onPrevious, text: `← ${t("previous")}` }),
    h("button", {
      type: "button", class: "certa-secondary certa-flag-button", dataset: { action: "flag" },
      "aria-pressed": view.flagged ? "true" : "false", onclick: view.onFlag,
    }, h("span", { "aria-hidden": "true", text: "⚑ " }), t("flag")),
    last
      ? h("button", { type: "button", class: "certa-primary", dataset: { action: "review" }, onclick: view.onReview, text: t("review_and_submit") })
      : h("button", { type: "button", class: "certa-primary", dataset: { action: "next" }, onclick: view.onNext, text: `${t("next")} →` }));
}

/**
 * Progress: "n of N answered" with a native <progress>.
 * @param {{answered: number, total: number, t: Function}} view
 */
export function renderProgress(view) {
  const { t } = view;
  const text = t("progress", { answered: view.answered, total: view.total });
  return h("div", { class: "certa-progress" },
    h("progress", { max: String(view.total), value: String(view.answered), "aria-label": t("progress_label"), "aria-valuetext": text }),
    h("span", { class: "certa-progress-text", text }));
}
