/* Store message: tells the learner, in the page's language, when this browser does not keep their
 * answers after the page is closed (and how to save them), or when an unreadable record was put aside.
 * Inside a learning platform that answers (data-lms-live on the root), the platform keeps the answers:
 * the message says so instead. */
(function (VW) {
  "use strict";
  var TEXTS = { "storage-failed": "store_failed", "backed-up": "store_backed_up" };

  VW.showStoreProblems = function (root, problems) {
    var element = root.querySelector("[data-store-message]");
    if (!element) return;
    var inPlatform = root.hasAttribute("data-lms-live");
    var text = problems.map(function (kind) {
      return VW.ui[kind === "storage-failed" && inPlatform ? "store_failed_lms" : TEXTS[kind]];
    }).filter(Boolean).join(" ");
    if (element.textContent !== text) element.textContent = text;
    element.hidden = !text;
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
