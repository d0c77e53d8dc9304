/* Answer store: the one place a learner's answers are read, checked, migrated, kept and written.
 *
 * A record per module lives in localStorage under "verbindend-werken:answers:<module id>".
 * Answers are data: every text is kept verbatim; nothing a learner typed is refused or dropped.
 * Answers whose ids the page no longer has stay in the record (and in exports); a record that
 * cannot be read, or that a newer version of the site wrote, is copied under a backup key before
 * anything else is written, and the portfolio offers to restore it. Every write re-reads storage and
 * changes only what the learner just changed, so a stale tab never overwrites a newer answer; the
 * `storage` event brings other tabs' changes in. Each answer carries the time it was last changed,
 * so merging two copies keeps the newer answer, one by one.
 *
 * When the browser refuses storage (blocked, private mode, full), answers live in this page's memory
 * for as long as it is open, every component keeps working from there, and the learner is told once.
 * Reading never writes and never notifies.
 */
(function (VW) {
  "use strict";
  var FORMAT = "verbindend-werken/answers";
  var PORTFOLIO_FORMAT = "verbindend-werken/portfolio";
  var VERSION = 2;
  var PREFIX = "verbindend-werken:answers:";
  var BACKUP_PREFIX = "verbindend-werken:backup:";
  var ID = new RegExp(JSON.parse(document.getElementById("vw-id-pattern").textContent));  // the content model's
  var RATINGS = { "1": true, "2": true, "3": true, "4": true, "5": true, "na": true };
  var PARTS = ["reflections", "checklist"];
  var open = {};

  function now() { return new Date().toISOString(); }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  /* ---- Where records are kept: localStorage when the browser allows it, this page's memory otherwise. ---- */

  var memory = {};        // key -> text, for every key the browser would not keep
  var pinned = {};        // keys that must never be written to the browser (a record that could not be backed up)
  var refused = probe();  // true when this browser keeps nothing after the page is closed
  var lost = false;       // true once a write was refused (storage full): some answers live in memory only

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }  // blocked: merely reading it throws
  }

  /* Can this browser keep answers at all? One tiny write and read, once per page. */
  function probe() {
    var key = "verbindend-werken:probe";
    try {
      var store = window.localStorage;
      store.setItem(key, "1");
      var ok = store.getItem(key) === "1";
      store.removeItem(key);
      return !ok;
    } catch (error) {
      return true;
    }
  }

  var kept = {
    get: function (key) {
      if (Object.prototype.hasOwnProperty.call(memory, key)) return memory[key];
      try { return storage().getItem(key); } catch (error) { return null; }
    },
    /* True when the browser took it; otherwise it is kept in memory and false is returned. */
    set: function (key, value) {
      try {
        if (pinned[key]) throw new Error("kept in memory only");
        storage().setItem(key, value);
        delete memory[key];
        return true;
      } catch (error) {
        memory[key] = value;
        lost = true;
        return false;
      }
    },
    remove: function (key) {
      delete memory[key];
      try { storage().removeItem(key); } catch (error) { /* nothing kept there to remove */ }
    },
    keys: function () {
      var keys = Object.keys(memory), store = storage();
      try {
        for (var i = 0; store && i < store.length; i++) {
          if (keys.indexOf(store.key(i)) === -1) keys.push(store.key(i));
        }
      } catch (error) { /* refused: memory only */ }
      return keys;
    }
  };

  /* ---- Records ---- */

  function empty(moduleId) {
    return { format: FORMAT, version: VERSION, module: moduleId, updated: null,
             rounds: [{ started: null, ratings: {}, times: {} }], reflections: {}, checklist: {},
             times: { reflections: {}, checklist: {} } };
  }

  function timesOf(value) {
    var times = {};
    if (isPlainObject(value)) Object.keys(value).forEach(function (id) {
      if (typeof value[id] === "string") times[id] = value[id];
    });
    return times;
  }

  /* The answer parts of a record as this version reads them, whatever version wrote it; null when
     there is nothing answer-shaped in it. */
  function answersOf(raw, moduleId) {
    var record = empty(moduleId);
    Object.keys(raw).forEach(function (key) { record[key] = raw[key]; });  // keep what we do not know
    if (raw.version === 1 || raw.version === undefined) {
      record.rounds = [{ started: raw.updated || null, ratings: isPlainObject(raw.ratings) ? raw.ratings : {} }];
      delete record.ratings;
    }
    record.version = VERSION;
    if (!Array.isArray(record.rounds) || !record.rounds.length) record.rounds = [{ started: null, ratings: {} }];
    record.rounds = record.rounds.map(function (round) {
      if (!isPlainObject(round) || !isPlainObject(round.ratings)) return { started: null, ratings: {}, times: {} };
      var kept = {};
      Object.keys(round).forEach(function (key) { kept[key] = round[key]; });
      kept.started = typeof round.started === "string" ? round.started : null;
      kept.times = timesOf(round.times);
      return kept;
    });
    PARTS.forEach(function (part) { if (!isPlainObject(record[part])) record[part] = {}; });
    var times = isPlainObject(record.times) ? record.times : {};
    record.times = { reflections: timesOf(times.reflections), checklist: timesOf(times.checklist) };
    return record;
  }

  /* A record in any version this site knows, as version 2; null when it is not an answer record of
     this module, or when a newer version of the site wrote it (that one is backed up, not read). */
  function migrate(raw, moduleId) {
    if (!isPlainObject(raw) || raw.format !== FORMAT || typeof raw.module !== "string") return null;
    if (moduleId && raw.module !== moduleId) return null;
    if (raw.version !== undefined && (typeof raw.version !== "number" || raw.version > VERSION)) return null;
    return answersOf(raw, raw.module);
  }

  /* What this version can still read of a record a newer version wrote: its answers, for restoring. */
  function salvage(raw) {
    if (!isPlainObject(raw) || raw.format !== FORMAT || typeof raw.module !== "string" || !ID.test(raw.module)) return null;
    if (problemsOf(raw)) return null;
    return answersOf(raw, raw.module);
  }

  /* Structural check of a record in a learner's file: ids and values, never the text of an answer. */
  function problemsOf(raw) {
    if (!isPlainObject(raw)) return "shape";
    var ratingsOk = function (ratings) {
      return isPlainObject(ratings) && Object.keys(ratings).every(function (id) {
        return ID.test(id) && RATINGS[ratings[id]] === true;
      });
    };
    var rounds = raw.version === 1 || raw.version === undefined ? [{ ratings: raw.ratings }] : raw.rounds;
    if (!Array.isArray(rounds) || !rounds.length || !rounds.every(function (r) { return isPlainObject(r) && ratingsOk(r.ratings); })) return "shape";
    if (!isPlainObject(raw.reflections) || !Object.keys(raw.reflections).every(function (id) {
      return ID.test(id) && typeof raw.reflections[id] === "string";
    })) return "shape";
    if (!isPlainObject(raw.checklist) || !Object.keys(raw.checklist).every(function (id) {
      return ID.test(id) && typeof raw.checklist[id] === "boolean";
    })) return "shape";
    return null;
  }

  /* The one check of a file a learner brings (a module's export or an "export all" file), for every
     page that reads one: {records: {module id: record}, backups: {key: text}}, or {reason} when it is
     not an answer file of this site ("type"), lacks the module asked for ("module") or is malformed ("shape").
     `moduleId` asks for that module only. The text of an answer is never a reason to refuse a file. */
  function readFile(parsed, moduleId) {
    var records = {}, backups = {};
    if (isPlainObject(parsed) && parsed.format === FORMAT) {
      records[parsed.module] = parsed;
    } else if (isPlainObject(parsed) && parsed.format === PORTFOLIO_FORMAT && isPlainObject(parsed.modules)) {
      records = parsed.modules;
      if (isPlainObject(parsed.backups)) Object.keys(parsed.backups).forEach(function (key) {
        if (key.indexOf(BACKUP_PREFIX) === 0 && typeof parsed.backups[key] === "string") backups[key] = parsed.backups[key];
      });
    } else {
      return { reason: "type" };
    }
    if (moduleId) {
      if (!Object.prototype.hasOwnProperty.call(records, moduleId)) return { reason: "module" };
      var only = {};
      only[moduleId] = records[moduleId];
      records = only;
      backups = {};
    }
    var ids = Object.keys(records);
    if (!ids.length && !Object.keys(backups).length) return { reason: "shape" };
    var sound = ids.every(function (id) {
      return ID.test(id) && !problemsOf(records[id]) && records[id].module === id &&
             (migrate(records[id], id) || salvage(records[id]));
    });
    if (!sound) return { reason: "shape" };
    return { records: records, backups: backups };
  }

  function currentRound(record) { return record.rounds[record.rounds.length - 1]; }

  function hasText(value) { return typeof value === "string" && value.trim() !== ""; }

  /* The one rule for "done", used by the site's progress and the LMS: every statement of the
     page rated (or not applicable) in the current round, every reflection written. */
  function progress(record, shape) {
    var ratings = record ? currentRound(record).ratings : {};
    var reflections = record ? record.reflections : {};
    var rated = shape.statements.filter(function (id) { return RATINGS[ratings[id]] === true; }).length;
    var written = shape.reflections.filter(function (id) { return hasText(reflections[id]); }).length;
    var total = shape.statements.length + shape.reflections.length;
    var answered = rated + written;
    var ticked = record ? Object.keys(record.checklist).filter(function (id) { return record.checklist[id] === true; }).length : 0;
    var state = answered === total ? "done" : (answered || ticked || (record && record.rounds.length > 1)) ? "in-progress" : "not-started";
    return { answered: answered, total: total, state: state, done: state === "done" };
  }

  /* Mark every answer that differs between `before` and `after` as changed `at`. */
  function stamp(before, after, at) {
    PARTS.forEach(function (part) {
      Object.keys(after[part]).forEach(function (id) {
        if (after[part][id] !== before[part][id]) after.times[part][id] = at;
      });
    });
    after.rounds.forEach(function (round, index) {
      var earlier = before.rounds[index] && before.rounds[index].started === round.started ? before.rounds[index].ratings : {};
      Object.keys(round.ratings).forEach(function (id) {
        if (round.ratings[id] !== earlier[id]) round.times[id] = at;
      });
    });
  }

  /* Two copies of one module's answers as one: per answer, the one changed last wins, and an answer
     only one side has is kept. Rounds are the same round when they started at the same time. */
  function combine(mine, theirs) {
    var record = copy(mine);
    function newer(theirTime, theirRecord, myTime, myRecord) {
      return (theirTime || theirRecord.updated || "") > (myTime || myRecord.updated || "");
    }
    PARTS.forEach(function (part) {
      Object.keys(theirs[part]).forEach(function (id) {
        if (!(id in record[part]) || newer(theirs.times[part][id], theirs, record.times[part][id], mine)) {
          record[part][id] = theirs[part][id];
          if (theirs.times[part][id]) record.times[part][id] = theirs.times[part][id];
          else delete record.times[part][id];
        }
      });
    });
    function unused(round) { return !round.started && !Object.keys(round.ratings).length; }
    if (theirs.rounds.some(function (round) { return !unused(round); })) {
      record.rounds = record.rounds.filter(function (round) { return !unused(round); });
    }
    theirs.rounds.forEach(function (round) {
      if (unused(round)) return;
      var same = record.rounds.filter(function (r) { return r.started === round.started; })[0];
      if (!same) { record.rounds.push(copy(round)); return; }
      Object.keys(round.ratings).forEach(function (id) {
        if (!(id in same.ratings) || newer(round.times[id], theirs, same.times[id], mine)) {
          same.ratings[id] = round.ratings[id];
          if (round.times[id]) same.times[id] = round.times[id];
        }
      });
    });
    if (!record.rounds.length) record.rounds = [{ started: null, ratings: {}, times: {} }];
    record.rounds.sort(function (a, b) { return (a.started || "").localeCompare(b.started || ""); });
    return record;
  }

  function backupKey(moduleId) { return BACKUP_PREFIX + moduleId + ":" + now(); }

  /* Every module record this page can see (this browser's and this page's memory), and every backup. */
  function everything() {
    var records = {}, backups = {};
    kept.keys().forEach(function (key) {
      if (key.indexOf(BACKUP_PREFIX) === 0) backups[key] = kept.get(key);
      if (key.indexOf(PREFIX) !== 0) return;
      try {
        var record = migrate(JSON.parse(kept.get(key)), key.slice(PREFIX.length));
        if (record) records[record.module] = record;
      } catch (error) { /* unreadable: the module's own page backs it up */ }
    });
    return { records: records, backups: backups };
  }

  /* A backup as the portfolio shows it: which module, when it was put aside, and what can be read. */
  function describeBackup(key, text) {
    var rest = key.slice(BACKUP_PREFIX.length), split = rest.indexOf(":");
    var info = { key: key, module: split === -1 ? rest : rest.slice(0, split), saved: split === -1 ? null : rest.slice(split + 1),
                 text: text, record: null, newer: false };
    try {
      var raw = JSON.parse(text);
      info.record = salvage(raw);
      info.newer = !!info.record && typeof raw.version === "number" && raw.version > VERSION;
      if (info.record) info.module = info.record.module;
    } catch (error) { /* not readable as a record: shown as the text it is */ }
    return info;
  }

  /* What this browser does not keep, for any page to tell the learner. */
  function problems() { return refused || lost ? ["storage-failed"] : []; }

  /* ---- The store of one module ---- */

  /* read(), change(fn), replace(record), merge(record), subscribe(fn). Listeners get (record, reason,
     problems); reason is "change" (this page's own edit), "replace", "merge", "other-tab" or "problem". */
  function Store(moduleId) {
    this.moduleId = moduleId;
    this.key = PREFIX + moduleId;
    this.listeners = [];
    this.problems = problems();
    this.backUpUnreadable();
    var self = this;
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) self.notify("other-tab");
    });
  }

  Store.prototype.problem = function (kind) {
    if (this.problems.indexOf(kind) === -1) this.problems.push(kind);
  };

  /* A record this version cannot read (broken, or written by a newer version) is never overwritten:
     it is copied under a backup key first, and the portfolio offers to restore it. */
  Store.prototype.backUpUnreadable = function () {
    var raw = kept.get(this.key), record = null;
    if (raw === null) return;
    try { record = migrate(JSON.parse(raw), this.moduleId); } catch (error) { record = null; }
    if (record) return;
    var backedUp = kept.set(backupKey(this.moduleId), raw);
    if (backedUp) kept.remove(this.key);
    else { pinned[this.key] = true; memory[this.key] = JSON.stringify(empty(this.moduleId)); }  // never write over it
    this.problem(backedUp ? "backed-up" : "storage-failed");
  };

  Store.prototype.read = function () {
    var raw = kept.get(this.key), record = null;
    try { record = raw === null ? null : migrate(JSON.parse(raw), this.moduleId); } catch (error) { record = null; }
    return record || empty(this.moduleId);
  };

  Store.prototype.write = function (record, reason) {
    record.updated = now();
    if (!kept.set(this.key, JSON.stringify(record))) this.problem("storage-failed");
    this.notify(reason || "change");
    return record;
  };

  /* Apply one change to the freshest stored record; each answer it changes gets the time. */
  Store.prototype.change = function (mutate) {
    var record = this.read(), before = copy(record);
    mutate(record, currentRound(record));
    stamp(before, record, now());
    return this.write(record);
  };

  /* Replace the whole record (import, erase): every view fills in again. */
  Store.prototype.replace = function (raw) {
    return this.write(migrate(raw, this.moduleId) || salvage(raw) || empty(this.moduleId), "replace");
  };

  /* Bring in a copy kept elsewhere (the LMS, a restored backup): per answer, the newer one wins. */
  Store.prototype.merge = function (raw) {
    var incoming = migrate(raw, this.moduleId) || salvage(raw);
    if (!incoming || incoming.module !== this.moduleId) return this.read();
    return this.write(combine(this.read(), incoming), "merge");
  };

  Store.prototype.subscribe = function (listener) { this.listeners.push(listener); };

  Store.prototype.notify = function (reason) {
    var record = this.read(), self = this;
    this.listeners.forEach(function (listener) { listener(record, reason, self.problems); });
  };

  /* Put a backup back: its answers are merged into the module's record, then the backup is removed. */
  function restoreBackup(key) {
    var info = describeBackup(key, kept.get(key));
    if (!info.record) return false;
    open_(info.module).merge(info.record);
    kept.remove(key);
    return true;
  }

  /* Bring back backups from an "export all" file, under their own keys, unless already here. */
  function keepBackups(backups) {
    Object.keys(backups).forEach(function (key) {
      if (kept.get(key) === null) kept.set(key, backups[key]);
    });
  }

  function open_(moduleId) { return open[moduleId] || (open[moduleId] = new Store(moduleId)); }

  VW.AnswerStore = {
    FORMAT: FORMAT, PORTFOLIO_FORMAT: PORTFOLIO_FORMAT, VERSION: VERSION, PREFIX: PREFIX, BACKUP_PREFIX: BACKUP_PREFIX,
    RATINGS: RATINGS, ID: ID,
    open: open_, migrate: migrate, problemsOf: problemsOf, readFile: readFile, progress: progress,
    currentRound: currentRound, everything: everything, describeBackup: describeBackup, restoreBackup: restoreBackup,
    keepBackups: keepBackups, combine: combine, empty: empty, hasText: hasText, problems: problems,
    keepsAnswers: function () { return !refused && !lost; }
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
