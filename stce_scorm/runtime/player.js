/* The learner player: one page at a time, contents, progress, knowledge checks, assessments, exit.
 * It knows nothing of SCORM: it keeps the learner's state and hands a report to the tracker
 * (tracking.js) after every meaningful change. Without JavaScript every page stays readable. */
(function (STCE) {
  "use strict";
  var config = JSON.parse(document.getElementById("stce-config").textContent);
  var text = config.text;
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-page]"));
  var byId = function (id) { return document.getElementById(id); };
  var previousButton = byId("previous-page"), nextButton = byId("next-page");
  var progressText = byId("progress-text"), progressBar = byId("progress-bar"), notice = byId("notice");
  var moduleTitle = config.title;
  var state, tracker, assessments = {};
  var keepStoredState = false;  /* the LMS holds state this build cannot read: kept until the learner acts */

  function say(message) { notice.hidden = !message; notice.textContent = message || ""; }

  function freshState() {
    var s = { page: 0, visited: config.pages.map(function () { return false; }), answers: {}, assessments: {},
      seed: Math.floor(Math.random() * 1073741824) };  /* this learner's order of knowledge-check choices */
    config.assessments.forEach(function (a) { s.assessments[a.id] = STCE.newAssessmentState(); });
    return s;
  }

  /* --- what the LMS is told ------------------------------------------------------------------ */

  function report() {
    var lessonPages = config.pages.filter(function (p) { return p.kind === "lesson"; });
    var viewed = lessonPages.filter(function (p) { return state.visited[config.pages.indexOf(p)]; }).length;
    var pagesDone = viewed === lessonPages.length;
    var all = config.assessments.map(function (a) { return state.assessments[a.id]; });
    var passed = all.length > 0 && all.every(function (s) { return s.passed; });
    var tried = all.some(function (s) { return s.bestScore !== null; });
    /* The last allowed attempt was submitted and failed: nothing the learner can do changes it. */
    var failedFinal = !passed && config.assessments.some(function (a) {
      var s = state.assessments[a.id];
      return a.attempts > 0 && s.attemptsUsed >= a.attempts && s.phase === STCE.SUBMITTED && !s.passed;
    });
    var rule = config.completion;
    var completed = rule === "pages_viewed" ? pagesDone : rule === "assessment_passed" ? passed : pagesDone && passed;
    var needsTest = rule !== "pages_viewed" && all.length > 0;
    var units = lessonPages.length + (needsTest ? 1 : 0);
    var done = (rule === "assessment_passed" ? 0 : viewed) + (needsTest && passed ? 1 : 0);
    var scores = all.filter(function (s) { return s.bestScore !== null; }).map(function (s) { return s.bestScore; });
    return {
      location: config.pages[state.page].anchor,
      suspendData: keepStoredState ? null : STCE.state.encode(state, config),
      completed: completed,
      /* "passed" waits for the pages too when both are required: Moodle accepts either status. */
      success: passed ? (rule === "both" && !pagesDone ? null : "passed") : tried ? "failed" : null,
      failedStatus: config.failedStatus,
      failedFinal: failedFinal,
      score: scores.length ? Math.round(scores.reduce(function (a, b) { return a + b; }, 0) / scores.length * 100) / 100 : null,
      progress: rule === "assessment_passed" ? (passed ? 1 : 0) : Math.round(done / Math.max(1, units) * 100) / 100
    };
  }

  /* `byLearner`: the learner did something new, so the state is theirs to save. */
  function save(urgent, byLearner) {
    if (byLearner) keepStoredState = false;
    var r = report();
    if (progressBar) progressBar.value = r.completed ? 1 : r.progress;
    tracker.save(r, urgent);
  }

  /* --- navigation ---------------------------------------------------------------------------- */

  function checksAnswered(index) {
    return config.pages[index].checks.every(function (id) { return state.answers[id] !== undefined; });
  }

  /* In locked navigation a page opens once every page before it was viewed and its checks answered. */
  function reachable(index) {
    if (config.navigation !== "locked") return true;
    for (var i = 0; i < index; i++) if (!state.visited[i] || !checksAnswered(i)) return false;
    return true;
  }

  function updateNavigation() {
    var index = state.page;
    previousButton.disabled = index === 0;
    nextButton.disabled = index === sections.length - 1 || !reachable(index + 1);
    document.querySelectorAll("[data-page-link]").forEach(function (link) {
      var target = indexOf(link.getAttribute("data-page-link"));
      if (target === index) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
      if (reachable(target)) link.removeAttribute("aria-disabled"); else link.setAttribute("aria-disabled", "true");
    });
    var locked = config.navigation === "locked" && index < sections.length - 1 && !checksAnswered(index);
    byId("locked-hint").hidden = !locked;
  }

  function indexOf(anchor) {
    for (var i = 0; i < config.pages.length; i++) if (config.pages[i].anchor === anchor) return i;
    return -1;
  }

  function show(index, moveFocus) {
    if (index < 0 || index >= sections.length || !reachable(index)) return false;
    state.page = index;
    state.visited[index] = true;
    sections.forEach(function (section, i) {
      section.hidden = i !== index;
      section.classList.toggle("current", i === index);
    });
    var heading = sections[index].querySelector(".page-title");
    document.title = (heading ? heading.textContent : "") + " – " + moduleTitle;
    progressText.textContent = text.page_of.replace("{current}", index + 1).replace("{total}", sections.length);
    updateNavigation();
    if (moveFocus && heading) heading.focus();
    if (moveFocus) window.scrollTo(0, 0);
    /* A page change commits at once: Moodle saves nothing that is still waiting when the window closes.
     * The first page is saved once it is painted (see start). */
    if (moveFocus) save(true, true);
    return true;
  }

  function pageOfTarget(hash) {
    var target = hash && hash.length > 1 && byId(decodeURIComponent(hash.slice(1)));
    var page = target && target.closest("[data-page]");
    return page ? sections.indexOf(page) : -1;
  }

  /* --- knowledge checks ---------------------------------------------------------------------- */

  function checkAnswer(box) {
    var question = config.questions[box.getAttribute("data-check")];
    var response = STCE.questions.read(question);
    if (response === null) { say(text.unanswered); return; }
    say("");
    state.answers[question.id] = response;
    STCE.questions.showFeedback(question, response, true, text);
    updateNavigation();
    save(true, true);
  }

  function restoreChecks() {
    config.checks.forEach(function (id) {
      var question = config.questions[id];
      if (question.choices && question.shuffle) STCE.arrangeChoices(question, state.seed);
      if (question.type === "sequencing") STCE.questions.scramble(question);
      if (state.answers[id] !== undefined) {
        STCE.questions.write(question, state.answers[id]);
        STCE.questions.showFeedback(question, state.answers[id], true, text);
      }
    });
  }

  /* --- exit and page lifecycle --------------------------------------------------------------- */

  function exit() {
    save(true);
    var saved = tracker.finish();
    document.querySelector(".layout").hidden = true;
    document.querySelector(".pager").hidden = true;
    byId("exit-button").hidden = true;
    var done = byId("finished");
    if (!saved) done.textContent = text.finished_unsaved;
    done.hidden = false;
    done.focus();
  }

  function notify(event) {
    if (event === "saving_failed" || event === "saved_again") say(text[event]);
  }

  /* --- start --------------------------------------------------------------------------------- */

  /* Runs `task` once the browser has painted (a frame, then a task), or soon if the page is hidden. */
  function afterPaint(task) {
    var done = false;
    function once() { if (!done) { done = true; task(); } }
    requestAnimationFrame(function () { setTimeout(once, 0); });
    setTimeout(once, 250);
  }

  tracker = STCE.connect(config, notify);
  var resumed = STCE.state.decode(tracker.resume.suspendData, config);
  /* State this build cannot read (garbage, cut short, another module's or another build's) starts
   * afresh on the page the LMS kept, and the learner is told; the LMS's copy stays until they act. */
  keepStoredState = !resumed && tracker.resume.suspendData !== "";
  state = resumed || freshState();
  config.assessments.forEach(function (a) {
    state.assessments[a.id] = state.assessments[a.id] || STCE.newAssessmentState();
  });
  if (tracker.mode === "standalone") byId("standalone-notice").hidden = false;
  restoreChecks();
  config.assessments.forEach(function (a) {
    assessments[a.id] = new STCE.Assessment(config, a, state.assessments[a.id], text, function (what, result) {
      updateNavigation();
      if (what === "submit") {
        tracker.recordInteractions(result.interactions);
        tracker.reportObjectives(result.objectives, config.passingScore);
      }
      save(what !== "answer", true);
    });
  });

  document.querySelector(".pager").hidden = false;
  byId("exit-button").hidden = false;
  previousButton.addEventListener("click", function () { show(state.page - 1, true); });
  nextButton.addEventListener("click", function () { show(state.page + 1, true); });
  byId("exit-button").addEventListener("click", exit);
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("[data-check-answer]")) return checkAnswer(target.closest("[data-check]"));
    if (target.closest("[data-move]")) return STCE.questions.moveItem(target.closest("[data-move]"));
    var link = target.closest("a[href^='#']");
    if (!link) return;
    var index = pageOfTarget(link.getAttribute("href"));
    if (index < 0) return;
    event.preventDefault();
    if (!show(index, true)) return say(text.locked);
    var anchor = byId(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (anchor && !anchor.hasAttribute("data-page")) anchor.scrollIntoView();
  });
  window.addEventListener("hashchange", function () {
    var index = pageOfTarget(location.hash);
    if (index >= 0 && index !== state.page) show(index, true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save(true);
  });
  /* On close: the final values, then Finish alone (no Commit: see tracker.finish). */
  window.addEventListener("pagehide", function () { save(false); tracker.finish(); });

  var start = pageOfTarget(location.hash);  /* a link into the module wins over the resumed page */
  if (start < 0) start = state.page;
  if (!resumed && tracker.resume.location) start = Math.max(0, indexOf(tracker.resume.location));
  if (!show(start, false)) show(0, false);
  if (keepStoredState) say(text.state_unreadable);
  STCE.readyAt = performance.now();  /* first page interactive: read by benchmarks/bench_player.py */
  /* The LMS learns of the launch at once, not after the commit throttle, but only once the page is up:
   * on a slow LMS every call blocks. */
  afterPaint(function () { save(true); });
})(window.STCE = window.STCE || {});
