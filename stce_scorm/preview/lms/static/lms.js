/* The LMS side of the stand-in that `stce-scorm preview` and the browser tests share: scorm-again (the
 * LMS-side SCORM runtime an LMS would use) set up the way Moodle sets up its player, with the data Moodle
 * hands a new session, every API call logged, and the faults of a real LMS on demand (values it refuses,
 * a slow server). The version facts come from the server (`/lms/versions.json`), never from a copy here:
 * this script acts on what they declare and never compares version names.
 *
 *   StceLms.start(options) -> Promise of {api, version, entry, first, data}
 *
 * options:
 *   version      a target's name, as the keys of versions.json spell them
 *   commitUrl    where commits go (POST; "?final=true" marks the Finish/Terminate commit)
 *   stored       what the LMS holds for the attempt (flattened CMI), or cmiUrl to fetch it from
 *   mode         "normal" (default), "browse" or "review": credit is "credit" only for normal
 *   learner      {id, name}
 *   mastery      the mastery score (adlcp:masteryscore), for a version whose LMS sets one at launch
 *                (elements.mastery), or null; masteryOverride: Moodle's "mastery score overrides status"
 *   passing      the scaled passing score, for a version whose LMS sets one (elements.passing), or null
 *   commits      "sync" (synchronous XHR; LMSCommit returns the LMS's real answer; Finish/Terminate by
 *                navigator.sendBeacon), "moodle" (every commit a synchronous XHR, Finish included, as
 *                Moodle's DoRequest), "async" (fetch keepalive, scorm-again's legacy mode: Commit always
 *                answers "true"), or "preview" (synchronous XHR from a window that is never closed;
 *                refuseCommit() true makes the LMS refuse it)
 *   faults       {reject: [elements whose SetValue the LMS refuses], latency: ms every call blocks}; read
 *                at every call, so it can be switched while the SCO runs
 *   onCall(entry)    every API call: {name, args, result, error (code or null), errorText, t, snapshot}
 *   onCommit(info)   every commit's outcome: {accepted, errorCode, final, payload}
 *   note(what, detail)  lifecycle notes (first-launch, resume, commit-success, commit-error)
 *   snapshot()   optional: its answer is logged with each call, to see what the SCO showed at the time
 */
(function () {
  "use strict";

  var QUIET = /GetLastError|GetErrorString|GetDiagnostic/;
  /* The elements (by their key in a version's `elements`) that belong to one session: never carried over. */
  var PER_SESSION = ["exit", "sessionTime", "entry", "credit", "mode", "learnerId", "learnerName"];
  var versions = null;
  var loaded = {};

  function getJSON(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function loadScript(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return loaded[src];
  }

  function loadVersions() {
    if (!versions) versions = getJSON("/lms/versions.json").then(function (v) { StceLms.versions = v; return v; });
    return versions;
  }

  /* {"cmi": {"core": {...}}} or flat keys -> "cmi.core.exit": "suspend"; empty lists add nothing. */
  function flatten(value, prefix, into) {
    if (value === null || value === undefined) return into;
    if (typeof value === "object") {
      Object.keys(value).forEach(function (key) { flatten(value[key], prefix ? prefix + "." + key : key, into); });
    } else {
      into[prefix] = String(value);
    }
    return into;
  }

  /* ---------------------------------------------------------------- commit transports */

  /* Moodle's DoRequest: a blocking XHR for every store, LMSFinish/Terminate included (scorm_12.js StoreData). */
  function MoodleHttpService(options) { this.options = options; this.settings = null; }
  MoodleHttpService.prototype.updateSettings = function (s) { this.settings = s; };
  MoodleHttpService.prototype.processHttpRequest = function (url, params, immediate, apiLog, listeners, metadata) {
    var payload = this.settings.requestHandler(params, metadata) || params;
    var xhr = new XMLHttpRequest(), result;
    try {
      xhr.open("POST", url, false);
      xhr.setRequestHeader("Content-Type", "application/json;charset=UTF-8");
      xhr.send(JSON.stringify(payload));
      result = this.settings.xhrResponseHandler(xhr);
    } catch (e) {
      this.options.note("commit-exception", String(e));
      result = { result: "false", errorCode: 101, errorMessage: String(e) };
    }
    report(this.options, result, !!(metadata && metadata.isTerminateCommit), payload);
    return result;
  };

  /* The preview's: every commit, the final one included, a synchronous POST from a window that is never
   * being closed itself, so the answer reaches the SCO and a relaunch finds the data stored. */
  function PreviewHttpService(options) { this.options = options; this.settings = null; }
  PreviewHttpService.prototype.updateSettings = function (s) { this.settings = s; };
  PreviewHttpService.prototype.processHttpRequest = function (url, params, immediate, apiLog, listeners, metadata) {
    var payload = this.settings.requestHandler(params, metadata) || params;
    var refuse = this.options.refuseCommit();
    var target = url + "?final=" + (immediate ? "true" : "false") + (refuse ? "&fail=1" : "");
    var body = JSON.stringify(payload), result;
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", target, false);
      xhr.setRequestHeader("Content-Type", "application/json;charset=UTF-8");
      xhr.send(body);
      result = this.settings.xhrResponseHandler(xhr);
    } catch (error) {
      /* A browser that refuses blocking requests here: send it anyway, unanswered. */
      var sent = navigator.sendBeacon && navigator.sendBeacon(target, new Blob([body], { type: "text/plain" }));
      result = sent && !refuse ? { result: "true", errorCode: 0 } : { result: "false", errorCode: 101 };
    }
    report(this.options, result, !!immediate, payload);
    return result;
  };

  function report(options, result, final, payload) {
    options.onCommit({ accepted: result.result === true || result.result === "true", errorCode: result.errorCode,
                       final: final, payload: payload });
  }

  function settingsFor(options, facts, service) {
    var commits = options.commits, status = facts.elements.status, finishStatus = facts.finishStatus || {};
    var settings = {
      lmsCommitUrl: options.commitUrl,
      dataCommitFormat: "flattened",   // body: {"cmi.core.lesson_status": "...", ...}
      sendFullCommit: true,
      autocommit: false,               // Moodle's "Auto-commit" is off by default: the SCO decides
      useAsynchronousCommits: commits === "async",
      asyncModeBeaconBehavior: commits === "async" ? "on-terminate" : "never",
      logLevel: 5,                     // NONE: the log is kept by onCall, keep the console quiet
      mastery_override: !!options.masteryOverride,
      // The statuses Moodle rewrites at Finish (`finishStatus`: its 1.2 LMSFinish stores a status still
      // "not attempted" as "completed", scorm_12.js StoreData). scorm-again's own autoCompleteLessonStatus
      // does not fire here (its lesson_status default is already "not attempted", so it counts as set by
      // the module), hence this handler.
      requestHandler: function (commit, meta) {
        if (meta && meta.isTerminateCommit && commit && status &&
            Object.prototype.hasOwnProperty.call(finishStatus, commit[status])) {
          commit[status] = finishStatus[commit[status]];
        }
        return commit;
      }
    };
    // The Finish/Terminate commit arrives as <commitUrl>?final=true (the preview's service says it itself).
    if (commits !== "preview") settings.terminateCommitParam = "final";
    if (service) settings.httpService = service;
    return settings;
  }

  /* ---------------------------------------------------------------- the data a new session starts with */

  /* What Moodle hands a new session: the kept data, plus entry, credit, mode and the learner for this launch. */
  function initialData(options, facts, stored) {
    var el = facts.elements;
    var first = Object.keys(stored).length === 0;
    var data = {};
    var perSession = PER_SESSION.map(function (key) { return el[key]; });
    // Carry over what Moodle keeps between sessions; never exit or session time (per-session, write-only),
    // nor what it sets anew at each launch.
    Object.keys(stored).forEach(function (key) {
      if (perSession.indexOf(key) >= 0) return;
      if (/\._(count|children|version)$/.test(key)) return;
      data[key] = stored[key];
    });
    var exit = stored[el.exit] || "";
    // Moodle (scorm_12lib.php get_scorm_default): no status yet -> ab-initio; an exit in the version's
    // `resumeExits` -> resume; else "".
    var entry = first ? "ab-initio" : (facts.resumeExits.indexOf(exit) >= 0 ? "resume" : "");
    var mode = options.mode || "normal";
    data[el.learnerId] = options.learner.id;
    data[el.learnerName] = options.learner.name;
    data[el.entry] = entry;
    data[el.credit] = mode === "normal" ? "credit" : "no-credit";
    data[el.mode] = mode;
    if (el.mastery && options.mastery) data[el.mastery] = String(options.mastery);
    if (el.passing && options.passing) data[el.passing] = String(options.passing);
    return { data: data, entry: entry, first: first };
  }

  /* ---------------------------------------------------------------- every call logged; faults on demand */

  /* A slow LMS: the call blocks for `ms`, as it would on a blocking request to its server, and waits on one
   * (/lms/wait), so the wait costs no CPU. A page being closed may not make blocking requests: what is left
   * of the time is then spent in a loop. */
  function block(ms) {
    if (!(ms > 0)) return;
    var until = Date.now() + ms;
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", "/lms/wait?ms=" + Math.ceil(ms), false);
      xhr.send();
    } catch (e) { /* refused while the page is being closed */ }
    while (Date.now() < until) { /* the rest of the time */ }
  }

  function wrap(api, options, facts) {
    var originals = {}, faultCode = null;   // a fault's error, until the next call that is not an error query
    facts.methods.forEach(function (name) { originals[name] = api[name]; });
    var errorText = originals[facts.methods[6]];
    facts.methods.forEach(function (name) {
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var quiet = QUIET.test(name), faults = options.faults || {}, result;
        block(+faults.latency || 0);
        if (!quiet) faultCode = null;
        if (/SetValue$/.test(name) && (faults.reject || []).indexOf(args[0]) >= 0) {
          faultCode = facts.rejectCode;
          result = "false";
        } else if (/GetLastError$/.test(name) && faultCode !== null) {
          result = faultCode;
        } else {
          try {
            result = originals[name].apply(api, args);
          } catch (e) {
            options.onCall({ name: name, args: args, result: null, error: "exception: " + e, errorText: "",
                             t: Date.now() });
            throw e;
          }
        }
        var error = quiet ? null : faultCode !== null ? faultCode : String(api.lastErrorCode);
        options.onCall({ name: name, args: args, result: result, error: error,
                         errorText: error && error !== "0" ? String(errorText.call(api, error)) : "",
                         t: Date.now(), snapshot: options.snapshot ? options.snapshot() : null });
        return result;
      };
    });
  }

  /* ---------------------------------------------------------------- a session */

  function start(options) {
    var defaults = { mode: "normal", commits: "sync", learner: { id: "learner1", name: "Learner, Test" },
                     faults: { reject: [], latency: 0 }, onCall: function () {}, onCommit: function () {},
                     note: function () {}, refuseCommit: function () { return false; } };
    Object.keys(defaults).forEach(function (key) { if (options[key] === undefined) options[key] = defaults[key]; });
    return loadVersions().then(function (all) {
      var facts = all[options.version];
      if (!facts) throw new Error("unknown SCORM version " + options.version + " (known: " + Object.keys(all).join(", ") + ")");
      var stored = options.stored ? Promise.resolve(options.stored) : getJSON(options.cmiUrl);
      return Promise.all([loadScript("/scorm-again/" + facts.runtime), stored]).then(function (results) {
        var service = options.commits === "moodle" ? new MoodleHttpService(options)
          : options.commits === "preview" ? new PreviewHttpService(options) : null;
        var api = new window[facts.runtimeGlobal](settingsFor(options, facts, service));
        if (service && !service.settings) service.settings = api.settings;
        var init = initialData(options, facts, results[1] || {});
        api.loadFromFlattenedJSON(init.data, "");
        options.note(init.first ? "first-launch" : "resume", { entry: init.entry, loaded: Object.keys(init.data).length });
        api.on("CommitSuccess", function () { options.note("commit-success", null); });
        api.on("CommitError", function (code) { options.note("commit-error", code); });
        wrap(api, options, facts);
        return { api: api, version: options.version, apiName: facts.apiName, entry: init.entry, first: init.first,
                 data: init.data };
      });
    });
  }

  var StceLms = { versions: null, load: loadVersions, start: start, flatten: flatten };
  window.StceLms = StceLms;
})();
