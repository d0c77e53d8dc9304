/* Store message: tells the learner, in the page's language, when their answers cannot be kept
 * in this browser or when an unreadable record was put aside, and what to do about it. */
(function (VW) {
  "use strict";
  var TEXTS = { "storage-failed": "store_failed", "backed-up": "store_backed_up" };

  VW.showStoreProblems = function (root, problems) {
    var element = root.querySelector("[data-store-message]");
    if (!element) return;
    var text = problems.map(function (kind) { return VW.ui[TEXTS[kind]]; }).filter(Boolean).join(" ");
    if (element.textContent !== text) element.textContent = text;
    element.hidden = !text;
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
