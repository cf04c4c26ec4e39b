/* SCORM 1.2 adapter: how a tracking report maps onto the 1.2 data model (window.API). */
(function (STCE) {
  "use strict";
  var FINAL = ["completed", "passed"];  /* in rising order: none is replaced by one before it */

  STCE.adapters = STCE.adapters || {};
  STCE.adapters["1.2"] = {
    apiName: "API",
    methods: { initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      finish: "LMSFinish", error: "LMSGetLastError", errorText: "LMSGetErrorString" },
    elements: { entry: "cmi.core.entry", location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      exit: "cmi.core.exit", sessionTime: "cmi.core.session_time" },
    limits: { location: 255, suspendData: 4096 },
    exitDone: "",
    sessionTime: function (ms) { return STCE.time.scorm12(ms); },

    readStatus: function (get) { return { status: get("cmi.core.lesson_status"), score: get("cmi.core.score.raw") }; },

    /* 1.2 syntax: "," between items, "." inside a matching pair; result "wrong", not "incorrect". */
    interaction: function (tracker, prefix, r) {
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
      tracker.set(prefix + "id", r.id);
      if (r.objective) tracker.set(prefix + "objectives.0.id", r.objective);
      tracker.set(prefix + "time", STCE.time.clock12(r.time));
      tracker.set(prefix + "type", r.type);
      r.correct.forEach(function (correct, n) {
        var p = pattern(correct);
        if (p !== null) tracker.set(prefix + "correct_responses." + n + ".pattern", p);
      });
      tracker.set(prefix + "weighting", String(r.weighting));
      var response = pattern(r.response);
      if (response !== null) tracker.set(prefix + "student_response", response);
      tracker.set(prefix + "result", r.result ? "correct" : "wrong");
      tracker.set(prefix + "latency", STCE.time.scorm12(Math.max(0, r.latency)));
    },

    objective: function (tracker, prefix, score, passed) {
      tracker.set(prefix + "score.min", "0");
      tracker.set(prefix + "score.max", "100");
      tracker.set(prefix + "score.raw", String(score));
      tracker.set(prefix + "status", passed ? "passed" : "failed");
    },

    /* One status field carries both completion and success in 1.2 (a first launch's "not attempted"
     * becomes "incomplete"). A failed assessment stays "incomplete" while attempts remain (Moodle shows
     * 1.2 "failed" as final), unless the module asks for "failed"; once the last allowed attempt has
     * failed, the LMS is told "failed". A status already final in the LMS is never taken back, nor "passed" turned
     * into "completed". score.raw is written only once an assessment is submitted: Moodle
     * turns a partial raw score into "failed" at exit when a mastery score is set. */
    report: function (tracker, r, previous) {
      var status = r.completed ? (r.success === "passed" ? "passed" : "completed")
        : r.success === "failed" && (r.failedStatus === "failed" || r.failedFinal) ? "failed" : "incomplete";
      var keep = FINAL.indexOf(previous.status) > FINAL.indexOf(status);
      if (!keep) tracker.set("cmi.core.lesson_status", status);
      if (r.score !== null) {
        tracker.set("cmi.core.score.min", "0");
        tracker.set("cmi.core.score.max", "100");
        tracker.set("cmi.core.score.raw", String(r.score));
      }
    }
  };
})(window.STCE = window.STCE || {});
