/* What SCORM 1.2 and 2004 share: finding the LMS's API object and a session that calls it with every
 * error checked. Each version's file (scorm12.js, scorm2004.js) describes its API and data model (names,
 * cmi paths, limits, time formats, how a report maps onto it) and registers the tracker built from it
 * here. Rules from real LMSs (Moodle above all): connect once per launch; check every call; a rejected
 * write of the learner's state or a failed commit is a failed save; never call the API after finishing.
 * Every call may be a blocking round trip to the server, so the launch reads only what the first page
 * needs. */
(function (STCE) {
  "use strict";

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

  /* One launch's connection to the LMS. `model` is the version's description (scorm12.js, scorm2004.js). */
  function Session(config, model, api) {
    this.config = config; this.model = model; this.api = api; this.limits = { state: model.limits.suspendData };
    this.written = {}; this.unsaved = {}; this.dirty = false; this.finished = false;
    this.log = STCE.log = STCE.log || [];
  }

  /* One API call, logged, with its error checked; returns the call's value or null on error. */
  Session.prototype.call = function (method, args) {
    if (this.finished) return null;
    var methods = this.model.methods, value, code = "0", text = "";
    try {
      value = String(this.api[methods[method]].apply(this.api, args || []));
      /* GetValue answers "" on error, which reads as "no value" anyway, so its error is not asked for;
       * the others answer "true" or "false", and asking for the error after a successful Finish would
       * be a call after finishing. */
      if (method !== "get" && value !== "true") {
        code = String(this.api[methods.error]());
        if (code !== "0") text = String(this.api[methods.errorText](code));
      }
    } catch (error) {
      value = "false"; code = "exception"; text = String(error);
    }
    var ok = method === "get" ? code === "0" : value === "true";
    this.log.push({ call: methods[method], args: args || [], value: value, error: code, message: text });
    if (!ok && window.console) console.warn("stce-scorm: " + methods[method] + " failed (" + code + " " + text + ")");
    return ok ? value : null;
  };

  Session.prototype.get = function (element) { return this.call("get", [element]); };

  /* Sets a value only if the LMS does not hold it already. A rejected write of the learner's state stays
   * unsaved: each commit writes it again, and the learner is told until it goes through. Interaction
   * records are reports written once: a rejected one is only logged. */
  Session.prototype.set = function (element, value) {
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
  Session.prototype.rewrite = function () {
    var self = this;
    Object.keys(this.unsaved).forEach(function (element) { self.set(element, self.unsaved[element]); });
    return Object.keys(this.unsaved).length === 0;
  };

  /* Initializes and reads what the first page needs, nothing else: the player shows the page before
   * anything is written. What is read counts as written, so an unchanged value is never sent back. */
  Session.prototype.initialize = function () {
    if (this.call("initialize", [""]) === null) return false;
    var e = this.model.elements, self = this;
    function read(element) {
      var value = self.get(element) || "";
      self.written[element] = value;
      return value;
    }
    this.resume = { location: read(e.location), suspendData: read(e.suspendData) };
    this.previous = this.model.readStatus(read);
    this.bestScore = parseFloat(this.previous.score);
    return true;
  };

  Session.prototype.save = function (report) {
    var e = this.model.elements, limits = this.model.limits;
    if (!this.begun) {
      this.begun = true;
      this.set(e.exit, "suspend");  /* so the LMS keeps the attempt if the window just closes */
    }
    if (report.location.length > limits.location) report.location = report.location.slice(0, limits.location);
    this.set(e.location, report.location);
    /* suspendData null: the player keeps what the LMS holds until the learner does something new */
    if (report.suspendData !== null) this.set(e.suspendData, report.suspendData);
    this.model.report(this, report, this.previous);
  };

  /* One interaction record per answered graded question, appended after those already stored. */
  Session.prototype.interactions = function (records) {
    var self = this;
    if (this.interactionCount === undefined) this.interactionCount = +(this.get("cmi.interactions._count") || 0);
    records.forEach(function (record) {
      self.model.interaction(self, "cmi.interactions." + self.interactionCount + ".", record);
      self.interactionCount += 1;
    });
  };

  /* Each tested objective's score and status, at its fixed index, unless the LMS holds a better one.
   * Objectives get fixed indexes, in module order, so each launch finds them where it left them. */
  Session.prototype.objectives = function (results, passingScore) {
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
      self.model.objective(self, prefix, r.score, r.score >= passingScore);
    });
  };

  /* Writes again what was rejected, then commits; true only if both went through. */
  Session.prototype.commit = function () {
    var written = this.rewrite();
    if (this.call("commit", [""]) !== null && written) {
      this.dirty = false;
      return true;
    }
    this.dirty = true;
    return false;
  };

  /* Sets the final values and calls Finish alone, which persists them: no Commit before it, since while
   * the page is being dismissed an LMS may get only one request out (Moodle 4.5 sends it by sendBeacon,
   * capped at 64 KB in flight) and a second would fail, losing the session time. */
  Session.prototype.finish = function (sessionMs, done) {
    var e = this.model.elements;
    this.set(e.sessionTime, this.model.duration(sessionMs));
    this.set(e.exit, done ? this.model.exitDone : "suspend");
    var written = this.rewrite();
    var saved = this.call("finish", [""]) !== null && written;
    this.finished = true;  /* from here on, no API call is ever made */
    return saved;
  };

  /* The tracker for one SCORM version, to register: it connects when the LMS's API is found. */
  function tracker(model) {
    return {
      name: model.name, fallback: false, model: model,
      connect: function (config) {
        var api = findApi(model.apiName, model.methods);
        if (!api) return null;
        var session = new Session(config, model, api);
        return session.initialize() ? session : null;
      }
    };
  }

  STCE.scorm = { findApi: findApi, tracker: tracker };
})(window.STCE = window.STCE || {});
