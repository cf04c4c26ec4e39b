/* SCORM 2004 4th edition: the API's names (window.API_1484_11), the 2004 data model, its limits and time
 * formats, and how a tracking report maps onto it. Registers the package's tracker (scorm-api.js does
 * the calling). */
(function (STCE) {
  "use strict";

  /* timestamp in UTC with exactly two decimals: Moodle rejects three (toISOString), and a "Z" without a
   * fraction. */
  function timestamp(date) { return date.toISOString().replace(/(\.\d\d)\dZ$/, "$1Z"); }

  /* ISO 8601 duration, at most 2 decimals on seconds (Moodle rejects 3) */
  function duration(ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs % 360000 / 6000);
    var s = (cs % 6000) / 100;
    var seconds = s.toFixed(2).replace(/\.?0+$/, "");
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + seconds + "S";
  }

  STCE.registerTracker(STCE.scorm.tracker({
    name: "scorm2004",
    apiName: "API_1484_11",
    methods: { initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
      finish: "Terminate", error: "GetLastError", errorText: "GetErrorString" },
    elements: { entry: "cmi.entry", location: "cmi.location", suspendData: "cmi.suspend_data",
      exit: "cmi.exit", sessionTime: "cmi.session_time" },
    limits: { location: 1000, suspendData: 64000 },
    exitDone: "normal",
    duration: duration,
    timestamp: timestamp,

    readStatus: function (get) {
      return { completion: get("cmi.completion_status"), success: get("cmi.success_status"), score: get("cmi.score.raw") };
    },

    /* 2004 syntax: "[,]" between items, "[.]" inside a matching pair, "[:]" for a numeric range;
     * the id first, the type before any response (Moodle answers 408 otherwise). */
    interaction: function (session, prefix, r) {
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
      session.set(prefix + "id", r.id);
      session.set(prefix + "type", r.type);
      if (r.objective) session.set(prefix + "objectives.0.id", r.objective);
      session.set(prefix + "timestamp", timestamp(r.time));
      r.correct.forEach(function (correct, n) {
        var p = pattern(correct);
        if (p === null) return;
        if (r.type === "fill-in" && r.caseSensitive) p = "{case_matters=true}" + p;
        session.set(prefix + "correct_responses." + n + ".pattern", p);
      });
      session.set(prefix + "weighting", String(r.weighting));
      var response = pattern(r.response);
      if (response !== null) session.set(prefix + "learner_response", response);
      session.set(prefix + "result", r.result ? "correct" : "incorrect");
      session.set(prefix + "latency", duration(Math.max(0, r.latency)));
      if (r.description) session.set(prefix + "description", r.description);
    },

    objective: function (session, prefix, score, passed) {
      session.set(prefix + "score.min", "0");
      session.set(prefix + "score.max", "100");
      session.set(prefix + "score.raw", String(score));
      session.set(prefix + "score.scaled", String(Math.round(score * 100) / 10000));
      session.set(prefix + "success_status", passed ? "passed" : "failed");
      session.set(prefix + "completion_status", "completed");
    },

    /* Completion and success are separate in 2004; neither is taken back once final in the LMS, and
     * "unknown" never replaces a known result. Moodle never derives success from the score, so the
     * package sets it. */
    report: function (session, r, previous) {
      if (previous.completion !== "completed") session.set("cmi.completion_status", r.completed ? "completed" : "incomplete");
      /* A failed attempt is "failed" (completion stays "incomplete", so the learner may try again):
       * with "unknown", Moodle 4.5 stores no success row and its reports show nothing. */
      var success = r.success === "passed" ? "passed" : r.success === "failed" ? "failed" : "unknown";
      var known = previous.success === "passed" || previous.success === "failed";
      if (previous.success !== "passed" && !(known && success === "unknown")) session.set("cmi.success_status", success);
      session.set("cmi.progress_measure", String(r.completed ? 1 : r.progress));
      if (r.score !== null) {
        session.set("cmi.score.min", "0");
        session.set("cmi.score.max", "100");
        session.set("cmi.score.raw", String(r.score));
        session.set("cmi.score.scaled", String(Math.round(r.score * 100) / 10000));
      }
    }
  }));
})(window.STCE = window.STCE || {});
