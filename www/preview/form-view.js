// One assembled form as the instructor sees it: each item in form order with its stem (and set
// stimulus), the domain, points and outcomes, and the answer from the package JSON.
import { h } from "../player/dom.js";
import { setItemHtml } from "../player/sanitize.js";
import { renderAnswer } from "./answer-key.js";

/**
 * @param {import("../../pkg/certa.js").DeliveredForm} form
 * @param {{t: Function, itemsById: Map<string, object>, heading: string, headingLevel?: number, open?: boolean}} view
 */
export function renderForm(form, view) {
  const { t, itemsById } = view;
  const points = form.items.reduce((sum, item) => sum + (item.points ?? 0), 0);
  const details = h("details", { class: "sample-form", open: view.open ?? false, dataset: { seed: form.seed, items: String(form.items.length) } },
    h("summary", {}, h("span", { class: "form-heading", text: view.heading }), " — ",
      t("form_summary", { items: form.items.length, points: t.number(points, 2) })));
  const list = h("ol", { class: "form-items" });
  let lastSet = null;
  form.items.forEach((item, index) => {
    const source = itemsById.get(item.id);
    const outcomes = (source?.outcomes ?? []).map((a) => a.outcome).join(", ") || "—";
    const entry = h("li", { class: "form-item", dataset: { itemId: item.id, domain: item.domain } });
    if (item.set?.stimulus && item.set.id !== lastSet) {
      entry.append(h("div", { class: "stimulus" },
        h("p", { class: "stimulus-title", text: t("set_stimulus", { id: item.set.id, title: item.set.title ?? "" }) }),
        setItemHtml(h("div"), item.set.stimulus)));
    }
    lastSet = item.set?.id ?? null;
    entry.append(
      h("p", { class: "item-heading", text: t("item_heading", { n: index + 1, id: item.id }) }),
      h("p", { class: "item-meta", text: t("item_meta", { domain: item.domain, points: t("points", { count: item.points ?? 1 }), outcomes }) }),
      setItemHtml(h("div", { class: "item-stem" }), item.stem),
      renderAnswer(source, item, t));
    list.append(entry);
  });
  details.append(list);
  return details;
}
