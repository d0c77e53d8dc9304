/* Starts every component on the elements that ask for it (data-vw-component="name …").
 * Components register themselves in VerbindendWerken.components; shared helpers live beside them. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  /* The interface texts of the page's language (overrides/main.html). */
  VW.ui = (function () {
    var element = document.getElementById("vw-ui");
    return element ? JSON.parse(element.textContent) : {};
  })();

  /* "{count} of {total}" with named values; the values are text, never markup. */
  VW.format = function (template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  };

  /* A new element with an optional class and text (always as text, never as markup). */
  VW.element = function (name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  VW.readJson = function (root, id) {
    var element = root.querySelector("#" + id) || document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };

  /* Which ids a module's answers are made of (what "done" is measured against). */
  VW.shapeOf = function (module) {
    var statements = [];
    module.themes.forEach(function (theme) {
      theme.statements.forEach(function (statement) { statements.push(statement.id); });
    });
    return { statements: statements, reflections: module.reflections.map(function (r) { return r.id; }),
             checklist: module.checklist.map(function (c) { return c.id; }) };
  };

  VW.formatDate = function (iso) {
    if (!iso) return "";
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso);
    return date.toLocaleDateString(document.documentElement.lang || undefined,
                                   { year: "numeric", month: "long", day: "numeric" });
  };

  VW.download = function (name, data) {
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  /* Each component starts on its own: one that fails is reported once and never stops the others. */
  var reported = {};
  document.querySelectorAll("[data-vw-component]").forEach(function (root) {
    root.getAttribute("data-vw-component").split(/\s+/).forEach(function (name) {
      if (!VW.components[name]) return;
      try {
        VW.components[name](root);
      } catch (error) {
        if (!reported[name]) console.error("Verbindend werken: component '" + name + "' did not start:", error);
        reported[name] = true;
      }
    });
  });
})(window.VerbindendWerken = window.VerbindendWerken || {});
