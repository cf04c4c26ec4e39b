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
      return { completion: get("cmi.completion_status") || "", success: get("cmi.success_status") || "" };
    },

    begin: function (tracker, previous) {
      if (previous.completion !== "completed") tracker.set("cmi.completion_status", "incomplete");
    },

    /* Completion and success are separate in 2004; neither is taken back once final in the LMS.
     * Moodle never derives success from the score, so the package sets it. */
    report: function (tracker, r, previous) {
      if (previous.completion !== "completed") tracker.set("cmi.completion_status", r.completed ? "completed" : "incomplete");
      var success = r.success === "passed" ? "passed"
        : r.success === "failed" && r.failedStatus === "failed" ? "failed" : "unknown";
      if (previous.success !== "passed") tracker.set("cmi.success_status", success);
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
