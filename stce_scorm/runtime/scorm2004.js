/* SCORM 2004 4th edition adapter: how a tracking report maps onto the 2004 data model (window.API_1484_11). */
(function (STCE) {
  "use strict";

  STCE.adapters = STCE.adapters || {};
  STCE.adapters["2004"] = {
    apiName: "API_1484_11",
    methods: { initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
      finish: "Terminate", error: "GetLastError", errorText: "GetErrorString" },
    elements: { entry: "cmi.entry", location: "cmi.location", suspendData: "cmi.suspend_data",
      exit: "cmi.exit", sessionTime: "cmi.session_time" },
    limits: { location: 1000, suspendData: 64000 },
    exitDone: "normal",
    sessionTime: function (ms) { return STCE.time.scorm2004(ms); },

    readStatus: function (get) {
      return { completion: get("cmi.completion_status"), success: get("cmi.success_status"), score: get("cmi.score.raw") };
    },

    /* 2004 syntax: "[,]" between items, "[.]" inside a matching pair, "[:]" for a numeric range;
     * the id first, the type before any response (Moodle answers 408 otherwise). */
    interaction: function (tracker, prefix, r) {
      function pattern(value) {
        if (value === null || value === undefined) return null;
        switch (r.type) {
          case "true-false": return value ? "true" : "false";
          case "matching": return value.map(function (pair) { return pair.join("[.]"); }).join("[,]");
          case "numeric": return typeof value === "number" ? String(value) : value[0] + "[:]" + value[1];
          case "fill-in": return String(value).replace(/[\r\n]+/g, " ").replace(/\[,\]/g, ",");
          default: return value.join("[,]");
        }
      }
      tracker.set(prefix + "id", r.id);
      tracker.set(prefix + "type", r.type);
      if (r.objective) tracker.set(prefix + "objectives.0.id", r.objective);
      tracker.set(prefix + "timestamp", STCE.time.timestamp2004(r.time));
      r.correct.forEach(function (correct, n) {
        var p = pattern(correct);
        if (p === null) return;
        if (r.type === "fill-in" && r.caseSensitive) p = "{case_matters=true}" + p;
        tracker.set(prefix + "correct_responses." + n + ".pattern", p);
      });
      tracker.set(prefix + "weighting", String(r.weighting));
      var response = pattern(r.response);
      if (response !== null) tracker.set(prefix + "learner_response", response);
      tracker.set(prefix + "result", r.result ? "correct" : "incorrect");
      tracker.set(prefix + "latency", STCE.time.scorm2004(Math.max(0, r.latency)));
      if (r.description) tracker.set(prefix + "description", r.description);
    },

    objective: function (tracker, prefix, score, passed) {
      tracker.set(prefix + "score.min", "0");
      tracker.set(prefix + "score.max", "100");
      tracker.set(prefix + "score.raw", String(score));
      tracker.set(prefix + "score.scaled", String(Math.round(score * 100) / 10000));
      tracker.set(prefix + "success_status", passed ? "passed" : "failed");
      tracker.set(prefix + "completion_status", "completed");
    },

    /* Completion and success are separate in 2004; neither is taken back once final in the LMS, and
     * "unknown" never replaces a known result. Moodle never derives success from the score, so the
     * package sets it. */
    report: function (tracker, r, previous) {
      if (previous.completion !== "completed") tracker.set("cmi.completion_status", r.completed ? "completed" : "incomplete");
      /* A failed attempt is "failed" (completion stays "incomplete", so the learner may try again):
       * with "unknown", Moodle 4.5 stores no success row and its reports show nothing. */
      var success = r.success === "passed" ? "passed" : r.success === "failed" ? "failed" : "unknown";
      var known = previous.success === "passed" || previous.success === "failed";
      if (previous.success !== "passed" && !(known && success === "unknown")) tracker.set("cmi.success_status", success);
      tracker.set("cmi.progress_measure", String(r.completed ? 1 : r.progress));
      if (r.score !== null) {
        tracker.set("cmi.score.min", "0");
        tracker.set("cmi.score.max", "100");
        tracker.set("cmi.score.raw", String(r.score));
        tracker.set("cmi.score.scaled", String(Math.round(r.score * 100) / 10000));
      }
    }
  };
})(window.STCE = window.STCE || {});
