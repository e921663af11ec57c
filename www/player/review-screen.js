// The review screen before submit: how many questions are answered, links to every unanswered
// and every flagged question, a way back, and the submit button.
import { h } from "./dom.js";

/**
 * @param {{itemIds: string[], answered: Set<string>, flagged: Set<string>, t: Function,
 *          canGoTo: (i: number) => boolean, onGoTo: (i: number) => void, onBack: () => void,
 *          onSubmit: () => void}} view
 */
export function renderReview(view) {
  const { t } = view;
  const total = view.itemIds.length;
  const indexesWhere = (test) => view.itemIds.map((id, i) => (test(id) ? i : -1)).filter((i) => i >= 0);
  const unanswered = indexesWhere((id) => !view.answered.has(id));
  const flagged = indexesWhere((id) => view.flagged.has(id));
  const links = (indexes) => h("ul", { class: "certa-review-list" }, indexes.map((index) =>
    h("li", {}, h("button", {
      type: "button", class: "certa-link-button", disabled: !view.canGoTo(index),
      onclick: () => view.onGoTo(index), text: t("review_go_to", { n: index + 1 }),
    }))));
  const heading = h("h2", { class: "certa-screen-heading", tabindex: "-1", text: t("review_heading") });
  return h("section", { class: "certa-review", "aria-labelledby": "certa-review-heading" },
    Object.assign(heading, { id: "certa-review-heading" }),
    h("p", { class: "certa-review-summary", text: t("review_summary", { answered: total - unanswered.length, total }) }),
    h("h3", { text: t("review_unanswered") }),
    unanswered.length ? links(unanswered) : h("p", { text: t("review_none_unanswered") }),
    h("h3", { text: t("review_flagged") }),
    flagged.length ? links(flagged) : h("p", { text: t("review_none_flagged") }),
    unanswered.length ? h("p", { class: "certa-warning", text: t("submit_confirm_unanswered", { count: unanswered.length }) }) : null,
    h("div", { class: "certa-toolbar" },
      h("button", { type: "button", class: "certa-secondary", dataset: { action: "back" }, onclick: view.onBack, text: `← ${t("review_back")}` }),
      h("button", { type: "button", class: "certa-primary", dataset: { action: "submit" }, onclick: view.onSubmit, text: t("submit") })));
}
