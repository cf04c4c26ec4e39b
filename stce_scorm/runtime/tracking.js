/* Tracking: the one interface between the player and whatever records the learner's progress.
 *
 * The player calls STCE.connect(config, notify) once and gets a tracker. It reads `resume` ({location,
 * suspendData}: what the record held at launch) and `mode` ("lms", or "standalone" when nothing records
 * the learner), then tells it, in no data model's terms:
 *   save(report, urgent)                     place, state, completion, success, score and progress
 *   recordInteractions(records)              one record per answered graded question (assessment.js)
 *   reportObjectives(results, passingScore)  each tested objective's score
 *   commit()                                 store now (the tracker also commits by itself after saves)
 *   finish()                                 once, when the learner leaves; true if everything was stored
 *
 * Where the record goes is a tracker's business: each registers itself with STCE.registerTracker (the
 * SCORM version of the package, scorm12.js or scorm2004.js; standalone.js as the fallback when no LMS
 * is found). A cmi5 or xAPI tracker would be one more file. A registered tracker is
 * {name, fallback, connect(config) -> session or null}; its session holds the data model and answers
 *   resume, bestScore (the score the record held at launch), limits.state, dirty,
 *   save(report), interactions(records), objectives(results, passingScore), commit() -> stored?,
 *   finish(sessionMs, done) -> stored?
 * This file holds what every record shares: commits after changes (throttled, or at once when urgent),
 * a failed save told to the learner and retried with growing pauses, the best result kept, and nothing
 * sent after finishing. */
(function (STCE) {
  "use strict";
  var THROTTLE_MS = 1500, RETRY_MS = [2000, 4000, 8000, 16000, 30000];
  var registered = [];

  function Tracker(session, mode, notify) {
    this.session = session; this.mode = mode; this.notify = notify; this.resume = session.resume;
    this.finished = false; this.failures = 0; this.timer = null; this.lastCommit = 0; this.started = Date.now();
  }

  /* report: {location, suspendData (null: leave the stored copy alone), completed, success, failedStatus,
   * failedFinal, score, progress}. */
  Tracker.prototype.save = function (report, urgent) {
    if (this.finished) return;
    if (report.suspendData !== null && report.suspendData.length > this.session.limits.state) {
      this.notify("state_too_large");  /* the build checks the worst case, so this should never happen */
      report.suspendData = null;
    }
    /* The record keeps the best result: a lower score than it held at launch is not reported. */
    if (report.score !== null && report.score < this.session.bestScore) report.score = null;
    this.session.save(report);
    this.lastReport = report;
    if (urgent) this.commit(); else this.schedule();
  };

  Tracker.prototype.recordInteractions = function (records) {
    if (!this.finished) this.session.interactions(records);
  };

  Tracker.prototype.reportObjectives = function (results, passingScore) {
    if (!this.finished) this.session.objectives(results, passingScore);
  };

  Tracker.prototype.schedule = function () {
    if (!this.session.dirty || this.timer) return;
    var self = this, wait = Math.max(0, this.lastCommit + THROTTLE_MS - Date.now());
    this.timer = setTimeout(function () { self.timer = null; self.commit(); }, wait);
  };

  Tracker.prototype.commit = function () {
    if (this.finished) return false;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.lastCommit = Date.now();
    if (this.session.commit()) {
      if (this.failures) { this.failures = 0; this.notify("saved_again"); }
      return true;
    }
    /* Never lose data silently: say so, and try again with growing pauses while data is unsaved. */
    this.notify("saving_failed");
    var self = this, pause = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.timer = setTimeout(function () { self.timer = null; self.commit(); }, pause);
    return false;
  };

  /* The final values and the end of the session, in one step (see each session's finish for why).
   * Returns whether everything reached the record, as far as it says. */
  Tracker.prototype.finish = function () {
    if (this.finished) return this.saved;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    var done = !!(this.lastReport && this.lastReport.completed);
    this.saved = this.session.finish(Date.now() - this.started, done);
    this.finished = true;  /* from here on, nothing is sent */
    return this.saved;
  };

  /* A tracker announces itself; `fallback` ones are tried only when no other connects. */
  STCE.registerTracker = function (tracker) { registered.push(tracker); };
  STCE.trackers = registered;

  /* The first registered tracker that connects (the package's LMS), else the fallback. */
  STCE.connect = function (config, notify) {
    var order = registered.filter(function (t) { return !t.fallback; })
      .concat(registered.filter(function (t) { return t.fallback; }));
    for (var i = 0; i < order.length; i++) {
      var session = order[i].connect(config);
      if (session) return new Tracker(session, order[i].fallback ? "standalone" : "lms", notify);
    }
    throw new Error("stce-scorm: no tracker could connect");
  };
})(window.STCE = window.STCE || {});
