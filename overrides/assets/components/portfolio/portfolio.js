/* Portfolio: every module's answers kept in this browser on one page, with each module's theme
 * summary (all rounds) and answers kept for ids a module no longer has; answers put aside (unreadable,
 * or written by a newer version of the site) shown and restorable; print it, export all (backups
 * included) as one file, and import such a file again, backups and all. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  VW.components.portfolio = function (root) {
    var modules = VW.readJson(root, "vw-modules-data") || [];
    var holder = root.querySelector("[data-portfolio-modules]");
    var status = root.querySelector("[data-status]");

    function say(message) { status.textContent = message; }

    function render() {
      var everything = VW.AnswerStore.everything();
      holder.textContent = "";
      var any = false;
      modules.forEach(function (module) {
        var record = everything.records[module.id];
        var progress = VW.AnswerStore.progress(record || null, VW.shapeOf(module));
        var section = holder.appendChild(VW.element("section", "vw-portfolio__module"));
        section.id = "portfolio-" + module.id;
        var heading = section.appendChild(VW.element("h2"));
        var link = heading.appendChild(VW.element("a", "", module.title));
        link.href = module.url;
        section.appendChild(VW.element("p", "vw-state vw-state--" + progress.state, VW.stateText(progress)));
        if (!record) return;
        any = true;
        if (record.updated) section.appendChild(VW.element("p", "vw-portfolio__updated",
          VW.format(VW.ui.last_changed, { date: VW.formatDate(record.updated) })));
        var table = VW.summaryTable(module, record);
        if (table) {
          section.appendChild(VW.element("h3", "", VW.ui.summary));
          section.appendChild(table);
        }
        section.appendChild(VW.answerReport(module, record, 3));
      });
      var backups = Object.keys(everything.backups).sort();
      if (backups.length) renderBackups(holder.appendChild(VW.element("section", "vw-portfolio__backups")), backups, everything.backups);
      if (!any && !backups.length) holder.insertBefore(VW.element("p", "vw-portfolio__empty", VW.ui.portfolio_empty), holder.firstChild);
      VW.showStoreProblems(root, VW.AnswerStore.problems());
    }

    /* Answers put aside (unreadable, or written by a newer version of the site): what they hold,
       and a button that puts readable ones back with their module. */
    function renderBackups(section, keys, texts) {
      section.id = "portfolio-backups";
      section.appendChild(VW.element("h2", "", VW.ui.backups_title));
      section.appendChild(VW.element("p", "", VW.format(VW.ui.backups_text, { count: keys.length })));
      keys.forEach(function (key) {
        var info = VW.AnswerStore.describeBackup(key, texts[key]);
        var module = modules.filter(function (m) { return m.id === info.module; })[0];
        var item = section.appendChild(VW.element("div", "vw-portfolio__backup"));
        item.appendChild(VW.element("h3", "", module ? module.title : info.module));
        var why = info.record ? (info.newer ? VW.ui.backup_newer : VW.ui.backup_put_aside) : VW.ui.backup_unreadable;
        item.appendChild(VW.element("p", "", VW.format(why, { date: VW.formatDate(info.saved) || "–" })));
        if (info.record && module) {
          item.appendChild(VW.answerReport(module, info.record, 3));
          var restore = item.appendChild(VW.element("button", "md-button",
            VW.format(VW.ui.backup_restore, { title: module.title })));
          restore.type = "button";
          restore.setAttribute("data-restore", key);
        } else {
          var details = item.appendChild(VW.element("details"));
          details.appendChild(VW.element("summary", "", VW.ui.backup_show_text));
          details.appendChild(VW.element("pre", "vw-portfolio__kept-text", info.text));
        }
      });
    }

    function restore(key) {
      var info = VW.AnswerStore.describeBackup(key, VW.AnswerStore.everything().backups[key]);
      var module = modules.filter(function (m) { return m.id === info.module; })[0];
      if (!VW.AnswerStore.restoreBackup(key)) return;
      render();
      say(VW.format(VW.ui.backup_restored, { title: module ? module.title : info.module }));
    }

    function exportAll() {
      var everything = VW.AnswerStore.everything();
      var file = { format: VW.AnswerStore.PORTFOLIO_FORMAT, version: VW.AnswerStore.VERSION,
                   exported: new Date().toISOString(), modules: everything.records };
      if (Object.keys(everything.backups).length) file.backups = everything.backups;
      VW.download("verbindend-werken-portfolio.json", file);
    }

    function reject(reasonKey) { say(VW.format(VW.ui.import_rejected, { reason: VW.ui[reasonKey] })); }

    /* Import all: every module in the file must be sound before anything changes. */
    function importAll(input) {
      var file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      VW.readAnswerFile(file, function (raw, reason) {
        if (reason) return reject(reason);
        var read = VW.AnswerStore.readFile(raw);
        if (read.reason) return reject(read.reason === "module" ? "import_reason_module" : "import_reason_shape");
        var incoming = read.records, ids = Object.keys(incoming);
        var current = VW.AnswerStore.everything().records;
        var replaced = modules.filter(function (module) {
          if (!incoming[module.id] || !current[module.id]) return false;
          var count = VW.countAnswers(current[module.id]);
          return count.ratings + count.reflections + count.ticks > 0;
        }).map(function (module) { return module.title; });
        if (replaced.length && !window.confirm(VW.format(VW.ui.import_all_confirm, { modules: replaced.join(", ") }))) {
          return say(VW.ui.import_cancelled);
        }
        ids.forEach(function (id) { VW.AnswerStore.open(id).replace(incoming[id]); });
        VW.AnswerStore.keepBackups(read.backups);
        render();
        say(VW.ui.imported);
      });
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.getAttribute("data-action") === "export-all") exportAll();
      if (button.getAttribute("data-action") === "print-portfolio") window.print();  // print CSS: a clean A4 document
    });
    holder.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-restore]");
      if (button) restore(button.getAttribute("data-restore"));
    });
    root.querySelector("input[data-action=import-all]").addEventListener("change", function (event) {
      importAll(event.target);
    });
    window.addEventListener("storage", function (event) {
      if (event.key && (event.key.indexOf(VW.AnswerStore.PREFIX) === 0 || event.key.indexOf(VW.AnswerStore.BACKUP_PREFIX) === 0)) render();
    });
    root.querySelector("[data-portfolio-nojs]").hidden = true;
    root.querySelector("[data-answer-tools]").hidden = false;
    render();
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
