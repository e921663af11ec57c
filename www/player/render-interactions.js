// Form controls for every interaction kind of a delivered item. Each renderer takes the item's
// `interaction` (as DeliveredForm carries it), the current response, and `onChange(response |
// null)`; it returns one element built with DOM APIs, with author HTML only through sanitize.js.
// The player never judges answers: it only shapes the learner's input into the response JSON.
import { h, uid } from "./dom.js";
import { setItemHtml, itemText, clozeFragment } from "./sanitize.js";

/**
 * Render the controls for one item.
 * @param {object} item delivered item
 * @param {{response: any, onChange: (r: any) => void, t: Function, announce: (msg: string) => void,
 *          labelledBy: string, disabled?: boolean}} ctx
 */
export function renderInteraction(item, ctx) {
  const interaction = item.interaction || {};
  const render = RENDERERS[interaction.type];
  const body = render ? render(interaction, ctx) : h("p", { text: ctx.t("error_generic", { message: interaction.type }) });
  return h("div", { class: "certa-interaction", dataset: { kind: String(interaction.type) } }, body);
}

function fieldset(ctx, legend, ...children) {
  return h("fieldset", { class: "certa-fieldset", "aria-describedby": ctx.labelledBy },
    h("legend", { text: legend }), ...children);
}

function choiceList(choices, type, name, isChecked, onToggle, ctx) {
  return h("ul", { class: "certa-choices", role: "presentation" }, choices.map((choice) => {
    const id = uid("certa-choice");
    const input = h("input", {
      type, id, name, value: choice.id, checked: isChecked(choice.id), disabled: ctx.disabled,
      onchange: (event) => onToggle(choice.id, event.target.checked),
    });
    const label = setItemHtml(h("label", { for: id, class: "certa-choice-label" }), choice.content);
    return h("li", { class: "certa-choice" }, input, label);
  }));
}

function singleChoice(interaction, ctx) {
  const name = uid("certa-radio");
  return fieldset(ctx, ctx.t("choose_one"),
    choiceList(interaction.choices || [], "radio", name, (id) => ctx.response === id,
      (id, on) => on && ctx.onChange(id), ctx));
}

function multipleResponse(interaction, ctx) {
  const chosen = new Set(Array.isArray(ctx.response) ? ctx.response : []);
  const max = Number(interaction.max_choices) || 0;
  const legend = max > 0 ? ctx.t("choose_up_to", { max, count: max }) : ctx.t("choose_many");
  const name = uid("certa-check");
  let list;
  const enforceMax = () => {
    if (!max) return;
    for (const box of list.querySelectorAll("input")) {
      box.disabled = Boolean(ctx.disabled) || (!box.checked && chosen.size >= max);
    }
  };
  list = choiceList(interaction.choices || [], "checkbox", name, (id) => chosen.has(id), (id, on) => {
    if (on) chosen.add(id); else chosen.delete(id);
    enforceMax();
    // Keep the form's choice order in the response.
    const ordered = (interaction.choices || []).map((c) => c.id).filter((c) => chosen.has(c));
    ctx.onChange(ordered.length ? ordered : null);
  }, ctx);
  enforceMax();
  return fieldset(ctx, legend, list);
}

function trueFalse(interaction, ctx) {
  const name = uid("certa-tf");
  const choices = [{ id: "true", label: ctx.t("true") }, { id: "false", label: ctx.t("false") }];
  return fieldset(ctx, ctx.t("true_false_legend"),
    h("ul", { class: "certa-choices", role: "presentation" }, choices.map((choice) => {
      const id = uid("certa-choice");
      return h("li", { class: "certa-choice" },
        h("input", {
          type: "radio", id, name, value: choice.id, disabled: ctx.disabled,
          checked: ctx.response === (choice.id === "true"),
          onchange: (event) => event.target.checked && ctx.onChange(choice.id === "true"),
        }),
        h("label", { for: id, class: "certa-choice-label", text: choice.label }));
    })));
}

function lengthHint(max, value, ctx) {
  if (!max) return null;
  const hint = h("p", { id: uid("certa-hint"), class: "certa-hint" });
  const update = (text) => { hint.textContent = ctx.t("characters_left", { count: Math.max(0, max - text.length) }); };
  update(value);
  hint.update = update;
  return hint;
}

function textEntry(interaction, ctx) {
  const id = uid("certa-text");
  const max = Number(interaction.max_length) || 0;
  const value = typeof ctx.response === "string" ? ctx.response : "";
  const hint = lengthHint(max, value, ctx);
  const input = h("input", {
    type: "text", id, value, maxlength: max || null, autocomplete: "off", spellcheck: "false",
    disabled: ctx.disabled, "aria-describedby": [ctx.labelledBy, hint?.id].filter(Boolean).join(" "),
    oninput: (event) => {
      hint?.update(event.target.value);
      ctx.onChange(event.target.value.trim() === "" ? null : event.target.value);
    },
  });
  return h("div", { class: "certa-field" }, h("label", { for: id, text: ctx.t("your_answer") }), input, hint);
}

function numeric(interaction, ctx) {
  const id = uid("certa-number");
  const unitId = interaction.unit ? uid("certa-unit") : null;
  const value = typeof ctx.response === "number" ? String(ctx.response) : "";
  const input = h("input", {
    type: "number", id, value, step: "any", inputmode: "decimal", disabled: ctx.disabled,
    "aria-describedby": [ctx.labelledBy, unitId].filter(Boolean).join(" "),
    oninput: (event) => {
      const text = event.target.value;
      const number = text === "" ? NaN : Number(text);
      ctx.onChange(Number.isFinite(number) ? number : null);
    },
  });
  return h("div", { class: "certa-field certa-numeric" },
    h("label", { for: id, text: ctx.t("your_answer") }),
    h("span", { class: "certa-number-row" }, input,
      interaction.unit ? h("span", { id: unitId, class: "certa-unit", "aria-label": ctx.t("unit", { unit: interaction.unit }), text: interaction.unit }) : null));
}

function extendedText(interaction, ctx) {
  const id = uid("certa-essay");
  const max = Number(interaction.max_length) || 0;
  const value = typeof ctx.response === "string" ? ctx.response : "";
  const hint = lengthHint(max, value, ctx);
  const area = h("textarea", {
    id, rows: 10, maxlength: max || null, disabled: ctx.disabled,
    "aria-describedby": [ctx.labelledBy, hint?.id].filter(Boolean).join(" "),
    oninput: (event) => {
      hint?.update(event.target.value);
      ctx.onChange(event.target.value.trim() === "" ? null : event.target.value);
    },
  });
  area.value = value;
  return h("div", { class: "certa-field" }, h("label", { for: id, text: ctx.t("your_answer") }), area, hint);
}

function ordering(interaction, ctx) {
  const steps = interaction.steps || [];
  const byId = new Map(steps.map((step) => [step.id, step]));
  const valid = Array.isArray(ctx.response) && ctx.response.length === steps.length
    && ctx.response.every((id) => byId.has(id));
  let order = valid ? [...ctx.response] : steps.map((step) => step.id);
  let answered = valid;
  const instructionsId = uid("certa-order-help");
  const list = h("ol", { class: "certa-ordering", "aria-describedby": instructionsId });
  const keep = h("button", {
    type: "button", class: "certa-secondary", text: ctx.t("keep_order"), disabled: ctx.disabled,
    onclick: () => { commit(); ctx.announce(ctx.t("order_recorded")); },
  });
  let dragged = null;

  const commit = () => {
    answered = true;
    keep.hidden = true;
    ctx.onChange([...order]);
  };
  const move = (from, to, focusDirection) => {
    if (to < 0 || to >= order.length) return;
    const [id] = order.splice(from, 1);
    order.splice(to, 0, id);
    draw();
    commit();
    ctx.announce(ctx.t("moved_to", { step: itemText(byId.get(id).content), position: to + 1, total: order.length }));
    const row = list.children[to];
    const target = row?.querySelector(`[data-move="${focusDirection}"]:not([disabled])`)
      || row?.querySelector("button:not([disabled])");
    target?.focus();
  };
  const draw = () => {
    list.replaceChildren(...order.map((id, index) => {
      const step = byId.get(id);
      const text = itemText(step.content);
      const row = h("li", {
        class: "certa-step", draggable: ctx.disabled ? null : "true", dataset: { stepId: id },
        ondragstart: (event) => { dragged = index; event.dataTransfer.effectAllowed = "move"; event.dataTransfer.setData("text/plain", id); row.classList.add("certa-dragging"); },
        ondragend: () => row.classList.remove("certa-dragging"),
        ondragover: (event) => { event.preventDefault(); event.dataTransfer.dropEffect = "move"; },
        ondrop: (event) => { event.preventDefault(); if (dragged !== null && dragged !== index) move(dragged, index, "up"); dragged = null; },
      },
      h("span", { class: "certa-step-grip", "aria-hidden": "true", text: "⠿" }),
      setItemHtml(h("span", { class: "certa-step-content" }), step.content),
      h("span", { class: "certa-step-buttons" },
        h("button", { type: "button", class: "certa-icon-button", dataset: { move: "up" }, "aria-label": ctx.t("move_up", { step: text }), disabled: ctx.disabled || index === 0, onclick: () => move(index, index - 1, "up"), text: "↑" }),
        h("button", { type: "button", class: "certa-icon-button", dataset: { move: "down" }, "aria-label": ctx.t("move_down", { step: text }), disabled: ctx.disabled || index === order.length - 1, onclick: () => move(index, index + 1, "down"), text: "↓" })));
      return row;
    }));
  };
  draw();
  keep.hidden = answered;
  return h("div", { class: "certa-field" },
    h("p", { id: instructionsId, class: "certa-hint", text: ctx.t("ordering_instructions") }), list, keep);
}

function matching(interaction, ctx) {
  const sources = interaction.sources || [];
  const targets = interaction.targets || [];
  const perSource = Math.max(1, Number(interaction.max_targets_per_source) || 1);
  const pairs = new Map();
  if (Array.isArray(ctx.response)) {
    for (const pair of ctx.response) {
      if (!Array.isArray(pair)) continue;
      if (!pairs.has(pair[0])) pairs.set(pair[0], new Set());
      pairs.get(pair[0]).add(pair[1]);
    }
  }
  const emit = () => {
    const response = [];
    for (const source of sources) {
      for (const target of targets) {
        if (pairs.get(source.id)?.has(target.id)) response.push([source.id, target.id]);
      }
    }
    ctx.onChange(response.length ? response : null);
  };
  const rows = sources.map((source) => {
    if (perSource === 1) {
      const id = uid("certa-match");
      const current = [...(pairs.get(source.id) || [])][0] || "";
      const select = h("select", {
        id, disabled: ctx.disabled,
        onchange: (event) => {
          if (event.target.value) pairs.set(source.id, new Set([event.target.value]));
          else pairs.delete(source.id);
          emit();
        },
      },
      h("option", { value: "", text: ctx.t("matching_choose") }),
      targets.map((target) => h("option", { value: target.id, selected: target.id === current, text: itemText(target.content) })));
      return h("div", { class: "certa-match-row" },
        setItemHtml(h("label", { for: id, class: "certa-match-source" }), source.content), select);
    }
    const name = uid("certa-match");
    return fieldset(ctx, itemText(source.content),
      choiceList(targets, "checkbox", name, (id) => pairs.get(source.id)?.has(id), (id, on) => {
        if (!pairs.has(source.id)) pairs.set(source.id, new Set());
        if (on) pairs.get(source.id).add(id); else pairs.get(source.id).delete(id);
        emit();
      }, ctx));
  });
  return fieldset(ctx, ctx.t("matching_instructions"), ...rows);
}

function cloze(interaction, ctx) {
  const gaps = interaction.gaps || [];
  const values = ctx.response && typeof ctx.response === "object" && !Array.isArray(ctx.response)
    ? { ...ctx.response } : {};
  const emit = () => {
    const response = {};
    for (const gap of gaps) {
      if (typeof values[gap.id] === "string" && values[gap.id].trim() !== "") response[gap.id] = values[gap.id];
    }
    ctx.onChange(Object.keys(response).length ? response : null);
  };
  const segments = interaction.segments || [];
  const { fragment, placeholders } = clozeFragment(segments);
  const gapOrder = segments.filter((s) => typeof s.gap === "string").map((s) => s.gap);
  const byId = new Map(gaps.map((gap) => [gap.id, gap]));
  placeholders.forEach((placeholder, index) => {
    const gap = byId.get(gapOrder[index]);
    if (!gap) return;
    const label = ctx.t("gap_label", { n: index + 1, total: placeholders.length });
    let control;
    if (gap.kind === "choice") {
      control = h("select", {
        class: "certa-gap", "aria-label": label, disabled: ctx.disabled,
        onchange: (event) => { values[gap.id] = event.target.value; emit(); },
      },
      h("option", { value: "", text: ctx.t("gap_choose") }),
      (gap.choices || []).map((choice) => h("option", { value: choice.id, selected: values[gap.id] === choice.id, text: itemText(choice.content) })));
    } else {
      control = h("input", {
        type: "text", class: "certa-gap", "aria-label": label, autocomplete: "off", spellcheck: "false",
        size: 12, value: values[gap.id] || "", disabled: ctx.disabled,
        oninput: (event) => { values[gap.id] = event.target.value; emit(); },
      });
    }
    placeholder.replaceWith(control);
  });
  return fieldset(ctx, ctx.t("cloze_instructions"), h("div", { class: "certa-cloze" }, fragment));
}

const RENDERERS = {
  single_choice: singleChoice,
  multiple_response: multipleResponse,
  true_false: trueFalse,
  text_entry: textEntry,
  numeric,
  ordering,
  matching,
  cloze,
  extended_text: extendedText,
};
