/* The learner player: one page at a time, contents, progress, knowledge checks, assessments, exit.
 * It knows nothing of SCORM: it keeps the learner's state and hands a report to the tracker
 * (tracking.js) after every meaningful change. Without JavaScript every page stays readable. */
(function (STCE) {
  "use strict";
  var config = STCE.config = STCE.fragments.expand(JSON.parse(document.getElementById("stce-config").textContent));
  var text = config.text, total = config.pages.length;
  var sections = [];  /* by page index; a page not arrived yet (pages/*.js) has none */
  var byId = function (id) { return document.getElementById(id); };
  var previousButton = byId("previous-page"), nextButton = byId("next-page"), pager = document.querySelector(".pager");
  var progressText = byId("progress-text"), progressBar = byId("progress-bar"), progressValue = byId("progress-value");
  var notices = new STCE.ui.Notices(byId("notice")), contents = new STCE.ui.ContentsDisclosure(byId("toc"));
  var backBox = document.querySelector("[data-back-box]"), back = null;  /* where "Back to" returns: {page, focus} */
  var moduleTitle = config.title;
  var state, tracker, assessments = {}, saveFailing = false, termLink = null;
  var keepStoredState = false;  /* the LMS holds state this build cannot read: kept until the learner acts */
  var firstPainted = false;  /* the first page has been painted (see start) */

  function say(message, transient) { notices.say(message, transient); }

  function freshState() {
    var s = { page: 0, visited: config.pages.map(function () { return false; }), answers: {}, assessments: {},
      seed: Math.floor(Math.random() * 1073741824) };  /* this learner's order of knowledge-check choices */
    config.assessments.forEach(function (a) { s.assessments[a.id] = STCE.newAssessmentState(); });
    return s;
  }

  /* --- what the LMS is told ------------------------------------------------------------------ */

  function report() {
    var lessonPages = config.pages.filter(function (p) { return p.kind === "lesson"; });
    var viewed = config.pages.filter(function (p, i) { return p.kind === "lesson" && state.visited[i]; }).length;
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
    var percent = Math.round((r.completed ? 1 : r.progress) * 100);
    progressBar.value = percent;  /* the visible figure beside the bar says the same */
    progressValue.textContent = STCE.wording.number(STCE.wording.percent(percent));
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
    nextButton.disabled = index === total - 1 || !reachable(index + 1);
    document.querySelectorAll("[data-page-link]").forEach(function (link) {
      var target = indexOf(link.getAttribute("data-page-link"));
      if (target === index) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
      if (reachable(target)) link.removeAttribute("aria-disabled"); else link.setAttribute("aria-disabled", "true");
    });
    var locked = config.navigation === "locked" && index < total - 1 && !checksAnswered(index);
    byId("locked-hint").hidden = !locked;
  }

  /* A page's index by its anchor: looked up for every contents entry at each page change, so a map, not a
   * scan (a 1,000-page module would compare half a million anchors). */
  var pageIndex = Object.create(null);
  config.pages.forEach(function (page, i) { pageIndex[page.anchor] = i; });
  function indexOf(anchor) {
    return typeof anchor === "string" && anchor in pageIndex ? pageIndex[anchor] : -1;
  }

  /* Shows a page, once its fragment has arrived; false if it cannot be opened now (locked). `done` runs
   * once it shows, `failed` if its fragment cannot be loaded. */
  function go(index, moveFocus, done, failed) {
    if (index < 0 || index >= total || !reachable(index)) return false;
    function shown() { show(index, moveFocus); if (done) done(); }
    /* A part that does not arrive (a dropped link): the learner stays here and is told; the next try loads it. */
    var notArrived = failed || function () { say(text.part_unavailable); };
    if (sections[index]) shown();
    else STCE.fragments.load(config.pages[index].fragment, function () { if (sections[index]) shown(); else notArrived(); }, notArrived);
    return true;
  }

  function show(index, moveFocus) {
    state.page = index;
    state.visited[index] = true;
    sections.forEach(function (section, i) {
      section.hidden = i !== index;
      section.classList.toggle("current", i === index);
    });
    var heading = sections[index].querySelector(".page-title");
    document.title = (heading ? heading.textContent : "") + " – " + moduleTitle;
    if (firstPainted) showPageNumber();  /* at start, once the first page is painted (see start) */
    updateNavigation();
    if (!saveFailing) say("");  /* a message about the page left behind goes with it */
    showBack(index);
    if (moveFocus) {
      if (heading) heading.focus({ preventScroll: true });
      STCE.ui.showFromTop(byId("player-scroll"), heading);
      if (STCE.ui.narrow()) contents.set(false);
    }
    /* A page change commits at once: Moodle saves nothing that is still waiting when the window closes.
     * The first page is saved once it is painted (see start). */
    if (moveFocus) save(true, true);
    prefetch(index);
  }

  function showPageNumber() {
    STCE.wording.fill(progressText, text.page_of, { current: state.page + 1, total: total });
  }

  /* While the learner reads, the next page's fragment and the next lesson's first part arrive. */
  function prefetch(index) {
    var next = config.pages[index + 1];
    if (next) STCE.fragments.prefetch(next.fragment);
    for (var i = index + 1; i < total; i++) {
      if (config.pages[i].lesson !== config.pages[index].lesson) { STCE.fragments.prefetch(config.pages[i].fragment); break; }
    }
  }

  /* "Back to: <page>" after a link inside the content took the learner to another page (a glossary
   * definition, a lesson to review), since Previous follows the page order, not the learner's way. */
  function showBack(index) {
    if (back && back.page === index) back = null;
    backBox.hidden = !back;
    if (!back) return;
    var title = sections[back.page].querySelector(".page-title").textContent;
    STCE.wording.fill(backBox.querySelector("[data-back]"), text.back_to, { title: title });
    sections[index].querySelector(".page-title").insertAdjacentElement("afterend", backBox);
  }

  function goBack() {
    var to = back;
    back = null;
    if (!to) return;
    go(to.page, true, function () {
      if (to.focus && to.focus.isConnected) { to.focus.focus({ preventScroll: true }); STCE.ui.reveal(to.focus); }
    });
  }

  /* The page a link leads to: a page's anchor, a glossary entry, or an element of a page that has arrived. */
  function pageOfTarget(hash) {
    if (!hash || hash.length < 2) return -1;
    var id = decodeURIComponent(hash.slice(1)), index = indexOf(id);
    if (index >= 0) return index;
    if (id.indexOf("glossary-") === 0 && indexOf("glossary") >= 0) return indexOf("glossary");
    var target = byId(id), page = target && target.closest("[data-page]");
    return page ? sections.indexOf(page) : -1;
  }

  /* --- knowledge checks ---------------------------------------------------------------------- */

  function checkAnswer(box) {
    var question = config.questions[box.getAttribute("data-check")];
    var response = STCE.questions.read(question);
    if (response === null) {
      var first = STCE.questions.markError(question, text.unanswered);
      if (first) first.focus();
      return;
    }
    STCE.questions.clearError(question);
    state.answers[question.id] = response;
    STCE.questions.showFeedback(question, response, true, text);
    STCE.questions.element(question.id).querySelector("[data-feedback]").focus();  /* read out, and in view */
    updateNavigation();
    save(true, true);
  }

  /* Each knowledge check on the pages that have arrived, once: choices in the learner's order, answers back. */
  var restored = {};
  function restoreChecks() {
    config.checks.forEach(function (id) {
      var question = config.questions[id];
      if (restored[id] || !STCE.questions.element(id)) return;
      restored[id] = true;
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
    byId("toc").hidden = true;
    sections.forEach(function (section) { section.hidden = true; });
    backBox.hidden = true;
    pager.hidden = true;
    var done = byId("finished");
    if (!saved) done.textContent = text.finished_unsaved;
    done.hidden = false;
    done.focus();
  }

  function notify(event) {
    if (event !== "saving_failed" && event !== "saved_again") return;
    saveFailing = event === "saving_failed";
    say(text[event], event === "saved_again");
  }

  /* --- pages that arrive (runtime/fragments.js) ------------------------------------------------ */

  /* Sections in page order; a new one stays hidden until shown. */
  function collect() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-page]"), function (section) {
      var index = indexOf(section.id);
      if (index >= 0 && !sections[index]) sections[index] = section;
    });
  }

  function arrive(name, data) {
    STCE.fragments.merge(config, data.questions || {});
    var box = document.createElement("template"), end = byId("finished");
    box.innerHTML = data.html;
    Array.prototype.slice.call(box.content.children).forEach(function (section) {
      var index = indexOf(section.id), before = end;
      for (var i = index + 1; i < total; i++) if (sections[i] && sections[i].parentNode === end.parentNode) { before = sections[i]; break; }
      section.hidden = true;
      end.parentNode.insertBefore(section, before);
    });
    collect();
    restoreChecks();
    fillContents(data.titles);
    startAssessments();
    if (state.page !== undefined && sections[state.page]) updateNavigation();
  }

  /* The contents list every page of a lesson once one of its parts has arrived. New entries are copies of
   * the theme's own first entry. */
  function fillContents(titles) {
    if (!titles || !titles.length) return;
    var list = document.querySelector('[data-toc-lesson="' + config.pages[indexOf(titles[0][0])].lesson + '"]');
    if (!list || !list.firstElementChild) return;
    var model = list.firstElementChild, have = {}, previous = null;
    Array.prototype.forEach.call(list.querySelectorAll("[data-page-link]"), function (link) {
      have[link.getAttribute("data-page-link")] = link.closest("li");
    });
    titles.forEach(function (entry) {
      var item = have[entry[0]];
      if (!item) {
        item = model.cloneNode(true);
        var link = item.querySelector("a");
        link.setAttribute("href", "#" + entry[0]);
        link.setAttribute("data-page-link", entry[0]);
        link.removeAttribute("aria-current");
        link.textContent = entry[1];
      }
      /* Only an entry out of place moves: moving the focused entry would drop the focus to <body>. */
      var place = previous ? previous.nextElementSibling : list.firstElementChild;
      if (item !== place) list.insertBefore(item, place);
      previous = item;
    });
  }

  /* An assessment starts working once its page has arrived. */
  function startAssessments() {
    config.assessments.forEach(function (a) {
      if (assessments[a.id] || !document.querySelector('[data-assessment="' + a.id + '"]')) return;
      assessments[a.id] = new STCE.Assessment(config, a, state.assessments[a.id], text, function (what, result) {
        updateNavigation();
        if (what === "submit") {
          tracker.recordInteractions(result.interactions);
          tracker.reportObjectives(result.objectives, config.passingScore);
        }
        save(what !== "answer", true);
      });
    });
  }

  /* A glossary term opens its definition in place, in a dialog; the glossary page stays one link away. */
  function openTerm(link) {
    var term = byId("glossary-" + link.getAttribute("data-term")), dialog = byId("term-dialog");
    if (!term || !dialog) return false;
    dialog.querySelector("[data-term-title]").textContent = term.textContent;
    var definition = dialog.querySelector("[data-term-definition]");
    definition.innerHTML = "";
    Array.prototype.forEach.call(term.nextElementSibling.childNodes, function (node) {
      definition.appendChild(node.cloneNode(true));
    });
    dialog.querySelector("[data-open-glossary]").setAttribute("href", "#" + term.id);
    termLink = link;
    STCE.ui.openDialog(dialog, link);
    return true;
  }

  /* A link inside the module: to its page, then to the element it names. False if it leads elsewhere. */
  function follow(link) {
    var index = pageOfTarget(link.getAttribute("href"));
    if (index < 0) return false;
    var dialog = link.closest("dialog");
    if (dialog) dialog.close();
    var from = dialog ? termLink : link;  /* from the term dialog, "Back to" returns to the term's link */
    var jump = !link.hasAttribute("data-page-link") && index !== state.page ? { page: state.page, focus: from } : null;
    var opened = go(index, true, function () {
      if (jump) { back = jump; showBack(index); }
      else if (link.hasAttribute("data-page-link")) { back = null; showBack(index); }
      var anchor = byId(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (anchor && !anchor.hasAttribute("data-page")) {
        anchor.setAttribute("tabindex", "-1");
        anchor.focus({ preventScroll: true });
        STCE.ui.reveal(anchor);
      }
    });
    if (!opened) say(text.locked, true);
    return true;
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
  collect();
  sections.forEach(function (section) { section.hidden = true; });
  restoreChecks();
  STCE.fragments.onArrival(arrive);
  /* An attempt in progress keeps its clock running, wherever the learner resumes. */
  config.assessments.forEach(function (a) {
    if (state.assessments[a.id].phase === STCE.IN_PROGRESS) STCE.fragments.load("assessment-" + a.id);
  });

  pager.hidden = false;
  byId("exit-button").hidden = false;
  byId("progress-meter").hidden = false;
  previousButton.addEventListener("click", function () { back = null; go(state.page - 1, true); });
  nextButton.addEventListener("click", function () { back = null; go(state.page + 1, true); });
  byId("exit-button").addEventListener("click", function () { STCE.ui.openDialog(byId("exit-dialog"), byId("exit-button")); });
  document.querySelector("[data-exit-confirm]").addEventListener("click", function () { byId("exit-dialog").close(); exit(); });
  backBox.querySelector("[data-back]").addEventListener("click", goBack);
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("[data-check-answer]")) return checkAnswer(target.closest("[data-check]"));
    if (target.closest("[data-move]")) return STCE.questions.moveItem(target.closest("[data-move]"), text);
    var link = target.closest("a[href^='#']");
    if (!link) return;
    if (link.hasAttribute("data-term")) {
      var glossary = config.pages[indexOf("glossary")];
      if (glossary && !STCE.fragments.loaded(glossary.fragment)) {  /* the definition arrives first */
        event.preventDefault();
        STCE.fragments.load(glossary.fragment, function () { if (!openTerm(link)) follow(link); });
        return;
      }
      if (openTerm(link)) return event.preventDefault();
    }
    if (follow(link)) event.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    var index = pageOfTarget(location.hash);
    if (index >= 0 && index !== state.page) go(index, true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") save(true);
  });
  /* On close: the final values, then Finish alone (no Commit: see tracker.finish). */
  window.addEventListener("pagehide", function () { save(false); tracker.finish(); });

  var start = pageOfTarget(location.hash);  /* a link into the module wins over the resumed page */
  if (start < 0) start = state.page;
  if (!resumed && tracker.resume.location) start = Math.max(0, indexOf(tracker.resume.location));
  function started() {
    if (keepStoredState) say(text.state_unreadable);
    STCE.readyAt = performance.now();  /* first page interactive: read by benchmarks/bench_player.py */
    /* The LMS learns of the launch at once, not after the commit throttle, but only once the page is up:
     * on a slow LMS every call blocks. The page number and the progress figure come with it: the first
     * number a page formats costs Intl 15-40 ms (wording.js), which the first page need not wait for. */
    afterPaint(function () { firstPainted = true; showPageNumber(); save(true); });
  }
  function fromStart() { go(0, false, started); }
  if (!go(start, false, started, fromStart)) fromStart();
})(window.STCE = window.STCE || {});
