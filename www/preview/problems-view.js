// The validation problems of a package the engine rejected: one list entry per problem, with its
// JSON path, from the CertaError's `problems` (or its `path` and message when there is no list).
import { h } from "../player/dom.js";

/**
 * @param {any} error a CertaError from `Package.load` (or any Error)
 * @param {Function} t
 */
export function renderProblems(error, t) {
  const problems = Array.isArray(error?.problems) && error.problems.length
    ? error.problems
    : [{ path: error?.path ?? "", message: String(error?.message ?? error) }];
  return h("section", { class: "preview-problems", "aria-labelledby": "problems-heading", role: "alert" },
    h("h2", { id: "problems-heading", text: t("problems_heading") }),
    h("p", { text: t("problems_intro", { count: problems.length }) }),
    h("ul", { class: "problem-list" }, problems.map((problem) =>
      h("li", { class: "problem", dataset: { path: problem.path ?? "" } },
        problem.path ? h("code", { class: "problem-path", text: problem.path }) : null,
        problem.path ? " " : null,
        h("span", { class: "problem-message", text: problem.message })))));
}
