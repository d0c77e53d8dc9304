/* Summary chart: each theme's average on a 1–5 axis, one bar per round (before and after side
 * by side), as a real table with numbers in the page's locale; then what to work on. */
(function (VW) {
  "use strict";

  function average(theme, ratings) {
    var scores = theme.statements.map(function (s) { return Number(ratings[s.id]); })
      .filter(function (n) { return n >= 1 && n <= 5; });
    return scores.length ? { value: scores.reduce(function (a, b) { return a + b; }, 0) / scores.length,
                             count: scores.length } : null;
  }

  function roundName(round, index) {
    return VW.format(VW.ui.round_label, { number: index + 1, date: VW.formatDate(round.started) || "–" });
  }

  /* The rounds that hold ratings, oldest first, each with its number. */
  function ratedRounds(record) {
    return record.rounds.map(function (round, index) { return { round: round, index: index }; })
      .filter(function (item) { return Object.keys(item.round.ratings).length > 0; });
  }

  /* The chart as a table element (also used by the portfolio); null when nothing is rated. */
  VW.summaryTable = function (module, record) {
    var rounds = ratedRounds(record);
    if (!rounds.length) return null;
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined,
                                       { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    var table = VW.element("table", "vw-chart");
    var head = table.createTHead().insertRow();
    head.appendChild(VW.element("th", "", VW.ui.theme)).scope = "col";
    rounds.forEach(function (item) { head.appendChild(VW.element("th", "", roundName(item.round, item.index))).scope = "col"; });
    var body = table.createTBody();
    module.themes.forEach(function (theme) {
      var row = body.insertRow();
      row.appendChild(VW.element("th", "", theme.title)).scope = "row";
      rounds.forEach(function (item) {
        var cell = row.insertCell();
        var score = average(theme, item.round.ratings);
        var bar = cell.appendChild(VW.element("span", "vw-chart__track"));
        bar.setAttribute("aria-hidden", "true");
        var fill = bar.appendChild(VW.element("span", "vw-chart__bar vw-chart__bar--round" + Math.min(item.index, 3)));
        fill.style.setProperty("--vw-score", score ? (score.value - 1) / 4 : 0);
        if (!score) fill.hidden = true;
        cell.appendChild(VW.element("span", "vw-chart__value", score ? number.format(score.value) : "–"));
      });
    });
    var axis = table.createTFoot().insertRow();
    axis.className = "vw-chart__axis";
    axis.appendChild(VW.element("td", "", VW.ui.chart_axis));
    rounds.forEach(function () {
      var cell = axis.insertCell();
      var ticks = cell.appendChild(VW.element("span", "vw-chart__ticks"));
      for (var tick = 1; tick <= 5; tick++) ticks.appendChild(VW.element("span", "", String(tick)));
    });
    return table;
  };

  /* The module page's summary section. */
  VW.summarise = function (root, module, record) {
    var section = root.querySelector("[data-summary]");
    var holder = section.querySelector("[data-summary-chart]");
    var workOn = section.querySelector("[data-summary-work-on]");
    var list = workOn.querySelector("ul");
    var table = VW.summaryTable(module, record);
    section.hidden = false;
    holder.textContent = "";
    list.textContent = "";
    holder.appendChild(table || VW.element("p", "", VW.ui.summary_empty));
    workOn.hidden = !table;
    if (!table) return;
    var ratings = VW.AnswerStore.currentRound(record).ratings;
    module.themes.forEach(function (theme) {
      theme.statements.forEach(function (statement) {
        var value = Number(ratings[statement.id]);
        if (value >= 1 && value <= 2) list.appendChild(VW.element("li", "", statement.text));
      });
    });
    if (!list.children.length) list.appendChild(VW.element("li", "", VW.ui.work_on_none));
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
