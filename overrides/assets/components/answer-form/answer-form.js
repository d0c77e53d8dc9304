/* Answer form: binds a module page's ratings, reflections and checklist to the answer store.
 * Each change writes only the answer that changed; changes from another tab (or the LMS) fill
 * the form again, except the field the learner is typing in. Text is only ever a form value. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  VW.components["answer-form"] = function (root) {
    var module = VW.readJson(root, "vw-module-data");
    if (!module) return;
    var store = VW.AnswerStore.open(module.id);
    VW.moduleStore = store;  // the LMS bridge attaches to the same store

    function fill(record) {
      var ratings = VW.AnswerStore.currentRound(record).ratings;
      root.querySelectorAll("[data-statement]").forEach(function (group) {
        var value = ratings[group.getAttribute("data-statement")];
        group.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = radio.value === value; });
      });
      root.querySelectorAll("[data-answer=reflection]").forEach(function (area) {
        var value = record.reflections[area.getAttribute("data-id")];
        value = typeof value === "string" ? value : "";
        if (area !== document.activeElement && area.value !== value) area.value = value;
      });
      root.querySelectorAll("[data-answer=checklist]").forEach(function (box) {
        box.checked = record.checklist[box.getAttribute("data-id")] === true;
      });
      showNewRound(record);
    }

    function showNewRound(record) {
      root.querySelector("[data-rounds]").hidden = !record.rounds.some(function (round) {
        return Object.keys(round.ratings).length > 0;
      });
    }

    function record(event) {
      var target = event.target;
      var group = target.closest("[data-statement]");
      if (group && target.type === "radio") {
        store.change(function (answers, round) {
          if (!round.started) round.started = new Date().toISOString();
          round.ratings[group.getAttribute("data-statement")] = target.value;
        });
      } else if (target.getAttribute("data-answer") === "reflection") {
        store.change(function (answers) { answers.reflections[target.getAttribute("data-id")] = target.value; });
      } else if (target.getAttribute("data-answer") === "checklist") {
        store.change(function (answers) { answers.checklist[target.getAttribute("data-id")] = target.checked; });
      }
    }

    /* Before and after: a new round keeps the earlier ratings with their date. */
    function newRound() {
      if (!window.confirm(VW.ui.new_round_confirm)) return;
      fill(store.change(function (answers) { answers.rounds.push({ started: new Date().toISOString(), ratings: {} }); }));
      root.querySelector("[data-status]").textContent = VW.ui.new_round_started;
      var first = root.querySelector("[data-statement] input[type=radio]");
      if (first) first.focus();
    }

    store.subscribe(function (answers, reason, problems) {
      if (reason === "change") showNewRound(answers);
      else fill(answers);
      VW.showStoreProblems(root, problems);
      if (VW.summarise) VW.summarise(root, module, answers);
    });
    root.addEventListener("change", record);
    root.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") record(event);
    });
    root.addEventListener("click", function (event) {
      if (event.target.closest("button[data-action=new-round]")) newRound();
    });
    var answers = store.read();
    fill(answers);
    VW.showStoreProblems(root, store.problems);
    if (VW.summarise) VW.summarise(root, module, answers);
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
