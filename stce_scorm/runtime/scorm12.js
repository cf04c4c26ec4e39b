/* SCORM 1.2 adapter: how a tracking report maps onto the 1.2 data model (window.API). */
(function (STCE) {
  "use strict";
  var FINAL = ["passed", "completed"];

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

    readStatus: function (get) { return { status: get("cmi.core.lesson_status") || "" }; },

    /* First launch: a status still "not attempted" becomes "incomplete". */
    begin: function (tracker, previous) {
      if (previous.status === "" || previous.status === "not attempted") {
        tracker.set("cmi.core.lesson_status", "incomplete");
      }
    },

    /* One status field carries both completion and success in 1.2. A status already final in the
     * LMS is never taken back. score.raw is written only once an assessment is submitted: Moodle
     * turns a partial raw score into "failed" at exit when a mastery score is set. */
    report: function (tracker, r, previous) {
      var status = r.completed ? (r.success === "passed" ? "passed" : "completed")
        : r.success === "failed" && r.failedStatus === "failed" ? "failed" : "incomplete";
      var keep = FINAL.indexOf(previous.status) >= 0 && FINAL.indexOf(status) < 0;
      if (!keep) tracker.set("cmi.core.lesson_status", status);
      if (r.score !== null) {
        tracker.set("cmi.core.score.min", "0");
        tracker.set("cmi.core.score.max", "100");
        tracker.set("cmi.core.score.raw", String(r.score));
      }
    }
  };
})(window.STCE = window.STCE || {});
