/* Module progress on the training overview: each card's state for this learner (not started,
 * in progress with how much is answered, done), the same state along the onboarding route,
 * and a "continue where you left off" link to the module worked on last. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  VW.stateText = function (progress) {
    if (progress.state === "done") return VW.ui.state_done;
    if (progress.state === "in-progress") return VW.format(VW.ui.state_in_progress, progress);
    return VW.ui.state_not_started;
  };

  function sameAddress(a, b) {
    return a.replace(/index\.html$/, "") === b.replace(/index\.html$/, "");
  }

  VW.components["module-progress"] = function (root) {
    var modules = VW.readJson(root, "vw-modules-data") || [];
    var records = VW.AnswerStore.everything().records;
    var route = document.querySelectorAll("#onboarding-path ~ ol a[href]");
    var latest = null;

    modules.forEach(function (module) {
      var record = records[module.id] || null;
      var progress = VW.AnswerStore.progress(record, VW.shapeOf(module));
      var state = root.querySelector('[data-module-state="' + module.id + '"]');
      state.textContent = VW.stateText(progress);
      state.className = "vw-state vw-state--" + progress.state;
      state.hidden = false;
      var address = new URL(module.url, location.href).href;
      route.forEach(function (link) {
        if (!sameAddress(link.href, address) || link.parentNode.querySelector(".vw-state")) return;
        var badge = document.createElement("span");
        badge.className = "vw-state vw-state--" + progress.state;
        badge.textContent = VW.stateText(progress);
        link.insertAdjacentElement("afterend", badge);
      });
      if (record && record.updated && (!latest || record.updated > latest.updated)) {
        latest = { module: module, updated: record.updated };
      }
    });

    if (latest) {
      var holder = root.querySelector("[data-continue]");
      var link = holder.querySelector("a");
      link.href = latest.module.url;
      link.textContent = VW.format(VW.ui.continue_where, { title: latest.module.title });
      holder.hidden = false;
    }
    VW.showStoreProblems(root, VW.AnswerStore.problems());
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
