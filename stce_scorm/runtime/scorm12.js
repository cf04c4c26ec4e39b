/* SCORM 1.2: the API's names (window.API), the 1.2 data model, its limits and time formats, and how a
 * tracking report maps onto it. Registers the package's tracker (scorm-api.js does the calling). */
(function (STCE) {
  "use strict";
  var FINAL = ["completed", "passed"];  /* in rising order: none is replaced by one before it */
  function two(n) { return (n < 10 ? "0" : "") + n; }

  /* CMITime: HH:MM:SS, local time */
  function clock(date) { return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds()); }

  /* CMITimespan HHHH:MM:SS.SS; Moodle accepts 2 to 4 hour digits */
  function duration(ms) {
    var cs = Math.round(ms / 10), h = Math.min(9999, Math.floor(cs / 360000));
    var m = Math.floor(cs % 360000 / 6000), s = Math.floor(cs % 6000 / 100), f = cs % 100;
    return two(h) + ":" + two(m) + ":" + two(s) + "." + two(f);
  }

  STCE.registerTracker(STCE.scorm.tracker({
    name: "scorm12",
    apiName: "API",
    methods: { initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      finish: "LMSFinish", error: "LMSGetLastError", errorText: "LMSGetErrorString" },
    elements: { entry: "cmi.core.entry", location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      exit: "cmi.core.exit", sessionTime: "cmi.core.session_time" },
    limits: { location: 255, suspendData: 4096 },
    exitDone: "",
    duration: duration,
    clock: clock,

    readStatus: function (get) { return { status: get("cmi.core.lesson_status"), score: get("cmi.core.score.raw") }; },

    /* 1.2 syntax: "," between items, "." inside a matching pair; result "wrong", not "incorrect". */
    interaction: function (session, prefix, r) {
      function pattern(value) {
        if (value === null || value === undefined) return null;
        switch (r.type) {
          case "true-false": return value ? "t" : "f";
          case "matching": return value.map(function (pair) { return pair.join("."); }).join(",");
          case "numeric": return typeof value === "number" ? String(value) : value[0] === value[1] ? String(value[0]) : null;
          case "fill-in": return String(value).replace(/[\r\n]+/g, " ");
          default: return value.join(",");
        }
      }
      session.set(prefix + "id", r.id);
      if (r.objective) session.set(prefix + "objectives.0.id", r.objective);
      session.set(prefix + "time", clock(r.time));
      session.set(prefix + "type", r.type);
      r.correct.forEach(function (correct, n) {
        var p = pattern(correct);
        if (p !== null) session.set(prefix + "correct_responses." + n + ".pattern", p);
      });
      session.set(prefix + "weighting", String(r.weighting));
      var response = pattern(r.response);
      if (response !== null) session.set(prefix + "student_response", response);
      session.set(prefix + "result", r.result ? "correct" : "wrong");
      session.set(prefix + "latency", duration(Math.max(0, r.latency)));
    },

    objective: function (session, prefix, score, passed) {
      session.set(prefix + "score.min", "0");
      session.set(prefix + "score.max", "100");
      session.set(prefix + "score.raw", String(score));
      session.set(prefix + "status", passed ? "passed" : "failed");
    },

    /* One status field carries both completion and success in 1.2 (a first launch's "not attempted"
     * becomes "incomplete"). A failed assessment stays "incomplete" while attempts remain (Moodle shows
     * 1.2 "failed" as final), unless the module asks for "failed"; once the last allowed attempt has
     * failed, the LMS is told "failed". A status already final in the LMS is never taken back, nor "passed" turned
     * into "completed". score.raw is written only once an assessment is submitted: Moodle
     * turns a partial raw score into "failed" at exit when a mastery score is set. */
    report: function (session, r, previous) {
      var status = r.completed ? (r.success === "passed" ? "passed" : "completed")
        : r.success === "failed" && (r.failedStatus === "failed" || r.failedFinal) ? "failed" : "incomplete";
      var keep = FINAL.indexOf(previous.status) > FINAL.indexOf(status);
      if (!keep) session.set("cmi.core.lesson_status", status);
      if (r.score !== null) {
        session.set("cmi.core.score.min", "0");
        session.set("cmi.core.score.max", "100");
        session.set("cmi.core.score.raw", String(r.score));
      }
    }
  }));
})(window.STCE = window.STCE || {});
