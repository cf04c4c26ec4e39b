/* The LMS emulator of `stce-scorm preview`: scorm-again (the LMS-side SCORM runtime) on this window as
 * window.API (1.2) or window.API_1484_11 (2004), the SCO in a same-origin iframe, and an inspector of
 * what the SCO told the LMS. Commits go to the preview server, which stores the CMI per version, so
 * "Close and relaunch" resumes the way a real LMS does (entry = resume after exit = suspend). */
(function () {
  "use strict";

  /* What the emulator does with each version's LMS API. Which scorm-again build to load, the API class
   * it defines, the name the SCO looks for and the state limit come from the server (/status `targets`),
   * which takes them from the output targets (stce_scorm/targets/). */
  var VERSIONS = {
    "1.2": {
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      exit: "cmi.core.exit", entry: "cmi.core.entry",
      fields: ["cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max",
               "cmi.core.lesson_location", "cmi.core.entry", "cmi.core.exit", "cmi.core.session_time",
               "cmi.core.total_time", "cmi.core.lesson_mode", "cmi.core.credit", "cmi.student_data.mastery_score"],
      response: "student_response", time: "time"
    },
    "2004": {
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
                "GetLastError", "GetErrorString", "GetDiagnostic"],
      exit: "cmi.exit", entry: "cmi.entry",
      fields: ["cmi.completion_status", "cmi.success_status", "cmi.score.raw", "cmi.score.min", "cmi.score.max",
               "cmi.score.scaled", "cmi.progress_measure", "cmi.location", "cmi.entry", "cmi.exit",
               "cmi.session_time", "cmi.total_time", "cmi.mode", "cmi.credit", "cmi.scaled_passing_score"],
      response: "learner_response", time: "timestamp"
    }
  };
  var QUIET = /GetLastError|GetErrorString|GetDiagnostic/;
  var MAX_LOG_ROWS = 1000;

  function $(id) { return document.getElementById(id); }

  var page = {
    status: null,          // last /status answer
    segments: {},          // version -> URL segment
    targets: {},           // version -> the target's facts: build, global, apiName, label, suspendDataLimit
    version: null,
    api: null,
    frame: null,
    launchedAt: 0,
    stored: {},            // version -> what the LMS accepted so far (mirrors the server)
    log: [],               // API calls of the current launch
    logShown: 0,
    lastCommit: null,
    render: null,
    launching: false
  };
  window.preview = page;   // for tests and curious designers: window.preview.api, .log, .stored

  function announce(text) { $("announce").textContent = text; }

  function getJSON(url) {
    return fetch(url, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  var loaded = {};
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

  /* ---------------------------------------------------------------- the LMS back end, as scorm-again sees it */

  /* Every commit, the final one included, is a synchronous POST from this window (never being closed
   * itself), so the answer reaches the SCO, and the relaunch finds the data stored. */
  function PreviewHttpService(version) { this.version = version; this.settings = null; }
  PreviewHttpService.prototype.updateSettings = function (settings) { this.settings = settings; };
  PreviewHttpService.prototype.processHttpRequest = function (url, params, immediate, apiLog, listeners, metadata) {
    var payload = this.settings.requestHandler(params, metadata) || params;
    var fail = $("fail-commits").checked;
    var target = url + "?final=" + (immediate ? "true" : "false") + (fail ? "&fail=1" : "");
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
      result = sent && !fail ? { result: "true", errorCode: 0 } : { result: "false", errorCode: 101 };
    }
    var accepted = result.result === true || result.result === "true";
    if (accepted) {
      var store = page.stored[this.version] = page.stored[this.version] || {};
      flatten(payload, "", store);
    }
    page.lastCommit = { accepted: accepted, errorCode: result.errorCode, final: !!immediate, at: Date.now() };
    scheduleRender();
    return result;
  };

  /* {"cmi": {"core": {...}}} or flat keys -> "cmi.core.exit": "suspend"; empty lists add nothing (as the server). */
  function flatten(value, prefix, into) {
    if (value === null || value === undefined) return into;
    if (typeof value === "object") {
      Object.keys(value).forEach(function (key) { flatten(value[key], prefix ? prefix + "." + key : key, into); });
    } else {
      into[prefix] = String(value);
    }
    return into;
  }

  function settingsFor(version, service) {
    return {
      lmsCommitUrl: "/commit/" + page.segments[version],
      dataCommitFormat: "flattened",
      sendFullCommit: true,
      autocommit: false,                 // Moodle's default: the SCO decides when to commit
      useAsynchronousCommits: false,     // LMSCommit answers with the LMS's real result
      logLevel: 5,                       // the inspector shows the calls; keep the console quiet
      httpService: service,
      // Moodle's 1.2 LMSFinish stores a status still "not attempted" as "completed" (scorm_12.js).
      requestHandler: function (commit, meta) {
        if (version === "1.2" && meta && meta.isTerminateCommit && commit &&
            commit["cmi.core.lesson_status"] === "not attempted") {
          commit["cmi.core.lesson_status"] = "completed";
        }
        return commit;
      }
    };
  }

  /* What a Moodle-like LMS hands a new session: kept data, plus entry, credit and mode for this launch. */
  function initialData(version, stored) {
    var v = VERSIONS[version], v12 = version === "1.2";
    var first = Object.keys(stored).length === 0;
    var data = {};
    Object.keys(stored).forEach(function (key) {
      if (/^cmi\.(core\.)?(exit|session_time|entry|credit|lesson_mode|mode)$/.test(key)) return;
      if (/\._(count|children|version)$/.test(key)) return;
      if (/^cmi\.(core\.)?(student|learner)_(id|name)$/.test(key)) return;
      data[key] = stored[key];
    });
    var exit = stored[v.exit] || "";
    var entry = first ? "ab-initio" : (exit === "suspend" || (!v12 && exit === "logout") ? "resume" : "");
    if (v12) {
      data["cmi.core.student_id"] = "preview";
      data["cmi.core.student_name"] = "Reviewer, Preview";
      data["cmi.core.credit"] = "credit";
      data["cmi.core.lesson_mode"] = "normal";
    } else {
      data["cmi.learner_id"] = "preview";
      data["cmi.learner_name"] = "Reviewer, Preview";
      data["cmi.credit"] = "credit";
      data["cmi.mode"] = "normal";
    }
    data[v.entry] = entry;
    /* As Moodle does: the manifest's mastery score reaches the SCO (and the inspector) at every launch. */
    var mastery = page.status && page.status.mastery && page.status.mastery[version];
    if (v12 && mastery) data["cmi.student_data.mastery_score"] = mastery;
    return { data: data, entry: entry };
  }

  /* Log every call the SCO makes, with the error code the LMS set (and its text when not 0). */
  function wrap(api, names) {
    var originals = {};
    names.forEach(function (name) { originals[name] = api[name]; });
    var errorText = originals[names[6]];
    names.forEach(function (name) {
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments), result, error = null;
        try {
          result = originals[name].apply(api, args);
        } catch (e) {
          note(api, { name: name, args: args, result: "exception", error: String(e) });
          throw e;
        }
        if (!QUIET.test(name)) {
          error = String(api.lastErrorCode);
          if (error !== "0") error += " " + String(errorText.call(api, error));
        }
        note(api, { name: name, args: args, result: result, error: error });
        return result;
      };
    });
  }

  function note(api, entry) {
    if (api !== page.api) return;  /* a closed session's late calls */
    entry.t = Date.now() - page.launchedAt;
    page.log.push(entry);
    scheduleRender();
  }

  /* ---------------------------------------------------------------- launching the SCO */

  function closeSco() {
    if (page.frame) {
      page.frame.remove();   /* the SCO's pagehide finishes the session: its last commit lands here first */
      page.frame = null;
    }
  }

  function launch(reason) {
    var version = page.version;
    var v = VERSIONS[version], target = page.targets[version];
    closeSco();
    var holder = $("sco-holder");
    holder.textContent = "";
    if (!page.status || page.status.versions.indexOf(version) < 0) {
      holder.appendChild($("no-build").content.cloneNode(true));
      return Promise.resolve();
    }
    var storedReady = page.stored[version] ? Promise.resolve(page.stored[version])
      : getJSON("/cmi/" + page.segments[version]).then(function (s) { page.stored[version] = s; return s; });
    page.launching = true;
    return Promise.all([loadScript("/scorm-again/" + target.build), storedReady]).then(function (results) {
      var service = new PreviewHttpService(version);
      var api = new window[target.global](settingsFor(version, service));
      if (!service.settings) service.settings = api.settings;
      var init = initialData(version, results[1]);
      api.loadFromFlattenedJSON(init.data, "");
      wrap(api, v.methods);
      Object.keys(page.targets).forEach(function (name) { delete window[page.targets[name].apiName]; });
      window[target.apiName] = api;
      page.api = api;
      page.log = [];
      page.logShown = 0;
      page.lastCommit = null;
      page.launchedAt = Date.now();
      clearTable("api-log");
      $("launch-info").textContent = target.label + " as window." + target.apiName + ", entry \u201c" +
        init.entry + "\u201d, build " + page.status.build + ".";
      var frame = document.createElement("iframe");
      frame.title = "SCO";
      frame.name = "sco";
      frame.src = "/sco/" + page.segments[version] + "/index.html?build=" + page.status.build;
      frame.addEventListener("load", function () { frame.stceConfig = null; scheduleRender(); });
      holder.appendChild(frame);
      page.frame = frame;
      page.launching = false;
      announce(reason + ": SCORM " + version + ", entry " + (init.entry || "(empty)") + ".");
      scheduleRender();
    }).catch(function (error) {
      page.launching = false;
      holder.textContent = "The emulator could not start: " + error;
    });
  }

  /* ---------------------------------------------------------------- the inspector */

  function scheduleRender() {
    if (page.render) return;
    page.render = setTimeout(function () { page.render = null; render(); }, 60);
  }

  function flatCmi() {
    if (!page.api) return {};
    var flat = page.api.getFlattenedCMI(), out = {};
    Object.keys(flat).forEach(function (k) { out[k] = flat[k] === null || flat[k] === undefined ? "" : String(flat[k]); });
    return out;
  }

  function cell(row, text, header) {
    var c = document.createElement(header ? "th" : "td");
    if (header) c.scope = "row";
    c.textContent = text;
    row.appendChild(c);
    return c;
  }

  function clearTable(id) { $(id).querySelector("tbody").textContent = ""; }

  function renderFields(cmi) {
    var body = $("cmi-fields");
    body.textContent = "";
    VERSIONS[page.version].fields.forEach(function (name) {
      var row = document.createElement("tr");
      cell(row, name, true);
      var value = cell(row, cmi[name] === undefined ? "" : cmi[name]);
      value.setAttribute("data-element", name);
      body.appendChild(row);
    });
    var c = page.lastCommit;
    $("commit-info").textContent = !c ? "No commit yet." :
      "Last commit: " + (c.accepted ? "accepted" : "rejected, error " + c.errorCode) + (c.final ? " (final)" : "") +
      ", " + new Date(c.at).toLocaleTimeString() + ".";
  }

  function scoWindow() {
    try { return page.frame && page.frame.contentWindow && page.frame.contentWindow.STCE ? page.frame.contentWindow : null; }
    catch (e) { return null; }
  }

  /* The player's own decoder, run in the SCO's window with the SCO's config. */
  function decodeSuspendData(text) {
    var win = scoWindow();
    if (!text) return "(empty)";
    if (!win || !win.STCE.state) return "(the SCO is not loaded)";
    try {
      var config = win.STCE.config;  /* the page list expanded by the player (runtime/fragments.js) */
      if (!config) return "(the SCO is not loaded)";
      var state = win.STCE.state.decode(text, config);
      if (!state) return "(not readable by this build" + (win.STCE.stateError ? ": " + win.STCE.stateError : "") + ")";
      return JSON.stringify(describeState(state, config), null, 2);
    } catch (error) {
      return "(cannot decode: " + error + ")";
    }
  }

  /* Page indexes and visited bits as page anchors, so reviewers read names, not numbers. */
  function describeState(state, config) {
    var pages = config.pages.map(function (p) { return p.anchor; });
    return {
      page: pages[state.page] + " (" + (state.page + 1) + " of " + pages.length + ")",
      visited: pages.filter(function (_, i) { return state.visited[i]; }),
      answers: state.answers,
      assessments: state.assessments
    };
  }

  function renderSuspendData(cmi) {
    var text = cmi["cmi.suspend_data"] || "";
    var limit = page.targets[page.version].suspendDataLimit;
    var shares = Object.keys(page.targets).map(function (name) {
      var target = page.targets[name], meter = $("meter-" + target.segment);
      if (meter) meter.value = Math.min(text.length, target.suspendDataLimit);
      return Math.round(1000 * text.length / target.suspendDataLimit) / 10 + "% of " + target.label + "'s " +
        target.suspendDataLimit.toLocaleString("en");
    });
    $("suspend-size").textContent = text.length.toLocaleString("en") + " characters: " + shares.join(", ") +
      (text.length > limit ? " \u2014 over this version's limit!" : ".");
    $("suspend-raw").textContent = text || "(empty)";
    var decoded = decodeSuspendData(text);
    if ($("suspend-decoded").textContent !== decoded) $("suspend-decoded").textContent = decoded;
  }

  function renderInteractions(cmi) {
    var v = VERSIONS[page.version], rows = {};
    Object.keys(cmi).forEach(function (key) {
      var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
      if (m) (rows[m[1]] = rows[m[1]] || {})[m[2]] = cmi[key];
    });
    var body = $("interactions").querySelector("tbody");
    body.textContent = "";
    Object.keys(rows).sort(function (a, b) { return a - b; }).forEach(function (n) {
      var r = rows[n], row = document.createElement("tr");
      [n, r.id, r.type, r[v.response], r["correct_responses.0.pattern"], r.result, r.weighting, r.latency,
       r[v.time], r["objectives.0.id"]].forEach(function (value) { cell(row, value === undefined ? "" : value); });
      body.appendChild(row);
    });
    if (!body.children.length) {
      var row = document.createElement("tr"), c = cell(row, "None yet: answer a graded question.");
      c.colSpan = 10;
      body.appendChild(row);
    }
  }

  function renderLog() {
    var body = $("api-log").querySelector("tbody");
    for (; page.logShown < page.log.length; page.logShown++) {
      var e = page.log[page.logShown], row = document.createElement("tr");
      cell(row, String(page.logShown + 1));
      cell(row, String(e.t));
      cell(row, e.name);
      cell(row, e.args.map(function (a) { return JSON.stringify(a); }).join(", "));
      cell(row, e.result === undefined ? "" : String(e.result));
      var err = cell(row, e.error === null ? "" : e.error);
      if (e.error && e.error !== "0") row.className = "error";
      err.setAttribute("data-error", e.error || "");
      body.insertBefore(row, body.firstChild);
    }
    while (body.children.length > MAX_LOG_ROWS) body.removeChild(body.lastChild);
  }

  function render() {
    if (!page.api) return;
    var cmi = flatCmi();
    renderFields(cmi);
    renderSuspendData(cmi);
    renderInteractions(cmi);
    renderLog();
    var all = Object.keys(cmi).sort().map(function (k) { return k + " = " + cmi[k]; }).join("\n");
    if ($("cmi-all").textContent !== all) $("cmi-all").textContent = all;
  }

  /* ---------------------------------------------------------------- builds */

  /* Errors as an alert above everything; a good build's warnings folded away, as the CLI prints both. */
  function showProblems(status) {
    var box = $("problems"), warnings = $("warnings");
    fillList($("problem-list"), status.ok ? [] : status.problems);
    box.hidden = status.ok;
    fillList($("warning-list"), status.ok ? status.problems : []);
    warnings.hidden = !status.ok || !status.problems.length;
    $("warnings-summary").textContent = status.problems.length + " warning(s) in the module sources";
  }

  function fillList(list, lines) {
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li"), code = document.createElement("code");
      code.textContent = line;
      item.appendChild(code);
      list.appendChild(item);
    });
  }

  function poll() {
    getJSON("/status").then(function (status) {
      var previous = page.status;
      page.segments = status.segments;
      page.targets = status.targets;
      if (status.title) {
        $("module-title").textContent = status.title;
        document.title = "Preview: " + status.title;
      }
      if (previous && previous.build === status.build) return;
      showProblems(status);
      if (!page.version) chooseVersion(status);
      if (!status.ok) {
        announce("Build " + status.build + " failed: " + status.problems.length + " problem(s) listed above.");
        if (previous && previous.ok) {
          page.status = withBuild(previous, status.build);  /* keep showing the last good build */
          return;
        }
        page.status = status;
        if (!previous) launch("Launched the last good build");
        return;
      }
      page.status = status;
      enableVersions(status.versions);
      launch(previous ? "Rebuilt (build " + status.build + "), relaunched" : "Launched");
    }).catch(function () {
      announce("The preview server does not answer; is it still running?");
    }).then(function () { setTimeout(poll, 500); });
  }

  /* Keep serving the last good build, but remember that a newer (failed) build was seen. */
  function withBuild(status, number) {
    var copy = {};
    Object.keys(status).forEach(function (k) { copy[k] = status[k]; });
    copy.build = number;
    return copy;
  }

  function chooseVersion(status) {
    var wanted = new URLSearchParams(location.search).get("version") || status.defaultVersion;
    if (!VERSIONS[wanted] || (status.versions.length && status.versions.indexOf(wanted) < 0)) {
      wanted = status.versions[0] || "1.2";
    }
    page.version = wanted;
    document.querySelector('input[name="version"][value="' + wanted + '"]').checked = true;
    enableVersions(status.versions);
  }

  /* A version the module does not list is not built, so it cannot be chosen. */
  function enableVersions(versions) {
    document.querySelectorAll('input[name="version"]').forEach(function (radio) {
      radio.disabled = versions.length > 0 && versions.indexOf(radio.value) < 0;
    });
  }

  /* ---------------------------------------------------------------- controls */

  document.querySelectorAll('input[name="version"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (!radio.checked || radio.value === page.version) return;
      closeSco();
      page.version = radio.value;
      var url = new URL(location.href);
      url.searchParams.set("version", page.version);
      history.replaceState(null, "", url);
      launch("Switched");
    });
  });

  $("relaunch").addEventListener("click", function () { launch("Closed and relaunched"); });

  $("reset").addEventListener("click", function () {
    var version = page.version;
    closeSco();                       /* its final commit lands first, then the attempt is forgotten */
    fetch("/reset/" + page.segments[version], { method: "POST" }).then(function () {
      page.stored[version] = {};
      return launch("Attempt reset");
    });
  });

  $("fail-commits").addEventListener("change", function () {
    announce(this.checked ? "The LMS now rejects every commit (error 101)." : "The LMS accepts commits again.");
  });

  $("controls").addEventListener("submit", function (event) { event.preventDefault(); });

  setInterval(function () { if (page.api && !document.hidden) render(); }, 1000);  /* session time, late loads */
  poll();
})();
