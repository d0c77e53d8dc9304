/* Answer store: the one place a learner's answers are read, migrated, kept and written.
 *
 * A record per module lives in localStorage under "verbindend-werken:answers:<module id>".
 * Answers are data: every text is kept verbatim; nothing a learner typed is refused or dropped.
 * Answers whose ids the page no longer has stay in the record (and in exports); a record that
 * cannot be read is copied under a backup key before anything else is written. Every write
 * re-reads storage and changes only what the learner just changed, so a stale tab never
 * overwrites a newer answer; the `storage` event brings other tabs' changes in.
 * When storage fails (full, blocked, private window), answers stay in memory and on the page.
 */
(function (VW) {
  "use strict";
  var FORMAT = "verbindend-werken/answers";
  var PORTFOLIO_FORMAT = "verbindend-werken/portfolio";
  var VERSION = 2;
  var PREFIX = "verbindend-werken:answers:";
  var BACKUP_PREFIX = "verbindend-werken:backup:";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var RATINGS = { "1": true, "2": true, "3": true, "4": true, "5": true, "na": true };
  var open = {};

  function now() { return new Date().toISOString(); }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function empty(moduleId) {
    return { format: FORMAT, version: VERSION, module: moduleId, updated: null,
             rounds: [{ started: null, ratings: {} }], reflections: {}, checklist: {} };
  }

  /* A record in any known version, as version 2; null when it is not an answer record of this module. */
  function migrate(raw, moduleId) {
    if (!isPlainObject(raw) || raw.format !== FORMAT || typeof raw.module !== "string") return null;
    if (moduleId && raw.module !== moduleId) return null;
    var record = empty(raw.module);
    Object.keys(raw).forEach(function (key) { record[key] = raw[key]; });  // keep what we do not know
    if (raw.version === 1 || raw.version === undefined) {
      record.rounds = [{ started: raw.updated || null, ratings: isPlainObject(raw.ratings) ? raw.ratings : {} }];
      delete record.ratings;
    } else if (typeof raw.version !== "number" || raw.version > VERSION) {
      return null;  // a newer site wrote it: keep it untouched under a backup key
    }
    record.version = VERSION;
    if (!Array.isArray(record.rounds) || !record.rounds.length) record.rounds = [{ started: null, ratings: {} }];
    record.rounds = record.rounds.map(function (round) {
      return isPlainObject(round) && isPlainObject(round.ratings) ? round : { started: null, ratings: {} };
    });
    if (!isPlainObject(record.reflections)) record.reflections = {};
    if (!isPlainObject(record.checklist)) record.checklist = {};
    return record;
  }

  /* Structural check of a file a learner imports: ids and values, never the text of an answer. */
  function problemsOf(raw) {
    if (!isPlainObject(raw)) return "shape";
    var ratingsOk = function (ratings) {
      return isPlainObject(ratings) && Object.keys(ratings).every(function (id) {
        return ID.test(id) && RATINGS[ratings[id]] === true;
      });
    };
    var rounds = raw.version === 1 ? [{ ratings: raw.ratings }] : raw.rounds;
    if (!Array.isArray(rounds) || !rounds.length || !rounds.every(function (r) { return isPlainObject(r) && ratingsOk(r.ratings); })) return "shape";
    if (!isPlainObject(raw.reflections) || !Object.keys(raw.reflections).every(function (id) {
      return ID.test(id) && typeof raw.reflections[id] === "string";
    })) return "shape";
    if (!isPlainObject(raw.checklist) || !Object.keys(raw.checklist).every(function (id) {
      return ID.test(id) && typeof raw.checklist[id] === "boolean";
    })) return "shape";
    return null;
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

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }  // blocked: reading it throws
  }

  /* Every module record in this browser, with backups of unreadable ones. */
  function everything() {
    var store = storage(), records = {}, backups = {};
    if (!store) return { records: records, backups: backups };
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key.indexOf(BACKUP_PREFIX) === 0) backups[key] = store.getItem(key);
      if (key.indexOf(PREFIX) !== 0) continue;
      try {
        var record = migrate(JSON.parse(store.getItem(key)), key.slice(PREFIX.length));
        if (record) records[record.module] = record;
      } catch (error) { /* unreadable: the module's own page backs it up */ }
    }
    return { records: records, backups: backups };
  }

  /* The store of one module: read(), change(fn), replace(record), merge(record), subscribe(fn). */
  function Store(moduleId) {
    this.moduleId = moduleId;
    this.key = PREFIX + moduleId;
    this.listeners = [];
    this.problems = [];
    this.memory = null;  // the record, when storage cannot hold it
    this.backUpUnreadable();
    var self = this;
    window.addEventListener("storage", function (event) {
      if (event.key === self.key) self.notify("other-tab");
    });
  }

  Store.prototype.problem = function (kind) {
    if (this.problems.indexOf(kind) === -1) this.problems.push(kind);
    this.notify("problem");
  };

  Store.prototype.raw = function () {
    var store = storage();
    if (!store) { this.problem("storage-failed"); return null; }
    try { return store.getItem(this.key); } catch (error) { this.problem("storage-failed"); return null; }
  };

  /* An unreadable record is never overwritten: copy it under a backup key first. */
  Store.prototype.backUpUnreadable = function () {
    var raw = this.raw(), record = null;
    if (raw === null) return;
    try { record = migrate(JSON.parse(raw), this.moduleId); } catch (error) { record = null; }
    if (record) return;
    try {
      storage().setItem(BACKUP_PREFIX + this.moduleId + ":" + now(), raw);
      storage().removeItem(this.key);
      this.problems.push("backed-up");
    } catch (error) {
      this.memory = empty(this.moduleId);  // cannot back it up: never write over it
      this.problems.push("storage-failed");
    }
  };

  Store.prototype.read = function () {
    if (this.memory) return JSON.parse(JSON.stringify(this.memory));
    var raw = this.raw(), record = null;
    try { record = raw === null ? null : migrate(JSON.parse(raw), this.moduleId); } catch (error) { record = null; }
    return record || empty(this.moduleId);
  };

  Store.prototype.write = function (record) {
    record.updated = now();
    try {
      if (this.memory) throw new Error("storage unavailable");
      storage().setItem(this.key, JSON.stringify(record));
    } catch (error) {
      this.memory = record;  // keep working from memory; the page and exports still have everything
      this.problem("storage-failed");
    }
    this.notify("change");
    return record;
  };

  /* Apply one change to the freshest stored record. */
  Store.prototype.change = function (mutate) {
    var record = this.read();
    mutate(record, currentRound(record));
    return this.write(record);
  };

  Store.prototype.replace = function (raw) {
    var record = migrate(raw, this.moduleId);
    return this.write(record);
  };

  /* Bring in a record kept elsewhere (the LMS): per answer, the newer record wins, and an answer
     only one side has is kept. */
  Store.prototype.merge = function (raw) {
    var incoming = migrate(raw, this.moduleId);
    if (!incoming) return this.read();
    var record = this.read();
    var incomingNewer = (incoming.updated || "") > (record.updated || "");
    ["reflections", "checklist"].forEach(function (part) {
      Object.keys(incoming[part]).forEach(function (id) {
        if (incomingNewer || !(id in record[part])) record[part][id] = incoming[part][id];
      });
    });
    incoming.rounds.forEach(function (round, index) {
      var mine = record.rounds[index];
      if (!mine) { record.rounds.push(round); return; }
      Object.keys(round.ratings).forEach(function (id) {
        if (incomingNewer || !(id in mine.ratings)) mine.ratings[id] = round.ratings[id];
      });
      if (!mine.started) mine.started = round.started;
    });
    return this.write(record);
  };

  Store.prototype.subscribe = function (listener) { this.listeners.push(listener); };

  Store.prototype.notify = function (reason) {
    var record = this.read(), self = this;
    this.listeners.forEach(function (listener) { listener(record, reason, self.problems); });
  };

  VW.AnswerStore = {
    FORMAT: FORMAT, PORTFOLIO_FORMAT: PORTFOLIO_FORMAT, VERSION: VERSION, PREFIX: PREFIX, BACKUP_PREFIX: BACKUP_PREFIX,
    RATINGS: RATINGS,
    open: function (moduleId) { return open[moduleId] || (open[moduleId] = new Store(moduleId)); },
    migrate: migrate, problemsOf: problemsOf, progress: progress, currentRound: currentRound,
    everything: everything, empty: empty, hasText: hasText
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
