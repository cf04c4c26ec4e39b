/* The LMS emulator of `stce-scorm preview`: the LMS stand-in the browser tests use too (/lms/lms.js:
 * scorm-again set up as Moodle sets up its player) on this window under the chosen version's API name
 * (versions.json `apiName`), the SCO in a same-origin iframe, and an inspector of what the SCO told the LMS. Commits go to the
 * preview server, which stores the CMI per version, so "Close and relaunch" resumes the way a real LMS
 * does (entry = resume after exit = suspend). */
(function () {
  "use strict";

  /* The version facts (API name, limits, elements, the inspector's fields) come from the server, the
   * same table the LMS side (/lms/lms.js) reads: filled before the first launch. */
  var VERSIONS = null;
  var MAX_LOG_ROWS = 1000;

  function $(id) { return document.getElementById(id); }

  var page = {
    status: null,          // last /status answer
    segments: {},          // version -> URL segment
    version: null,
    api: null,
    session: null,         // token of the current launch: calls of a closed one are not logged
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

  /* Every API call of the current session, with the error code the LMS set (and its text when not 0). */
  function logCall(session, entry) {
    if (session !== page.session) return;  /* a closed session's late calls */
    entry.t -= page.launchedAt;
    if (entry.error && entry.error !== "0" && entry.errorText) entry.error += " " + entry.errorText;
    page.log.push(entry);
    scheduleRender();
  }

  /* What the LMS accepted mirrors the server's store; the last commit's outcome shows in the inspector. */
  function noteCommit(session, version, info) {
    if (info.accepted) {
      var store = page.stored[version] = page.stored[version] || {};
      StceLms.flatten(info.payload, "", store);
    }
    if (session === page.session) {
      page.lastCommit = { accepted: info.accepted, errorCode: info.errorCode, final: info.final, at: Date.now() };
      scheduleRender();
    }
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
    closeSco();
    var holder = $("sco-holder");
    holder.textContent = "";
    if (!page.status || page.status.versions.indexOf(version) < 0) {
      holder.appendChild($("no-build").content.cloneNode(true));
      return Promise.resolve();
    }
    var storedReady = page.stored[version] ? Promise.resolve(page.stored[version])
      : getJSON("/cmi/" + page.segments[version]).then(function (s) { page.stored[version] = s; return s; });
    var session = {};
    page.session = session;
    page.launching = true;
    return storedReady.then(function (stored) {
      return StceLms.start({
        version: version,
        commitUrl: "/commit/" + page.segments[version],
        stored: stored,
        commits: "preview",
        learner: { id: "preview", name: "Reviewer, Preview" },
        /* As Moodle does: the manifest's mastery score reaches the SCO (and the inspector) at every launch. */
        mastery: page.status && page.status.mastery && page.status.mastery[version],
        refuseCommit: function () { return $("fail-commits").checked; },
        onCall: function (entry) { logCall(session, entry); },
        onCommit: function (info) { noteCommit(session, version, info); }
      });
    }).then(function (started) {
      var api = started.api;
      Object.keys(VERSIONS).forEach(function (name) { delete window[VERSIONS[name].apiName]; });
      window[started.apiName] = api;
      page.api = api;
      page.log = [];
      page.logShown = 0;
      page.lastCommit = null;
      page.launchedAt = Date.now();
      clearTable("api-log");
      $("launch-info").textContent = "SCORM " + version + " as window." + started.apiName + ", entry \u201c" +
        started.entry + "\u201d, build " + page.status.build + ".";
      var frame = document.createElement("iframe");
      frame.title = "SCO";
      frame.name = "sco";
      frame.src = "/sco/" + page.segments[version] + "/index.html?build=" + page.status.build;
      frame.addEventListener("load", function () { frame.stceConfig = null; scheduleRender(); });
      holder.appendChild(frame);
      page.frame = frame;
      page.launching = false;
      announce(reason + ": SCORM " + version + ", entry " + (started.entry || "(empty)") + ".");
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

  /* One meter per target (the page has them from the targets): this state's share of each target's limit. */
  function renderSuspendData(cmi) {
    var text = cmi[VERSIONS[page.version].suspendData] || "";
    var limit = VERSIONS[page.version].suspendDataLimit, shares = [];
    document.querySelectorAll("meter[data-version]").forEach(function (meter) {
      var max = VERSIONS[meter.getAttribute("data-version")].suspendDataLimit;
      meter.value = Math.min(text.length, max);
      shares.push((Math.round(text.length * 1000 / max) / 10) + "% of " + meter.getAttribute("data-label") + "'s " +
        max.toLocaleString("en"));
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
      [n, r.id, r.type, r[v.elements.response], r["correct_responses.0.pattern"], r.result, r.weighting, r.latency,
       r[v.elements.time], r["objectives.0.id"]].forEach(function (value) { cell(row, value === undefined ? "" : value); });
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

  /* The server answers as soon as a build after the one shown is done (or after a while without one). */
  function poll() {
    getJSON("/status?after=" + (page.status ? page.status.build : 0)).then(function (status) {
      var previous = page.status;
      page.segments = status.segments;
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
    }).then(function () { return 0; }, function () {
      announce("The preview server does not answer; is it still running?");
      return 1000;
    }).then(function (delay) { setTimeout(poll, delay); });
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
      wanted = status.versions[0] || document.querySelector('input[name="version"]').value;  /* the first target */
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
  StceLms.load().then(function (versions) { VERSIONS = versions; poll(); });
})();
