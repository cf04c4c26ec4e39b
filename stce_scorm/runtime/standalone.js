/* No LMS found: keep progress in this browser's localStorage, so a learner who opens the package from a
 * folder or a plain web server still resumes where they left off. Registered as the fallback tracker:
 * it connects only when no other does, and the player then shows that nothing is recorded in an LMS. */
(function (STCE) {
  "use strict";

  function Session(key, data) {
    this.key = key; this.data = data; this.dirty = false; this.bestScore = NaN;
    this.limits = { state: 64000 };
    this.resume = { location: data.location || "", suspendData: data.suspend || "" };
  }

  Session.prototype.put = function (name, value) {
    if (this.data[name] === value) return;
    this.data[name] = value;
    this.dirty = true;
  };

  Session.prototype.save = function (report) {
    this.put("exit", "suspend");
    this.put("location", report.location);
    if (report.suspendData !== null) this.put("suspend", report.suspendData);
  };

  /* Nobody reads answers or objectives here: only the learner's own place and state are kept. */
  Session.prototype.interactions = function () {};
  Session.prototype.objectives = function () {};

  Session.prototype.commit = function () {
    try { localStorage.setItem(this.key, JSON.stringify(this.data)); } catch (e) { this.dirty = true; return false; }
    this.dirty = false;
    return true;
  };

  Session.prototype.finish = function (sessionMs, done) {
    this.put("time", String(sessionMs));
    this.put("exit", done ? "normal" : "suspend");
    return this.commit();
  };

  STCE.registerTracker({
    name: "standalone", fallback: true,
    connect: function (config) {
      var key = "stce-scorm:" + config.id + ":" + config.version, data = {};
      try { data = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { data = {}; }
      return new Session(key, data);
    }
  });
})(window.STCE = window.STCE || {});
