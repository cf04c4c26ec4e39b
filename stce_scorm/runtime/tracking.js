/* Tracking: the one interface between the player and whatever records the learner's progress.
 *
 * The player calls connect(), then save(report) after every meaningful change, and finish() once.
 * An adapter per SCORM version (scorm12.js, scorm2004.js) says how a report maps to that version's
 * data model; without an LMS API, standalone.js keeps progress in this browser.
 * Rules from real LMSs (Moodle above all): connect once per launch; commit after changes, throttled;
 * commit when the page is hidden and finish on pagehide, never on unload (Moodle 4.5 forbids it);
 * check every call; a rejected write of the learner's state or a failed commit is a failed save, told
 * to the learner and retried; never call the API after finishing. Every call may be a blocking round
 * trip to the server, so the launch reads only what the first page needs. */
(function (STCE) {
  "use strict";
  var THROTTLE_MS = 1500, RETRY_MS = [2000, 4000, 8000, 16000, 30000];

  /* Only an object with every function of the API counts: an element with id="API" is also
   * window.API (named access), and must not be taken for the LMS. */
  function isApi(candidate, methods) {
    if (!candidate || typeof candidate !== "object" || candidate.nodeType) return false;
    for (var key in methods) {
      if (typeof candidate[methods[key]] !== "function") return false;
    }
    return true;
  }

  /* Current window, then up the parent chain, then the opener and its parents; cross-origin
   * frames throw on access, so every probe is guarded. */
  function findApi(name, methods) {
    function search(win) {
      for (var depth = 0; win && depth < 500; depth++) {
        try { if (isApi(win[name], methods || {})) return win[name]; } catch (e) { /* cross-origin frame */ }
        var parent;
        try { parent = win.parent; } catch (e) { return null; }
        if (!parent || parent === win) return null;
        win = parent;
      }
      return null;
    }
    var api = search(window);
    if (!api) {
      try { if (window.opener) api = search(window.opener); } catch (e) { api = null; }
    }
    return api;
  }

  function Tracker(config, adapter, api, notify) {
    this.config = config; this.adapter = adapter; this.api = api; this.notify = notify;
    this.written = {}; this.unsaved = {}; this.dirty = false; this.finished = false; this.failures = 0;
    this.timer = null; this.lastCommit = 0; this.started = Date.now();
    this.log = STCE.log = STCE.log || [];
  }

  /* One API call, logged, with its error checked; returns the call's value or null on error. */
  Tracker.prototype.call = function (method, args) {
    if (this.finished) return null;
    var value, code = "0", text = "";
    try {
      value = String(this.api[this.adapter.methods[method]].apply(this.api, args || []));
      /* GetValue answers "" on error, which reads as "no value" anyway, so its error is not asked for;
       * the others answer "true" or "false", and asking for the error after a successful Finish would
       * be a call after finishing. */
      if (method !== "get" && value !== "true") {
        code = String(this.api[this.adapter.methods.error]());
        if (code !== "0") text = String(this.api[this.adapter.methods.errorText](code));
      }
    } catch (error) {
      value = "false"; code = "exception"; text = String(error);
    }
    var ok = method === "get" ? code === "0" : value === "true";
    this.log.push({ call: this.adapter.methods[method], args: args || [], value: value, error: code, message: text });
    if (!ok && window.console) console.warn("stce-scorm: " + this.adapter.methods[method] + " failed (" + code + " " + text + ")");
    return ok ? value : null;
  };

  Tracker.prototype.get = function (element) { return this.call("get", [element]); };

  /* Sets a value only if the LMS does not hold it already. A rejected write of the learner's state stays
   * unsaved: each commit writes it again, and the learner is told until it goes through. Interaction
   * records are reports written once: a rejected one is only logged. */
  Tracker.prototype.set = function (element, value) {
    value = String(value);
    if (this.written[element] === value) {
      delete this.unsaved[element];
      return true;
    }
    this.dirty = true;
    if (this.call("set", [element, value]) === null) {
      if (!/^cmi\.interactions\./.test(element)) this.unsaved[element] = value;
      return false;
    }
    this.written[element] = value;
    delete this.unsaved[element];
    return true;
  };

  /* Writes again what the LMS rejected; true when nothing is left unsaved. */
  Tracker.prototype.rewrite = function () {
    var self = this;
    Object.keys(this.unsaved).forEach(function (element) { self.set(element, self.unsaved[element]); });
    return Object.keys(this.unsaved).length === 0;
  };

  /* Initializes and reads what the first page needs, nothing else: the player shows the page before
   * anything is written. What is read counts as written, so an unchanged value is never sent back. */
  Tracker.prototype.connect = function () {
    if (this.call("initialize", [""]) === null) return false;
    var a = this.adapter, self = this;
    function read(element) {
      var value = self.get(element) || "";
      self.written[element] = value;
      return value;
    }
    this.resume = { location: read(a.elements.location), suspendData: read(a.elements.suspendData) };
    this.previous = a.readStatus(read);
    return true;
  };

  /* report: {location, suspendData (null: leave the LMS's copy alone), completed, success, score, progress}. */
  Tracker.prototype.save = function (report, urgent) {
    if (this.finished) return;
    var a = this.adapter;
    if (!this.begun) {
      this.begun = true;
      this.set(a.elements.exit, "suspend");  /* so the LMS keeps the attempt if the window just closes */
    }
    if (report.location.length > a.limits.location) report.location = report.location.slice(0, a.limits.location);
    this.set(a.elements.location, report.location);
    if (report.suspendData === null) {
      /* the player keeps what the LMS holds until the learner does something new */
    } else if (report.suspendData.length > a.limits.suspendData) {
      this.notify("state_too_large");  /* the build checks the worst case, so this should never happen */
    } else {
      this.set(a.elements.suspendData, report.suspendData);
    }
    /* The LMS record keeps the best result: a lower score than it held at launch is not reported. */
    if (report.score !== null && report.score < parseFloat(this.previous.score)) report.score = null;
    a.report(this, report, this.previous);
    this.lastReport = report;
    if (urgent) this.commit(); else this.schedule();
  };

  /* One interaction record per answered graded question, appended after those already stored. */
  Tracker.prototype.recordInteractions = function (records) {
    if (this.finished || !this.adapter.interaction) return;
    var self = this;
    if (this.interactionCount === undefined) this.interactionCount = +(this.get("cmi.interactions._count") || 0);
    records.forEach(function (record) {
      self.adapter.interaction(self, "cmi.interactions." + self.interactionCount + ".", record);
      self.interactionCount += 1;
    });
  };

  /* Each tested objective's score and status, at its fixed index, unless the LMS holds a better one.
   * Objectives get fixed indexes, in module order, so each launch finds them where it left them. */
  Tracker.prototype.reportObjectives = function (results, passingScore) {
    if (this.finished || !this.adapter.objective) return;
    var objectives = this.config.objectives || [], self = this;
    if (this.objectiveCount === undefined) {
      this.objectiveCount = +(this.get("cmi.objectives._count") || 0);
      for (var i = this.objectiveCount; i < objectives.length; i++) this.set("cmi.objectives." + i + ".id", objectives[i]);
    }
    results.forEach(function (r) {
      var index = objectives.indexOf(r.id), prefix = "cmi.objectives." + index + ".";
      if (index < 0) return;
      if (index < self.objectiveCount && self.written[prefix + "score.raw"] === undefined) {
        self.written[prefix + "score.raw"] = self.get(prefix + "score.raw") || "";
      }
      if (r.score < parseFloat(self.written[prefix + "score.raw"])) return;
      self.adapter.objective(self, prefix, r.score, r.score >= passingScore);
    });
  };

  Tracker.prototype.schedule = function () {
    if (!this.dirty || this.timer) return;
    var self = this, wait = Math.max(0, this.lastCommit + THROTTLE_MS - Date.now());
    this.timer = setTimeout(function () { self.timer = null; self.commit(); }, wait);
  };

  Tracker.prototype.commit = function () {
    if (this.finished) return false;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.lastCommit = Date.now();
    var written = this.rewrite();
    if (this.call("commit", [""]) !== null && written) {
      this.dirty = false;
      if (this.failures) { this.failures = 0; this.notify("saved_again"); }
      return true;
    }
    /* Never lose data silently: say so, and try again with growing pauses while data is unsaved. */
    this.dirty = true;
    this.notify("saving_failed");
    var self = this, pause = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.timer = setTimeout(function () { self.timer = null; self.commit(); }, pause);
    return false;
  };

  /* Sets the final values and calls Finish alone, which persists them: no Commit before it, since while
   * the page is being dismissed an LMS may get only one request out (Moodle 4.5 sends it by sendBeacon,
   * capped at 64 KB in flight) and a second would fail, losing the session time. Returns whether
   * everything the player set reached the LMS, as far as the LMS says. */
  Tracker.prototype.finish = function () {
    if (this.finished) return this.saved;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    var a = this.adapter, done = this.lastReport && this.lastReport.completed;
    this.set(a.elements.sessionTime, a.sessionTime(Date.now() - this.started));
    this.set(a.elements.exit, done ? a.exitDone : "suspend");
    var written = this.rewrite();
    this.saved = this.call("finish", [""]) !== null && written;
    this.finished = true;  /* from here on, no API call is ever made */
    return this.saved;
  };

  /* Connect to the LMS if one is there; otherwise run standalone. Returns the tracker. */
  STCE.connect = function (config, notify) {
    var adapter = STCE.adapters[config.scorm];
    var api = findApi(adapter.apiName, adapter.methods);
    if (api) {
      var tracker = new Tracker(config, adapter, api, notify);
      if (tracker.connect()) { tracker.mode = "lms"; return tracker; }
    }
    var local = new Tracker(config, STCE.adapters.standalone, STCE.standaloneApi(config), notify);
    local.connect();
    local.mode = "standalone";
    return local;
  };

  /* Durations and clock times in each version's own format. */
  STCE.time = {
    clock12: function (date) {  /* 1.2 CMITime: HH:MM:SS, local time */
      function two(n) { return (n < 10 ? "0" : "") + n; }
      return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds());
    },
    /* 2004 timestamp in UTC with exactly two decimals: Moodle rejects three (toISOString), and a "Z"
     * without a fraction. */
    timestamp2004: function (date) {
      return date.toISOString().replace(/(\.\d\d)\dZ$/, "$1Z");
    },
    scorm12: function (ms) {  /* HHHH:MM:SS.SS; Moodle accepts 2 to 4 hour digits */
      var cs = Math.round(ms / 10), h = Math.min(9999, Math.floor(cs / 360000));
      var m = Math.floor(cs % 360000 / 6000), s = Math.floor(cs % 6000 / 100), f = cs % 100;
      function two(n) { return (n < 10 ? "0" : "") + n; }
      return two(h) + ":" + two(m) + ":" + two(s) + "." + two(f);
    },
    scorm2004: function (ms) {  /* ISO 8601 duration, at most 2 decimals on seconds (Moodle rejects 3) */
      var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs % 360000 / 6000);
      var s = (cs % 6000) / 100;
      var seconds = s.toFixed(2).replace(/\.?0+$/, "");
      return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + seconds + "S";
    }
  };

  STCE.adapters = STCE.adapters || {};
  STCE.findApi = findApi;
})(window.STCE = window.STCE || {});
