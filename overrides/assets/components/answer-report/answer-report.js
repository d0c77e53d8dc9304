/* Answer report: one module's answers as a compact read-only document (one line per statement
 * with the chosen label, every reflection in full, the checklist ticks), plus answers kept for
 * ids the module no longer has. Used by "print my answers" and by the portfolio. Text only. */
(function (VW) {
  "use strict";

  function ratingLabel(module, value) {
    if (value === "na") return module.not_applicable || "–";
    var index = Number(value);
    return index >= 1 && index <= 5 ? index + " – " + module.scale[index - 1] : VW.ui.no_answer;
  }

  function roundsWithRatings(record) {
    return record.rounds.filter(function (round) { return Object.keys(round.ratings).length > 0; });
  }

  VW.answerReport = function (module, record, headingLevel) {
    var level = headingLevel || 3;
    var report = VW.element("div", "vw-report");
    var known = { ratings: {}, reflections: {}, checklist: {} };
    var rounds = roundsWithRatings(record);
    if (!rounds.length) rounds = [VW.AnswerStore.currentRound(record)];

    report.appendChild(VW.element("h" + level, "", VW.ui.self_assessment));
    rounds.forEach(function (round, index) {
      if (rounds.length > 1) {
        report.appendChild(VW.element("p", "vw-report__round",
          VW.format(VW.ui.round_label, { number: index + 1, date: VW.formatDate(round.started) || "–" })));
      }
      var list = report.appendChild(VW.element("ul", "vw-report__ratings"));
      module.themes.forEach(function (theme) {
        theme.statements.forEach(function (statement) {
          known.ratings[statement.id] = true;
          var item = list.appendChild(VW.element("li"));
          item.appendChild(VW.element("span", "vw-report__statement", statement.text));
          item.appendChild(VW.element("span", "vw-report__rating",
            statement.id in round.ratings ? ratingLabel(module, round.ratings[statement.id]) : VW.ui.no_answer));
        });
      });
    });

    report.appendChild(VW.element("h" + level, "", VW.ui.reflection));
    module.reflections.forEach(function (reflection) {
      known.reflections[reflection.id] = true;
      report.appendChild(VW.element("p", "vw-report__question", reflection.question));
      var text = record.reflections[reflection.id];
      report.appendChild(VW.element("p", VW.AnswerStore.hasText(text) ? "vw-report__text" : "vw-report__text vw-report__text--empty",
                                 VW.AnswerStore.hasText(text) ? text : VW.ui.no_answer));
    });

    report.appendChild(VW.element("h" + level, "", VW.ui.checklist));
    var checklist = report.appendChild(VW.element("ul", "vw-report__checklist"));
    module.checklist.forEach(function (item) {
      known.checklist[item.id] = true;
      var ticked = record.checklist[item.id] === true;
      var line = checklist.appendChild(VW.element("li", ticked ? "is-ticked" : ""));
      line.appendChild(VW.element("span", "vw-report__tick", ticked ? "☑" : "☐")).setAttribute("aria-hidden", "true");
      line.appendChild(VW.element("span", "vw-visually-hidden", ticked ? VW.ui.ticked : VW.ui.not_ticked));
      line.appendChild(document.createTextNode(" " + item.text));
    });

    var kept = keptAnswers(record, known, module);
    if (kept.length) {
      report.appendChild(VW.element("h" + level, "", VW.ui.kept_answers));
      report.appendChild(VW.element("p", "", VW.ui.kept_answers_intro));
      var keptList = report.appendChild(VW.element("dl", "vw-report__kept"));
      kept.forEach(function (answer) {
        keptList.appendChild(VW.element("dt", "", answer.label));
        keptList.appendChild(VW.element("dd", "vw-report__text", answer.value));
      });
    }
    return report;
  };

  /* Answers whose ids the module no longer has: kept, and shown here. */
  function keptAnswers(record, known, module) {
    var kept = [];
    record.rounds.forEach(function (round) {
      Object.keys(round.ratings).forEach(function (id) {
        if (!known.ratings[id]) kept.push({ label: VW.ui.self_assessment + " · " + id, value: ratingLabel(module, round.ratings[id]) });
      });
    });
    Object.keys(record.reflections).forEach(function (id) {
      if (!known.reflections[id] && typeof record.reflections[id] === "string") {
        kept.push({ label: VW.ui.reflection + " · " + id, value: record.reflections[id] });
      }
    });
    Object.keys(record.checklist).forEach(function (id) {
      if (!known.checklist[id]) kept.push({ label: VW.ui.checklist + " · " + id, value: record.checklist[id] ? VW.ui.ticked : VW.ui.not_ticked });
    });
    return kept;
  }
})(window.VerbindendWerken = window.VerbindendWerken || {});
