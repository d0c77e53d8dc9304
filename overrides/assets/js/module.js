/* Self-assessment on module pages: answers are kept in this browser (localStorage) only.
 *
 * Progressive enhancement: without JavaScript the page is a plain paper form.
 * Answers are keyed by the module's stable ids, never by text, so they survive
 * a reload, a browser restart and a switch to another language of the page.
 * Imported files are validated against the ids on the page; their text is only
 * ever assigned to form values, never inserted as HTML.
 */
(function () {
  "use strict";
  var root = document.querySelector(".vw-module");
  var dataElement = document.getElementById("vw-module-data");
  if (!root || !dataElement) return;
  var data = JSON.parse(dataElement.textContent);
  var ui = data.ui;
  var moduleId = data.module;
  var storageKey = "verbindend-werken:answers:" + moduleId;
  var FORMAT = "verbindend-werken/answers";
  var MAX_IMPORT_BYTES = 200 * 1024;
  var MAX_TEXT = 20000;
  var MARKUP = /<\s*\/?\s*[a-z!]|javascript:|\bon[a-z]+\s*=/i;
  var status = root.querySelector("[data-status]");

  function emptyAnswers() {
    return { format: FORMAT, version: 1, module: moduleId, ratings: {}, reflections: {}, checklist: {} };
  }

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(storageKey));
      return validate(stored) ? stored : emptyAnswers();
    } catch (error) {
      return emptyAnswers();
    }
  }

  function save(answers) {
    answers.updated = new Date().toISOString();
    localStorage.setItem(storageKey, JSON.stringify(answers));
  }

  function say(message) {
    status.textContent = message;
  }

  /* ---- what the page offers: the only ids and values an answer file may hold */
  function knownIds(selector, attribute) {
    var ids = {};
    root.querySelectorAll(selector).forEach(function (element) { ids[element.getAttribute(attribute)] = true; });
    return ids;
  }
  var statementIds = knownIds("[data-statement]", "data-statement");
  var reflectionIds = knownIds("[data-answer=reflection]", "data-id");
  var checklistIds = knownIds("[data-answer=checklist]", "data-id");
  var ratingValues = { "1": true, "2": true, "3": true, "4": true, "5": true, "na": true };

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validMap(map, ids, validValue) {
    if (!isPlainObject(map)) return false;
    return Object.keys(map).every(function (key) {
      return Object.prototype.hasOwnProperty.call(ids, key) && validValue(map[key]);
    });
  }

  function validate(answers) {
    return isPlainObject(answers) && answers.format === FORMAT && answers.version === 1 &&
      answers.module === moduleId &&
      validMap(answers.ratings, statementIds, function (v) { return typeof v === "string" && ratingValues[v] === true; }) &&
      validMap(answers.reflections, reflectionIds, function (v) {
        return typeof v === "string" && v.length <= MAX_TEXT && !MARKUP.test(v);
      }) &&
      validMap(answers.checklist, checklistIds, function (v) { return typeof v === "boolean"; });
  }

  /* ---- form <-> answers */
  function fill(answers) {
    root.querySelectorAll("[data-statement]").forEach(function (fieldset) {
      var value = answers.ratings[fieldset.getAttribute("data-statement")];
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = radio.value === value; });
    });
    root.querySelectorAll("[data-answer=reflection]").forEach(function (area) {
      area.value = answers.reflections[area.getAttribute("data-id")] || "";
    });
    root.querySelectorAll("[data-answer=checklist]").forEach(function (box) {
      box.checked = answers.checklist[box.getAttribute("data-id")] === true;
    });
    summarise(answers);
  }

  function record(event) {
    var target = event.target;
    var answers = load();
    var fieldset = target.closest("[data-statement]");
    if (fieldset && target.type === "radio") {
      answers.ratings[fieldset.getAttribute("data-statement")] = target.value;
    } else if (target.getAttribute("data-answer") === "reflection") {
      answers.reflections[target.getAttribute("data-id")] = target.value;
    } else if (target.getAttribute("data-answer") === "checklist") {
      answers.checklist[target.getAttribute("data-id")] = target.checked;
    } else {
      return;
    }
    save(answers);
    summarise(answers);
  }

  /* ---- summary: an SVG bar chart with a text equivalent, and what to work on */
  var SVG = "http://www.w3.org/2000/svg";

  function svgElement(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  function summarise(answers) {
    var section = root.querySelector("[data-summary]");
    var chartHolder = section.querySelector("[data-summary-chart]");
    var workOn = section.querySelector("[data-summary-work-on]");
    var rows = data.themes.map(function (theme) {
      var scores = theme.statements.map(function (s) { return Number(answers.ratings[s.id]); })
        .filter(function (n) { return n >= 1 && n <= 5; });
      var average = scores.length ? scores.reduce(function (a, b) { return a + b; }, 0) / scores.length : 0;
      return { title: theme.title, average: average, count: scores.length };
    });
    var answered = rows.some(function (row) { return row.count > 0; });
    section.hidden = false;
    chartHolder.textContent = "";
    workOn.textContent = "";
    if (!answered) {
      var none = document.createElement("p");
      none.textContent = ui.summary_empty;
      chartHolder.appendChild(none);
      return;
    }
    var barHeight = 22, gap = 10, labelWidth = 0, width = 320;
    var svg = svgElement("svg", { "class": "vw-chart", role: "img", "aria-labelledby": "vw-chart-title",
      viewBox: "0 0 " + width + " " + rows.length * (barHeight * 2 + gap), width: "100%" });
    var title = svgElement("title", { id: "vw-chart-title" });
    title.textContent = ui.summary;
    svg.appendChild(title);
    var list = document.createElement("ul");
    rows.forEach(function (row, index) {
      var y = index * (barHeight * 2 + gap);
      var label = svgElement("text", { x: 0, y: y + 14 });
      label.textContent = row.title + " — " + (row.count ? row.average.toFixed(1) : "–");
      svg.appendChild(label);
      svg.appendChild(svgElement("rect", { x: labelWidth, y: y + 20, width: width, height: barHeight - 6, fill: "#e6e6e6" }));
      svg.appendChild(svgElement("rect", { "class": "vw-bar", x: labelWidth, y: y + 20,
        width: (row.average / 5) * width, height: barHeight - 6 }));
      var item = document.createElement("li");
      item.textContent = row.title + ": " + (row.count
        ? ui.summary_average.replace("{score}", row.average.toFixed(1)).replace("{count}", row.count)
        : "–");
      list.appendChild(item);
    });
    chartHolder.appendChild(svg);
    list.className = "vw-chart-text";
    chartHolder.appendChild(list);
    data.themes.forEach(function (theme) {
      theme.statements.forEach(function (statement) {
        var value = Number(answers.ratings[statement.id]);
        if (value >= 1 && value <= 2) {
          var item = document.createElement("li");
          item.textContent = statement.text;
          workOn.appendChild(item);
        }
      });
    });
    if (!workOn.children.length) {
      var nothing = document.createElement("li");
      nothing.textContent = ui.work_on_none;
      workOn.appendChild(nothing);
    }
  }

  /* ---- tools: print, export, import, erase, facilitator view */
  function exportAnswers() {
    var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "verbindend-werken-" + moduleId + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function reject(reasonKey) {
    say(ui.import_rejected.replace("{reason}", ui[reasonKey]));
  }

  function importAnswers(input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return reject("import_reason_size");
    file.text().then(function (text) {
      var answers;
      try {
        answers = JSON.parse(text);
      } catch (error) {
        return reject("import_reason_json");
      }
      if (isPlainObject(answers) && answers.format === FORMAT && answers.module !== moduleId) {
        return reject("import_reason_module");
      }
      if (!validate(answers)) return reject("import_reason_shape");
      var clean = emptyAnswers();
      clean.ratings = answers.ratings;
      clean.reflections = answers.reflections;
      clean.checklist = answers.checklist;
      save(clean);
      fill(clean);
      say(ui.imported);
    }, function () { reject("import_reason_json"); });
  }

  function erase() {
    if (!window.confirm(ui.erase_confirm)) return;
    localStorage.removeItem(storageKey);
    fill(emptyAnswers());
    say(ui.erased);
  }

  /* "Print my answers": only the parts with answers (print CSS, class on <body> while printing) */
  function printAnswers() {
    document.body.classList.add("vw-printing-answers");
    window.addEventListener("afterprint", function done() {
      document.body.classList.remove("vw-printing-answers");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  function toggleFacilitator(button) {
    var notes = document.getElementById(button.getAttribute("aria-controls"));
    var show = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(show));
    notes.hidden = !show;
    if (show) notes.scrollIntoView({ block: "start" });
  }

  root.addEventListener("change", record);
  root.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") record(event);
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "print") printAnswers();
    if (action === "export") exportAnswers();
    if (action === "erase") erase();
    if (action === "facilitator") toggleFacilitator(button);
  });
  root.querySelector("input[data-action=import]").addEventListener("change", function (event) {
    importAnswers(event.target);
  });
  root.querySelectorAll("[data-answer-tools], button[data-action=facilitator]").forEach(function (element) {
    element.hidden = false;
  });
  if (location.hash === "#facilitator-notes") toggleFacilitator(root.querySelector("button[data-action=facilitator]"));
  fill(load());
})();
