// The answer of one item, read from the package JSON the preview loaded (the delivered form
// never carries keys). Choices are listed in the order this form shows them, the keyed ones
// marked in words as well as style. Author HTML goes through the player's sanitizer.
import { h } from "../player/dom.js";
import { setItemHtml } from "../player/sanitize.js";

/**
 * @param {object | undefined} source the item as written in the package JSON
 * @param {object} delivered the item as delivered on the form (form order of choices)
 * @param {Function} t
 */
export function renderAnswer(source, delivered, t) {
  const box = h("div", { class: "answer", dataset: { kind: delivered.interaction?.type ?? "" } },
    h("p", { class: "answer-label", text: t("answer") }));
  const interaction = source?.interaction;
  if (!interaction) {
    box.append(h("p", { class: "answer-missing", text: t("key_missing") }));
    return box;
  }
  box.append(...keyOf(interaction, delivered.interaction ?? {}, t));
  return box;
}

function html(tag, content, props = {}) {
  return setItemHtml(h(tag, props), content);
}

function choiceList(choices, isKey, t) {
  return h("ul", { class: "choice-list" }, choices.map((choice) => {
    const correct = isKey(choice.id);
    return h("li", { class: correct ? "is-key" : null, dataset: { choice: choice.id, key: String(correct) } },
      html("span", choice.content, { class: "choice-content" }),
      correct ? h("strong", { class: "key-marker", text: ` (${t("correct_marker")})` }) : null);
  }));
}

function keyOf(interaction, shown, t) {
  const contentOf = (list) => new Map((list ?? []).map((c) => [c.id, c.content]));
  switch (interaction.type) {
    case "single_choice":
      return [choiceList(shown.choices ?? interaction.choices, (id) => id === interaction.key, t)];
    case "multiple_response": {
      const keys = new Set(interaction.keys ?? []);
      return [choiceList(shown.choices ?? interaction.choices, (id) => keys.has(id), t)];
    }
    case "true_false":
      return [h("p", { class: "key-value", text: t("key_true_false", { value: interaction.key ? t("true") : t("false") }) })];
    case "text_entry":
      return [h("p", { class: "key-value" }, t("key_text", { answers: accepted(interaction.answers) }),
        interaction.case_sensitive ? ` ${t("key_case_sensitive")}` : null)];
    case "numeric":
      return [h("p", { class: "key-value", text: numeric(interaction.key ?? {}, t) + (interaction.unit ? ` ${interaction.unit}` : "") })];
    case "ordering": {
      const content = contentOf(interaction.choices);
      return [h("p", { text: t("key_ordering") }),
        h("ol", { class: "key-order" }, (interaction.key ?? []).map((id) => html("li", content.get(id) ?? id, { dataset: { step: id } })))];
    }
    case "matching": {
      const sources = contentOf(interaction.sources);
      const targets = contentOf(interaction.targets);
      return [h("p", { text: t("key_matching") }),
        h("ul", { class: "key-pairs" }, (interaction.key ?? []).map(([s, target]) =>
          h("li", { dataset: { source: s, target } },
            html("span", sources.get(s) ?? s), " → ", html("span", targets.get(target) ?? target))))];
    }
    case "cloze":
      return [h("ul", { class: "key-gaps" }, (interaction.gaps ?? []).map((gap) => {
        if (gap.kind === "choice") {
          const choice = (gap.choices ?? []).find((c) => c.id === gap.key);
          return h("li", { dataset: { gap: gap.id } }, `${t("key_gap_choice", { gap: gap.id, choice: "" })}`,
            html("span", choice?.content ?? gap.key ?? ""));
        }
        return h("li", { dataset: { gap: gap.id }, text: t("key_gap_text", { gap: gap.id, answers: accepted(gap.answers) }) });
      }))];
    case "extended_text":
      return [h("p", { text: t("key_extended") }),
        interaction.rubric ? h("div", { class: "key-rubric" }, h("p", { text: t("key_rubric") }), html("div", interaction.rubric)) : null];
    default:
      return [h("p", { text: interaction.type })];
  }
}

function accepted(answers) {
  return (answers ?? []).map((a) => (a.points !== undefined ? `“${a.value}” (${a.points})` : `“${a.value}”`)).join(", ");
}

function numeric(key, t) {
  if (key.value === undefined || key.value === null) return t("key_numeric_range", { min: key.min, max: key.max });
  if (key.absolute_tolerance) return t("key_numeric_abs", { value: key.value, tolerance: key.absolute_tolerance });
  if (key.relative_tolerance) return t("key_numeric_rel", { value: key.value, percent: key.relative_tolerance * 100 });
  return t("key_numeric_value", { value: key.value });
}
