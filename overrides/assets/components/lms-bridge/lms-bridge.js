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

  /* Answer times, in the LMS copy as seconds since 1970 in base 36 (six characters instead of 24). */
  function squeeze(times) {
    var short = {};
    Object.keys(times || {}).forEach(function (id) {
      var ms = Date.parse(times[id]);
      if (!isNaN(ms)) short[id] = Math.round(ms / 1000).toString(36);
    });
    return short;
  }

  function expand(short) {
    var times = {};
    Object.keys(short || {}).forEach(function (id) {
      var seconds = parseInt(short[id], 36);
      if (!isNaN(seconds)) times[id] = new Date(seconds * 1000).toISOString();
    });
    return times;
  }

  function hasRatings(round) { return Object.keys(round.ratings).length > 0; }

  /* The record as kept in the LMS (at most 4,096 characters, never a cut copy). The current round's
     ratings and every tick always go in. What does not fit stays only in this browser, and the copy
     names it, so every other browser can tell the learner where it is: a reflection too long (`o`),
     an earlier round's ratings (`d`, by the round's start). `elsewhere` is what the LMS copy already
     named as kept in another browser: it stays named until the answer itself is back.
     Returns {data, reflections: ids not in the copy, rounds: starts not in the copy}, or null. */
  function pack(record, reflectionOrder, elsewhere) {
    elsewhere = elsewhere || { reflections: [], rounds: [] };
    var compact = { m: record.module, u: record.updated, c: record.checklist, ct: squeeze(record.times.checklist),
                    f: {}, ft: {}, o: [], d: [],
                    r: record.rounds.map(function (round) { return [round.started, round.ratings, squeeze(round.times)]; }) };
    elsewhere.rounds.forEach(function (started) {
      var here = record.rounds.some(function (round) { return round.started === started && hasRatings(round); });
      if (!here) compact.d.push(started);
    });
    var texts = Object.keys(record.reflections).filter(function (id) { return typeof record.reflections[id] === "string"; })
      .sort(function (a, b) {
        var ia = reflectionOrder.indexOf(a), ib = reflectionOrder.indexOf(b);
        return (ia === -1 ? 1e6 : ia) - (ib === -1 ? 1e6 : ib);
      });
    compact.o = texts.slice();  // each is named until it is in the copy whole
    elsewhere.reflections.forEach(function (id) {
      if (!VW.AnswerStore.hasText(record.reflections[id]) && compact.o.indexOf(id) === -1) compact.o.push(id);
    });
    // Earlier rounds give way before the current one ever would.
    while (encode(compact).length > SUSPEND_LIMIT && compact.r.length > 1) {
      var dropped = compact.r.shift();
      if (Object.keys(dropped[1]).length && compact.d.indexOf(dropped[0]) === -1) compact.d.push(dropped[0]);
    }
    if (encode(compact).length > SUSPEND_LIMIT) return null;  // the LMS keeps its last whole copy
    var textTimes = squeeze(record.times.reflections);
    texts.forEach(function (id) {
      compact.f[id] = record.reflections[id];
      if (textTimes[id]) compact.ft[id] = textTimes[id];
      compact.o.splice(compact.o.indexOf(id), 1);
      if (encode(compact).length > SUSPEND_LIMIT) {
        delete compact.f[id];
        delete compact.ft[id];
        compact.o.push(id);
      }
    });
    return { data: encode(compact), reflections: compact.o, rounds: compact.d };
  }

  /* The LMS copy as {record (an answer record), elsewhere: {reflections, rounds}}, or null when it is not ours. */
  function unpack(data, moduleId) {
    if (typeof data !== "string" || data.indexOf(SUSPEND_PREFIX) !== 0) return null;
    try {
      var compact = JSON.parse(window.LZString.decompressFromBase64(data.slice(SUSPEND_PREFIX.length)));
      if (!compact || compact.m !== moduleId) return null;
      var rounds = (compact.r || []).map(function (round) {
        return { started: round[0], ratings: round[1] || {}, times: expand(round[2]) };
      }).filter(function (round, index, all) { return hasRatings(round) || index === all.length - 1; });
      return { elsewhere: { reflections: Array.isArray(compact.o) ? compact.o : [], rounds: Array.isArray(compact.d) ? compact.d : [] },
               record: { format: VW.AnswerStore.FORMAT, version: VW.AnswerStore.VERSION, module: compact.m,
                         updated: compact.u, checklist: compact.c || {}, reflections: compact.f || {}, rounds: rounds,
                         times: { reflections: expand(compact.ft), checklist: expand(compact.ct) } } };
    } catch (error) {
      return null;
    }
  }

  /* A course package asks, through its launch parameters, not to journal interactions: Moodle 4.5's
     player cannot initialise a SCO a second time in one visit once that SCO wrote interactions
     (its data model re-creates "cmi.interactions_0.…" before "cmi.interactions_0" and throws). */
  function journalWanted() {
    return new URLSearchParams(window.location.search).get("interactions") !== "off";
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
    var roundsNote = note(root.querySelector("[data-rounds]"), "vw-lms-note", "lms-note-rounds");
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

    /* The text that is true here: with this browser keeping the answers too, or without. */
    function text(kept, unsaved) {
      return (VW.AnswerStore.keepsAnswers() ? VW.ui[kept] : VW.ui[unsaved]) || "";
    }

    function unreachable() { tell(message, text("lms_unreachable", "lms_unreachable_unsaved")); }

    if (platform.call("LMSInitialize", [""]) !== "true") { unreachable(); return; }
    root.setAttribute("data-lms-live", "");
    VW.showStoreProblems(root, store.problems);

    var live = true, timer = null;
    var mode = platform.get("cmi.core.lesson_mode") || "normal";
    var status = platform.get("cmi.core.lesson_status");
    var sentData = platform.get("cmi.suspend_data");
    var sentScore = platform.get("cmi.core.score.raw");
    var kept = unpack(sentData, module.id);
    var elsewhere = kept ? kept.elsewhere : { reflections: [], rounds: [] };  // what the LMS copy says another browser holds
    var journaled = {}, positions = {};        // interactions: what the LMS has, and where this session wrote it
    var nextInteraction = parseInt(platform.get("cmi.interactions._count"), 10) || 0;
    var interactions = journalWanted() && platform.get("cmi.interactions._children") !== "";
    if (kept) {
      journaled = JSON.parse(JSON.stringify(VW.AnswerStore.currentRound(kept.record).ratings));
      store.merge(kept.record);
    }

    function showNotes(packed, record) {
      Object.keys(notes).forEach(function (id) {
        var says = "";
        if (packed && packed.reflections.indexOf(id) !== -1) {
          says = VW.AnswerStore.hasText(record.reflections[id]) ? text("lms_reflection_here", "lms_reflection_here_unsaved")
                                                               : VW.ui.lms_reflection_elsewhere || "";
        }
        tell(notes[id], says);
        var area = root.querySelector('[data-answer=reflection][data-id="' + id + '"]');
        if (area && says) area.setAttribute("aria-describedby", notes[id].id);
        else if (area) area.removeAttribute("aria-describedby");
      });
      var here = [], away = [];
      (packed ? packed.rounds : []).forEach(function (start) {
        var mine = record.rounds.some(function (round) { return round.started === start && hasRatings(round); });
        (mine ? here : away).push(VW.formatDate(start) || "–");
      });
      tell(roundsNote, [here.length ? VW.format(text("lms_rounds_here", "lms_rounds_here_unsaved"), { dates: here.join(", ") }) : "",
                        away.length ? VW.format(VW.ui.lms_rounds_elsewhere || "", { dates: away.join(", ") }) : ""]
        .filter(Boolean).join(" "));
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

    /* Status and score by the site's own rule: in Moodle's Preview (browse mode) "browsed", never
       "completed"; otherwise "completed" once every statement and reflection is answered, with the
       share answered (0-100) as the score, so a finished module never shows 0 in a gradebook. */
    function report(progress) {
      var ok = true;
      if (mode === "review" || status === "passed" || status === "completed") return true;
      var wanted = progress.done ? "completed" : "incomplete";
      if (mode === "browse") wanted = status === "not attempted" || status === "" ? "browsed" : status;  // a preview never changes the record
      if (wanted !== status) { if (platform.set("cmi.core.lesson_status", wanted)) status = wanted; else ok = false; }
      var score = String(Math.round(100 * progress.answered / Math.max(1, progress.total)));
      if (mode !== "browse" && score !== sentScore) {
        ok = platform.set("cmi.core.score.min", "0") && platform.set("cmi.core.score.max", "100") &&
             platform.set("cmi.core.score.raw", score) && ok;
        if (ok) sentScore = score;
      }
      return ok;
    }

    /* Write what changed since the last write; true when the platform took all of it. */
    function write() {
      var record = store.read();
      var ok = report(VW.AnswerStore.progress(record, shape));
      var packed = pack(record, shape.reflections, elsewhere);
      if (packed && packed.data !== sentData) {
        if (platform.set("cmi.suspend_data", packed.data)) sentData = packed.data; else ok = false;
      }
      showNotes(packed, record);
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
      platform.set("cmi.core.exit", mode === "normal" && status !== "completed" && status !== "passed" ? "suspend" : "");
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
