/* No LMS found: keep progress in this browser's localStorage, behind the same calls as a SCORM API,
 * so the tracker needs no special case. The player shows that nothing is recorded in an LMS. */
(function (STCE) {
  "use strict";

  STCE.standaloneApi = function (config) {
    var key = "stce-scorm:" + config.id + ":" + config.version, data = {};
    try { data = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { data = {}; }
    var entry = data.suspend ? "resume" : "ab-initio";
    return {
      Initialize: function () { return "true"; },
      GetValue: function (el) { return el === "entry" ? entry : (data[el] || ""); },
      SetValue: function (el, value) { data[el] = value; return "true"; },
      Commit: function () {
        try { localStorage.setItem(key, JSON.stringify(data)); return "true"; } catch (e) { return "false"; }
      },
      Terminate: function () { return this.Commit(); },
      GetLastError: function () { return "0"; },
      GetErrorString: function () { return ""; }
    };
  };

  STCE.adapters = STCE.adapters || {};
  STCE.adapters.standalone = {
    apiName: null,
    methods: { initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
      finish: "Terminate", error: "GetLastError", errorText: "GetErrorString" },
    elements: { entry: "entry", location: "location", suspendData: "suspend", exit: "exit", sessionTime: "time" },
    limits: { location: 1000, suspendData: 64000 },
    exitDone: "normal",
    sessionTime: function (ms) { return String(ms); },
    readStatus: function () { return {}; },
    report: function () {}
  };
})(window.STCE = window.STCE || {});
