/* LMS bridge: inside a SCORM 1.2 package (tools/scorm.py), the learning platform is one more place
 * the module's answers are kept. It attaches to the page's own answer store (answer-store.js):
 * it brings the platform's copy in on launch (store.merge) and writes the store's record back
 * after each change (cmi.suspend_data), with the status by the site's own rule
 * (AnswerStore.progress) and each rating as a likert interaction.
 *
 * It starts before answer-form, so the form shows the merged answers. Outside a platform (no API
 * found) it does nothing: the page is the site's page. Every call to the platform is guarded: an
 * API that answers "false" or throws never breaks the page, and this browser keeps every answer.
 */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  var SUSPEND_LIMIT = 4096;      // SCORM 1.2: cmi.suspend_data is a CMIString4096
  var SUSPEND_PREFIX = "vw1:";   // what this bridge writes: "vw1:" + lz-string Base64 of a compact record
  var MAX_PARENTS = 7;           // how far up the frames ADL's SCORM 1.2 wrapper looks for the API
  var COMMIT_DELAY = 1000;       // at most one write and LMSCommit per second while answering

  /* The LMS's API object in `win` or one of its parents, or null (a foreign frame throws on access). */
  function apiAbove(win) {
    for (var level = 0; win && level <= MAX_PARENTS; level++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
        if (win.parent === win) return null;
        win = win.parent;
      } catch (error) {
        return null;
      }
    }
    return null;
  }

  /* The standard search: this window and its parents, then the window that opened the top one. */
  function findApi() {
    var api = apiAbove(window);
    if (api) return api;
    try {
      return window.top && window.top.opener ? apiAbove(window.top.opener) : null;
    } catch (error) {
      return null;
    }
  }

  /* The API with every call guarded: a call that throws counts as a failed one. */
  function Platform(api) { this.api = api; }

  Platform.prototype.call = function (name, args) {
    try {
      var result = this.api[name].apply(this.api, args);
      return result === undefined || result === null ? "" : String(result);
    } catch (error) {
      return "false";
    }
  };

  Platform.prototype.get = function (element) {
    var value = this.call("LMSGetValue", [element]);
    return value === "false" && this.call("LMSGetLastError", []) !== "0" ? "" : value;
  };

  Platform.prototype.set = function (element, value) {
    return this.call("LMSSetValue", [element, String(value)]) === "true";
  };

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function timespan(milliseconds) {
    var seconds = Math.max(0, milliseconds) / 1000;
    var hours = Math.min(9999, Math.floor(seconds / 3600));
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = (seconds % 60).toFixed(2);
    function pad(value, width) { value = String(value); while (value.length < width) value = "0" + value; return value; }
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(rest, 5);
  }

  function clockTime(date) {
    return date.toTimeString().slice(0, 8);  // CMITime: HH:MM:SS
  }

  function encode(compact) { return SUSPEND_PREFIX + window.LZString.compressToBase64(JSON.stringify(compact)); }

  /* The record as kept in the LMS: every round's ratings and every tick always; each reflection
     whole if it still fits in 4,096 characters, otherwise named in `o` (it stays in this browser). */
  function pack(record, reflectionOrder) {
    var compact = { m: record.module, u: record.updated, c: record.checklist, f: {}, o: [],
                    r: record.rounds.map(function (round) { return [round.started, round.ratings]; }) };
    var texts = Object.keys(record.reflections).sort(function (a, b) {
      var ia = reflectionOrder.indexOf(a), ib = reflectionOrder.indexOf(b);
      return (ia === -1 ? 1e6 : ia) - (ib === -1 ? 1e6 : ib);
    });
    compact.o = texts.slice();
    // Earlier rounds give way (as empty placeholders) before the current one ever would.
    for (var dropped = 0; encode(compact).length > SUSPEND_LIMIT && dropped < compact.r.length - 1; dropped++) {
      compact.r[dropped] = [compact.r[dropped][0], {}];
    }
    if (encode(compact).length > SUSPEND_LIMIT) return null;  // never a cut copy: the LMS keeps its last whole one
    texts.forEach(function (id) {
      compact.f[id] = record.reflections[id];
      compact.o.splice(compact.o.indexOf(id), 1);
      if (encode(compact).length > SUSPEND_LIMIT) {
        delete compact.f[id];
        compact.o.push(id);
      }
    });
    return { data: encode(compact), omitted: compact.o };
  }

  /* A version-2 answer record from the LMS's suspend_data, or null when it is not ours. */
  function unpack(data, moduleId) {
    if (typeof data !== "string" || data.indexOf(SUSPEND_PREFIX) !== 0) return null;
    try {
      var compact = JSON.parse(window.LZString.decompressFromBase64(data.slice(SUSPEND_PREFIX.length)));
      if (!compact || compact.m !== moduleId) return null;
      return { omitted: Array.isArray(compact.o) ? compact.o : [],
               record: { format: VW.AnswerStore.FORMAT, version: VW.AnswerStore.VERSION, module: compact.m,
                         updated: compact.u, checklist: compact.c || {}, reflections: compact.f || {},
                         rounds: (compact.r || []).map(function (round) { return { started: round[0], ratings: round[1] || {} }; }) } };
    } catch (error) {
      return null;
    }
  }

  VW.components["lms-bridge"] = function (root) {
    var module = VW.readJson(root, "vw-module-data");
    var api = module && window.LZString ? findApi() : null;
    if (!api) return;  // not in a learning platform: the page works as on the site
    var platform = new Platform(api);
    var store = VW.AnswerStore.open(module.id);
    var shape = VW.shapeOf(module);
    var started = Date.now();
    var message = note(root.querySelector("[data-store-message]"), "vw-lms-message", "lms-message");
    var notes = {};
    root.querySelectorAll("[data-answer=reflection]").forEach(function (area) {
      notes[area.getAttribute("data-id")] = note(area, "vw-lms-note", "lms-note-" + area.getAttribute("data-id"));
    });

    /* An empty live region after `anchor`, filled when there is something to tell. */
    function note(anchor, className, id) {
      var element = document.createElement("p");
      element.className = className;
      element.id = id;
      element.setAttribute("aria-live", "polite");
      element.hidden = true;
      if (anchor) anchor.insertAdjacentElement("afterend", element); else root.insertBefore(element, root.firstChild);
      return element;
    }

    function tell(element, text) {
      if (element.textContent !== text) element.textContent = text;
      element.hidden = !text;
    }

    function unreachable() { tell(message, VW.ui.lms_unreachable || ""); }

    if (platform.call("LMSInitialize", [""]) !== "true") { unreachable(); return; }

    var live = true, timer = null;
    var mode = platform.get("cmi.core.lesson_mode");
    var status = platform.get("cmi.core.lesson_status");
    var sentData = platform.get("cmi.suspend_data");
    var kept = unpack(sentData, module.id);
    var elsewhere = kept ? kept.omitted : [];  // reflections the LMS copy names but does not hold
    var journaled = {}, positions = {};        // interactions: what the LMS has, and where this session wrote it
    var nextInteraction = parseInt(platform.get("cmi.interactions._count"), 10) || 0;
    var interactions = platform.get("cmi.interactions._children") !== "";
    if (kept) {
      var keptRound = kept.record.rounds[kept.record.rounds.length - 1];
      journaled = keptRound ? JSON.parse(JSON.stringify(keptRound.ratings)) : {};
      store.merge(kept.record);
    }

    function showNotes(omitted, record) {
      Object.keys(notes).forEach(function (id) {
        var text = "";
        if (omitted.indexOf(id) !== -1) text = VW.ui.lms_reflection_here || "";
        else if (elsewhere.indexOf(id) !== -1 && !VW.AnswerStore.hasText(record.reflections[id])) text = VW.ui.lms_reflection_elsewhere || "";
        tell(notes[id], text);
        var area = root.querySelector('[data-answer=reflection][data-id="' + id + '"]');
        if (area && text) area.setAttribute("aria-describedby", notes[id].id);
        else if (area) area.removeAttribute("aria-describedby");
      });
    }

    function journal(record) {
      if (!interactions) return true;
      var ratings = VW.AnswerStore.currentRound(record).ratings, ok = true;
      shape.statements.forEach(function (id) {
        var rating = ratings[id];
        if (!VW.AnswerStore.RATINGS[rating] || journaled[id] === rating) return;
        var n = positions[id] !== undefined ? positions[id] : nextInteraction;
        var prefix = "cmi.interactions." + n + ".";
        var written = platform.set(prefix + "id", id) && platform.set(prefix + "type", "likert") &&
                      platform.set(prefix + "student_response", rating);
        platform.set(prefix + "time", clockTime(new Date()));
        if (written) {
          if (positions[id] === undefined) { positions[id] = n; nextInteraction++; }
          journaled[id] = rating;
        } else {
          ok = false;
        }
      });
      return ok;
    }

    /* Write what changed since the last write; true when the platform took all of it. */
    function write() {
      var record = store.read(), ok = true;
      var done = VW.AnswerStore.progress(record, shape).done;
      if (mode !== "review" && status !== "passed" && status !== "completed") {
        var wanted = done ? "completed" : "incomplete";
        if (wanted !== status) { if (platform.set("cmi.core.lesson_status", wanted)) status = wanted; else ok = false; }
      }
      var packed = pack(record, shape.reflections);
      if (packed && packed.data !== sentData) {
        if (platform.set("cmi.suspend_data", packed.data)) sentData = packed.data; else ok = false;
      }
      showNotes(packed ? packed.omitted : [], record);
      return journal(record) && ok;
    }

    function commit(ok) {
      ok = platform.call("LMSCommit", [""]) === "true" && ok;
      if (ok) tell(message, ""); else unreachable();
    }

    function sync() {
      clearTimeout(timer);
      timer = null;
      if (live) commit(write());
    }

    function later() {
      if (live && !timer) timer = setTimeout(sync, COMMIT_DELAY);
    }

    /* Leaving the page: the last answers, the session's time, and "suspend" while unfinished. */
    function finish() {
      if (!live) return;
      clearTimeout(timer);
      live = false;
      var ok = write();
      platform.set("cmi.core.session_time", timespan(Date.now() - started));
      platform.set("cmi.core.exit", status === "completed" || status === "passed" ? "" : "suspend");
      commit(ok);
      platform.call("LMSFinish", [""]);
    }

    store.subscribe(later);
    window.addEventListener("pagehide", finish);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") sync();
    });
    sync();  // first launch: "incomplete" (or "completed" when this browser already has every answer)
  };

  VW.LmsBridge = { pack: pack, unpack: unpack, timespan: timespan, SUSPEND_LIMIT: SUSPEND_LIMIT };
})(window.VerbindendWerken = window.VerbindendWerken || {});
