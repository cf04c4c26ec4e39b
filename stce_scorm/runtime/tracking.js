/* Tracking: the one interface between the player and whatever records the learner's progress.
 *
 * The player calls connect(), then save(report) after every meaningful change, and finish() once.
 * An adapter per SCORM version (scorm12.js, scorm2004.js) says how a report maps to that version's
 * data model; without an LMS API, standalone.js keeps progress in this browser.
 * Rules from real LMSs (Moodle above all): connect once per launch; commit after changes, throttled;
 * commit when the page is hidden and finish on pagehide, never on unload (Moodle 4.5 forbids it);
 * check every call and retry a failed commit; never call the API after finishing. */
(function (STCE) {
  "use strict";
  var THROTTLE_MS = 1500, RETRY_MS = [2000, 4000, 8000, 16000, 30000];

  /* Current window, then up the parent chain, then the opener and its parents; cross-origin
   * frames throw on access, so every probe is guarded. */
  function findApi(name) {
    function search(win) {
      for (var depth = 0; win && depth < 500; depth++) {
        try { if (win[name]) return win[name]; } catch (e) { /* cross-origin frame */ }
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
    this.written = {}; this.dirty = false; this.finished = false; this.failures = 0;
    this.timer = null; this.lastCommit = 0; this.started = Date.now();
    this.log = STCE.log = STCE.log || [];
  }

  /* One API call, logged, with its error checked; returns the call's value or null on error. */
  Tracker.prototype.call = function (method, args) {
    if (this.finished) return null;
    var value, code = "0", text = "";
    try {
      value = String(this.api[this.adapter.methods[method]].apply(this.api, args || []));
      /* GetValue signals errors only through GetLastError; the others answer "true" or "false", and
       * asking for the error after a successful Finish would be a call after finishing. */
      if (method === "get" || value !== "true") {
        code = String(this.api[this.adapter.methods.error]());
        if (code !== "0") text = String(this.api[this.adapter.methods.errorText](code));
      }
    } catch (error) {
      value = "false"; code = "exception"; text = String(error);
    }
    /* 403 (2004): "not initialized", the normal answer for a value never set, e.g. on first launch. */
    var ok = method === "get" ? code === "0" || code === "403" : value === "true";
    if (ok && method === "get" && code === "403") value = "";
    this.log.push({ call: this.adapter.methods[method], args: args || [], value: value, error: code, message: text });
    if (!ok && window.console) console.warn("stce-scorm: " + this.adapter.methods[method] + " failed (" + code + " " + text + ")");
    return ok ? value : null;
  };

  Tracker.prototype.get = function (element) { return this.call("get", [element]); };

  /* Sets a value only if it changed since we last wrote it. */
  Tracker.prototype.set = function (element, value) {
    value = String(value);
    if (this.written[element] === value) return true;
    if (this.call("set", [element, value]) === null) return false;
    this.written[element] = value;
    this.dirty = true;
    return true;
  };

  Tracker.prototype.connect = function () {
    if (this.call("initialize", [""]) === null) return false;
    var a = this.adapter, self = this;
    this.resume = {
      entry: this.get(a.elements.entry) || "",
      location: this.get(a.elements.location) || "",
      suspendData: this.get(a.elements.suspendData) || ""
    };
    this.previous = a.readStatus(function (el) { return self.get(el); });
    a.begin(this, this.previous);
    this.interactionCount = +(this.get("cmi.interactions._count") || 0);
    /* Objectives get fixed indexes, in module order, so each launch finds them where it left them. */
    var objectives = this.config.objectives || [], count = +(this.get("cmi.objectives._count") || 0);
    for (var i = count; i < objectives.length && a.objectives; i++) this.set("cmi.objectives." + i + ".id", objectives[i]);
    this.set(a.elements.exit, "suspend");  /* so the LMS keeps the attempt if the window just closes */
    this.commit();
    return true;
  };

  /* report: {location, suspendData, completed, success, score, progress}. */
  Tracker.prototype.save = function (report, urgent) {
    if (this.finished) return;
    var a = this.adapter;
    if (report.location.length > a.limits.location) report.location = report.location.slice(0, a.limits.location);
    this.set(a.elements.location, report.location);
    if (report.suspendData.length > a.limits.suspendData) {
      this.notify("state_too_large");  /* the build checks the worst case, so this should never happen */
    } else {
      this.set(a.elements.suspendData, report.suspendData);
    }
    a.report(this, report, this.previous);
    this.lastReport = report;
    if (urgent) this.commit(); else this.schedule();
  };

  /* One interaction record per answered graded question, appended after those already stored. */
  Tracker.prototype.recordInteractions = function (records) {
    if (this.finished || !this.adapter.interaction) return;
    var self = this;
    records.forEach(function (record) {
      self.adapter.interaction(self, "cmi.interactions." + self.interactionCount + ".", record);
      self.interactionCount += 1;
    });
  };

  /* Each tested objective's score and status, at its fixed index. */
  Tracker.prototype.reportObjectives = function (results, passingScore) {
    if (this.finished || !this.adapter.objective) return;
    var objectives = this.config.objectives || [], self = this;
    results.forEach(function (r) {
      var index = objectives.indexOf(r.id);
      if (index >= 0) self.adapter.objective(self, "cmi.objectives." + index + ".", r.score, r.score >= passingScore);
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
    if (this.call("commit", [""]) !== null) {
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

  Tracker.prototype.finish = function () {
    if (this.finished) return;
    var a = this.adapter, done = this.lastReport && this.lastReport.completed;
    this.set(a.elements.sessionTime, a.sessionTime(Date.now() - this.started));
    this.set(a.elements.exit, done ? a.exitDone : "suspend");
    this.call("commit", [""]);
    this.call("finish", [""]);
    if (this.timer) clearTimeout(this.timer);
    this.finished = true;  /* from here on, no API call is ever made */
  };

  /* Connect to the LMS if one is there; otherwise run standalone. Returns the tracker. */
  STCE.connect = function (config, notify) {
    var adapter = STCE.adapters[config.scorm];
    var api = findApi(adapter.apiName);
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
