/* Group summary: count the self-assessment answers in the files participants exported.
 *
 * Files are read in this browser only (nothing is sent anywhere). Each file is checked by the module
 * page's own import checks (answer-store, answer-tools): an answer file of this site (one module,
 * version 1 or 2, or an "export all" portfolio), of the chosen module, not too large, well-formed ids
 * and values. What a participant wrote is never a reason to leave a file out.
 * A file that fails is listed by its name with the reason and left out; the others still count.
 * Only counts are shown: never a name, never a reflection. File names are shown as text only.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-group-summary]");
  var dataElement = document.getElementById("vw-group-summary-data");
  if (!root || !dataElement) return;
  var data = JSON.parse(dataElement.textContent);
  var ui = data.ui;
  var VW = window.VerbindendWerken;
  var select = root.querySelector("[data-module-select]");
  var status = root.querySelector("[data-status]");
  var files = [];  // {name, size, text}: everything added, checked again when another module is chosen

  function moduleById(id) {
    return data.modules.filter(function (m) { return m.id === id; })[0];
  }

  /* {ratings} (the last round's) for a counted file, {reason} for a file left out. The checks are the
     module page's own import checks (AnswerStore.readFile): structure only, never the text of an answer. */
  function check(file, module, seen) {
    if (file.size > VW.MAX_IMPORT_BYTES) return { reason: ui.reason_size };
    var parsed;
    try {
      parsed = JSON.parse(file.text);
    } catch (error) {
      return { reason: ui.reason_json };
    }
    var read = VW.AnswerStore.readFile(parsed, module.id);
    if (read.reason) return { reason: ui["reason_" + read.reason] };
    var record = VW.AnswerStore.migrate(read.records[module.id], module.id);
    if (!record) return { reason: ui.reason_shape };
    if (seen[file.text]) return { reason: ui.reason_duplicate };
    seen[file.text] = true;
    return { ratings: VW.AnswerStore.currentRound(record).ratings };
  }

  function cell(tag, text, attributes) {
    var element = document.createElement(tag);
    element.textContent = text;
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  function table(theme, module, counted) {
    var labels = module.scale.map(function (label, i) { return (i + 1) + " " + label; });
    var columns = ["1", "2", "3", "4", "5"];
    if (module.not_applicable) {
      labels.push(module.not_applicable);
      columns.push("na");
    }
    labels.push(ui.not_answered);
    var element = document.createElement("table");
    element.className = "vw-group-table";
    element.appendChild(cell("caption", theme.title + " — " + ui.caption.replace("{count}", counted.length)));
    var head = element.createTHead().insertRow();
    head.appendChild(cell("th", ui.statement, { scope: "col" }));
    labels.forEach(function (label) { head.appendChild(cell("th", label, { scope: "col" })); });
    var body = element.createTBody();
    theme.statements.forEach(function (statement) {
      var row = body.insertRow();
      row.setAttribute("data-statement", statement.id);
      row.appendChild(cell("th", statement.text, { scope: "row" }));
      var answered = 0;
      columns.forEach(function (value) {
        var count = counted.filter(function (ratings) { return ratings[statement.id] === value; }).length;
        answered += count;
        row.appendChild(cell("td", String(count), { "data-value": value }));
      });
      row.appendChild(cell("td", String(counted.length - answered), { "data-value": "none" }));
    });
    return element;
  }

  function update() {
    var module = moduleById(select.value);
    var seen = {};
    var counted = [];
    var rejectedList = root.querySelector("[data-rejected-list]");
    var results = root.querySelector("[data-results]");
    rejectedList.textContent = "";
    results.textContent = "";
    files.forEach(function (file) {
      var outcome = check(file, module, seen);
      if (outcome.ratings) {
        counted.push(outcome.ratings);
      } else {
        rejectedList.appendChild(cell("li", file.name + ": " + outcome.reason));
      }
    });
    root.querySelector("[data-rejected]").hidden = !rejectedList.children.length;
    status.textContent = counted.length ? ui.counted.replace("{count}", counted.length) : ui.none;
    if (!counted.length) return;
    results.appendChild(cell("h2", module.title, { id: "group-summary-title" }));
    module.themes.forEach(function (theme) { results.appendChild(table(theme, module, counted)); });
  }

  function add(fileList) {
    var reads = Array.prototype.map.call(fileList, function (file) {
      if (file.size > VW.MAX_IMPORT_BYTES) return Promise.resolve({ name: file.name, size: file.size, text: "" });
      return file.text().then(function (text) {
        return { name: file.name, size: file.size, text: text };
      }, function () {
        return { name: file.name, size: 0, text: "" };
      });
    });
    Promise.all(reads).then(function (read) {
      files = files.concat(read);
      update();
    });
  }

  var preset = new URLSearchParams(location.search).get("module");
  if (preset && moduleById(preset)) select.value = preset;
  select.addEventListener("change", update);
  root.querySelector("[data-files]").addEventListener("change", function (event) {
    add(event.target.files);
    event.target.value = "";
  });
  var drop = root.querySelector("[data-drop]");
  drop.addEventListener("dragover", function (event) {
    event.preventDefault();
    drop.classList.add("is-over");
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("is-over"); });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    drop.classList.remove("is-over");
    add(event.dataTransfer.files);
  });
  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.getAttribute("data-action") === "print") window.print();
    if (button.getAttribute("data-action") === "clear") {
      files = [];
      update();
    }
  });
})();
