/* Answer tools on a module page: print my answers, export, import and erase.
 * Import checks the file's structure (format, module, ids, values, size), never the text of an
 * answer, and says what it will replace before it replaces anything. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};
  VW.MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  /* How many answers a record holds, for "this replaces …" questions. */
  VW.countAnswers = function (record) {
    var ratings = 0;
    record.rounds.forEach(function (round) { ratings += Object.keys(round.ratings).length; });
    return {
      ratings: ratings,
      reflections: Object.keys(record.reflections).filter(function (id) { return VW.AnswerStore.hasText(record.reflections[id]); }).length,
      ticks: Object.keys(record.checklist).filter(function (id) { return record.checklist[id] === true; }).length
    };
  };

  /* Read a learner's file: calls back with the parsed JSON, or with the reason to reject it. */
  VW.readAnswerFile = function (file, done) {
    if (file.size > VW.MAX_IMPORT_BYTES) return done(null, "import_reason_size");
    file.text().then(function (text) {
      try { done(JSON.parse(text), null); } catch (error) { done(null, "import_reason_json"); }
    }, function () { done(null, "import_reason_json"); });
  };

  VW.components["answer-tools"] = function (root) {
    var module = VW.readJson(root, "vw-module-data");
    if (!module) return;
    var store = VW.AnswerStore.open(module.id);
    var status = root.querySelector("[data-status]");

    function say(message) { status.textContent = message; }

    function reject(reasonKey) { say(VW.format(VW.ui.import_rejected, { reason: VW.ui[reasonKey] })); }

    function importFile(input) {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      VW.readAnswerFile(file, function (raw, reason) {
        if (reason) return reject(reason);
        var read = VW.AnswerStore.readFile(raw, module.id);  // a module's export, or this module out of "export all"
        if (read.reason) return reject(read.reason === "module" ? "import_reason_module" : "import_reason_shape");
        raw = read.records[module.id];
        var current = VW.countAnswers(store.read());
        if (current.ratings + current.reflections + current.ticks > 0) {
          var question = VW.format(VW.ui.import_confirm, {
            ratings: current.ratings, reflections: current.reflections, ticks: current.ticks,
            date: VW.formatDate(store.read().updated) || "–" });
          if (!window.confirm(question)) return say(VW.ui.import_cancelled);
        }
        store.replace(raw);
        say(VW.ui.imported);
      });
    }

    function exportAnswers() {
      VW.download("verbindend-werken-" + module.id + ".json", store.read());
    }

    function erase() {
      if (!window.confirm(VW.ui.erase_confirm)) return;
      store.replace(VW.AnswerStore.empty(module.id));
      say(VW.ui.erased);
    }

    /* "Print my answers": a compact report, the only thing on paper while printing. */
    function printAnswers() {
      var holder = root.querySelector("[data-print-report]");
      holder.textContent = "";
      holder.appendChild(document.createElement("h2")).textContent = module.title;
      holder.appendChild(VW.answerReport(module, store.read(), 3));
      document.body.classList.add("vw-printing-answers");
      window.addEventListener("afterprint", function done() {
        document.body.classList.remove("vw-printing-answers");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "print") printAnswers();
      if (action === "export") exportAnswers();
      if (action === "erase") erase();
    });
    root.querySelector("input[data-action=import]").addEventListener("change", function (event) {
      importFile(event.target);
    });
    root.querySelectorAll("[data-answer-tools]").forEach(function (element) { element.hidden = false; });
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
