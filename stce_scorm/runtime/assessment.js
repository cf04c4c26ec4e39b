/* Graded assessments: attempts, the questions an attempt draws (fixed by a seed that the state keeps,
 * so a resumed attempt shows the same questions in the same order), scoring and results. */
(function (STCE) {
  "use strict";
  var IDLE = 0, IN_PROGRESS = 1, SUBMITTED = 2;

  /* mulberry32: a small seeded generator, so draws and shuffles depend only on the stored seed. */
  function random(seed) {
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, next) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1)), t = list[i];
      list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return h >>> 0;
  }

  /* The indexes of the slots one attempt draws from a pool. The blueprint's requirements still short
   * (`short`, by requirement id) are served first: for each, the first slots in shuffled order that
   * cover it; the draw is then filled from the rest of the shuffled order. Without a blueprint this is
   * simply the first `draw` slots. The build proves this meets the blueprint whatever the shuffle
   * (check/blueprint.py). */
  function drawPool(pool, next, blueprint, short) {
    var order = shuffle(pool.questions.map(function (_, i) { return i; }), next), picked = [];
    function take(i) {
      picked.push(i);
      var covers = pool.questions[i].covers || {};
      Object.keys(covers).forEach(function (id) { short[id] = Math.max(0, short[id] - covers[id]); });
    }
    blueprint.forEach(function (need) {
      order.forEach(function (i) {
        var covers = pool.questions[i].covers || {};
        if (short[need.id] > 0 && covers[need.id] && picked.length < pool.draw && picked.indexOf(i) < 0) take(i);
      });
    });
    order.forEach(function (i) { if (picked.length < pool.draw && picked.indexOf(i) < 0) take(i); });
    return picked;
  }

  /* The questions (or scenarios) of one attempt, in the order the learner sees them. */
  function slots(assessment, seed) {
    var next = random(seed), drawn = [], blueprint = assessment.blueprint || [], short = {};
    blueprint.forEach(function (need) { short[need.id] = need.need; });
    assessment.pools.forEach(function (pool) {
      var picked = drawPool(pool, next, blueprint, short);
      if (!assessment.shuffleQuestions) picked.sort(function (a, b) { return a - b; });
      picked.forEach(function (i) { drawn.push(pool.questions[i]); });
    });
    return assessment.shuffleQuestions ? shuffle(drawn, next) : drawn;
  }

  function answerable(slot) { return slot.type === "scenario" ? slot.questions : [slot]; }

  /* The questions of a slot the learner meets: in a scenario, each question leads to the next one in
   * the list, or where its branch says by the answer given ("end" stops); a branch waits for its answer. */
  function onPath(slot, answers) {
    if (slot.type !== "scenario") return [slot];
    var path = [], i = 0, ids = slot.questions.map(function (q) { return q.id; });
    while (i < slot.questions.length) {
      var q = slot.questions[i];
      path.push(q);
      if (!q.branch) { i += 1; continue; }
      if (q.branch === "end" || answers[q.id] === undefined) break;
      var target = STCE.questions.isCorrect(q, answers[q.id]) ? q.branch.correct : q.branch.incorrect;
      if (target === "end") break;
      i = ids.indexOf(target);  /* the build checks that branches only go forward */
    }
    return path;
  }

  function score(assessment, seed, answers) {
    var earned = 0, total = 0, wrong = [];
    slots(assessment, seed).forEach(function (slot) {
      onPath(slot, answers).forEach(function (q) {
        total += q.points;
        if (STCE.questions.isCorrect(q, answers[q.id])) earned += q.points;
        else wrong.push(q);
      });
    });
    return { percent: total ? Math.round(earned / total * 10000) / 100 : 0, wrong: wrong };
  }

  /* What the LMS is told about one answered question, in no SCORM version's syntax yet (written at
   * submission, so the sealed key is decoded only then): the
   * adapters write it out (scorm12.js, scorm2004.js). Answer ids are the question id plus the
   * author's choice id ("q_am_03_b"): letters, digits and "_" only, as Moodle requires. */
  function interaction(q, r, latency, when) {
    var id = function (choice) { return q.id + "_" + choice; }, key = STCE.keys.reveal(q);
    var record = { id: q.id, description: q.description, objective: q.objective, weighting: q.points,
      result: STCE.questions.isCorrect(q, r), latency: latency, time: when, response: null, correct: [] };
    switch (q.type) {
      case "true_false":
        record.type = "true-false"; record.response = r; record.correct = [key.correct]; break;
      case "single_choice":
      case "multiple_response":
        record.type = "choice";
        record.response = r === undefined ? null : [].concat(r).map(function (i) { return id(q.choices[i]); });
        record.correct = [key.correct.map(function (i) { return id(q.choices[i]); })];
        break;
      case "document_inspection":  /* answer ids are the author's 'document.entry' ids: valid as they are */
        record.type = "choice";
        record.response = r === undefined ? null : r.map(function (i) { return q.entries[i]; });
        record.correct = [key.correct.map(function (i) { return q.entries[i]; })];
        break;
      case "fill_in":
        record.type = "fill-in"; record.response = r === undefined ? null : r;
        record.correct = key.accepted.slice(0, 5); record.caseSensitive = q.caseSensitive; break;
      case "numeric":
        record.type = "numeric";
        record.response = r === undefined ? null : STCE.questions.parseNumber(r);
        record.correct = [[key.min, key.max]]; break;
      case "matching":
        record.type = "matching";
        record.response = r === undefined ? null : r.map(function (t, i) {
          return t === null ? null : [id(q.pairs[i]), id(q.pairs[t])];
        }).filter(Boolean);
        record.correct = [q.pairs.map(function (p) { return [id(p), id(p)]; })];
        break;
      case "sequencing":
        record.type = "sequencing";
        record.response = r === undefined ? null : r.map(function (i) { return id(q.items[i]); });
        record.correct = [q.items.map(id)].concat((key.orders || []).map(function (order) {
          return order.map(function (i) { return id(q.items[i]); });
        }));
        break;
    }
    return record;
  }

  /* Per objective tested in the attempt: the percentage of its questions answered right. */
  function objectiveScores(questions, answers) {
    var tally = {};
    questions.forEach(function (q) {
      if (!q.objective) return;
      var t = tally[q.objective] = tally[q.objective] || { id: q.objective, right: 0, total: 0 };
      t.total += 1;
      if (STCE.questions.isCorrect(q, answers[q.id])) t.right += 1;
    });
    return Object.keys(tally).map(function (key) {
      var t = tally[key];
      return { id: t.id, score: Math.round(t.right / t.total * 10000) / 100 };
    });
  }

  var format = STCE.wording.format, percent = STCE.wording.percent;

  /* One assessment on its page; `changed` is called whenever its state changes. */
  function Assessment(config, assessment, state, text, changed) {
    this.config = config; this.a = assessment; this.s = state; this.text = text; this.changed = changed;
    this.page = document.querySelector('[data-assessment="' + assessment.id + '"]');
    this.shownAt = Date.now();  /* latency counts from when this session showed the attempt */
    this.answeredAt = {};
    this.form = this.page.querySelector("[data-assessment-form]");
    var self = this;
    this.page.querySelector("[data-start]").addEventListener("click", function () { self.start(); });
    this.page.querySelector("[data-retry]").addEventListener("click", function () { self.start(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); self.submit(); });
    this.form.addEventListener("change", function () { self.remember(); });
    this.page.querySelector("[data-extend]").addEventListener("click", function () { self.extend(); });
    this.page.querySelector("[data-error-summary]").addEventListener("click", function (event) {
      var link = event.target.closest("[data-error-link]");
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();  /* not a page change: the player's link handling stays out of it */
      self.focusQuestion(link.getAttribute("data-error-link"), true);
    });
    this.page.querySelector("[data-question-nav]").addEventListener("click", function (event) {
      var step = event.target.closest("[data-question-step]");
      if (step) self.goToScreen(self.screen + Number(step.getAttribute("data-question-step")));
    });
    this.screen = 0;  /* one question per screen: the slot on screen */
    this.render();
    this.tick();
  }

  /* Time limit (WCAG 2.2.1): the learner sees the time left, is warned a minute before the end and
   * can extend the time, up to ten times; when time is up the answers given so far are submitted. */
  var WARN_SECONDS = 60, MAX_EXTENSIONS = 10;

  Assessment.prototype.limitSeconds = function () {
    return this.a.timeLimit ? this.a.timeLimit * 60 * (1 + this.s.extensions) : null;
  };

  Assessment.prototype.tick = function () {
    var self = this, limit = this.limitSeconds();
    clearInterval(this.timer);
    this.page.querySelector("[data-timer]").hidden = !limit || this.s.phase !== IN_PROGRESS;
    this.page.querySelector("[data-time-warning]").hidden = true;
    if (!limit || this.s.phase !== IN_PROGRESS) return;
    var show = function () {
      var left = Math.max(0, self.limitSeconds() - self.s.elapsed);
      self.page.querySelector("[data-time-left]").textContent = STCE.wording.duration(left);
      self.page.querySelector("[data-time-warning]").hidden = left > WARN_SECONDS;
      self.page.querySelector("[data-extend]").hidden = self.s.extensions >= MAX_EXTENSIONS;
      return left;
    };
    show();
    this.timer = setInterval(function () {
      self.s.elapsed += 1;
      if (show() === 0) { clearInterval(self.timer); self.submit(true); }
      else if (self.s.elapsed % 30 === 0) self.changed("time");
    }, 1000);
  };

  Assessment.prototype.extend = function () {
    if (this.s.extensions >= MAX_EXTENSIONS) return;
    this.s.extensions += 1;
    this.tick();
    this.changed("extend");
  };

  Assessment.prototype.attemptsLeft = function () {
    return !this.a.attempts || this.s.attemptsUsed < this.a.attempts;
  };

  Assessment.prototype.questions = function () {
    return slots(this.a, this.s.seed).reduce(function (all, slot) { return all.concat(answerable(slot)); }, []);
  };

  /* The questions that count: every drawn question, and in scenarios those on the learner's path. */
  Assessment.prototype.scored = function () {
    var answers = this.s.answers;
    return slots(this.a, this.s.seed).reduce(function (all, slot) { return all.concat(onPath(slot, answers)); }, []);
  };

  /* Show each scenario's questions up to where the answers so far lead, numbered "Question n of N". */
  Assessment.prototype.showPaths = function () {
    var answers = this.s.answers, text = this.text;
    slots(this.a, this.s.seed).forEach(function (slot) {
      if (slot.type !== "scenario") return;
      var shown = onPath(slot, answers);
      slot.questions.forEach(function (q) { STCE.questions.element(q.id).hidden = shown.indexOf(q) < 0; });
    });
    var path = this.s.phase === IDLE ? [] : this.scored();
    path.forEach(function (q, i) { STCE.questions.setNumber(q, text, i + 1, path.length); });
  };

  Assessment.prototype.start = function () {
    if (!this.attemptsLeft()) return;
    var self = this;
    this.s.seed = Math.floor(Math.random() * 1073741824);
    this.s.attemptsUsed += 1;  /* counted at the start, so closing the window gains no attempt */
    this.s.phase = IN_PROGRESS;
    this.s.answers = {};
    this.s.elapsed = 0;
    this.s.extensions = 0;
    this.shownAt = Date.now();
    this.answeredAt = {};
    this.questions().forEach(function (q) { STCE.questions.clear(q); });
    this.render();
    this.tick();
    this.changed("start");
    var first = this.scored()[0];
    if (first) this.focusQuestion(first.id, false);
    else self.page.querySelector(".page-title").focus();
  };

  Assessment.prototype.remember = function () {
    if (this.s.phase !== IN_PROGRESS) return;
    var answers = this.s.answers, answeredAt = this.answeredAt;
    this.questions().forEach(function (q) {
      var r = STCE.questions.read(q);
      if (JSON.stringify(r) !== JSON.stringify(answers[q.id] === undefined ? null : answers[q.id])) answeredAt[q.id] = Date.now();
      if (r === null) delete answers[q.id]; else answers[q.id] = r;
    });
    this.showPaths();
    this.clearAnsweredErrors();
    this.changed("answer");
  };

  /* `timeUp`: the time limit ended the attempt, so unanswered questions count as wrong. */
  Assessment.prototype.submit = function (timeUp) {
    if (this.s.phase !== IN_PROGRESS) return;
    this.remember();
    var answers = this.s.answers;
    var open = this.scored().filter(function (q) { return answers[q.id] === undefined; });
    if (open.length && !timeUp) {
      this.showErrors(open);
      return;
    }
    this.showErrors([]);
    var result = score(this.a, this.s.seed, answers), now = new Date(), self = this;
    result.interactions = this.scored().map(function (q) {
      return interaction(q, answers[q.id], (self.answeredAt[q.id] || Date.now()) - self.shownAt, now);
    });
    result.objectives = objectiveScores(this.scored(), answers);
    this.s.phase = SUBMITTED;
    this.s.bestScore = this.s.bestScore === null ? result.percent : Math.max(this.s.bestScore, result.percent);
    if (result.percent >= this.config.passingScore) this.s.passed = true;
    this.render();
    this.tick();
    this.changed("submit", result);
    this.page.querySelector("[data-results]").focus();
  };

  /* Put the page in line with the state: which questions show, answers, results. */
  Assessment.prototype.render = function () {
    var self = this, s = this.s, text = this.text;
    var drawn = s.phase === IDLE ? [] : slots(this.a, s.seed);
    var ids = drawn.map(function (slot) { return slot.id; });
    Array.prototype.forEach.call(this.form.querySelectorAll("[data-slot]"), function (el) {
      el.hidden = ids.indexOf(el.getAttribute("data-slot")) < 0;
    });
    drawn.forEach(function (slot) {
      self.form.insertBefore(self.form.querySelector('[data-slot="' + slot.id + '"]'), self.form.querySelector("[data-form-end]"));
      answerable(slot).forEach(function (q) {
        if (self.a.shuffleChoices && q.choices && q.shuffle) arrangeChoices(q, s.seed);
        STCE.questions.clear(q);
        STCE.questions.write(q, s.answers[q.id]);
        STCE.questions.setDisabled(q, s.phase !== IN_PROGRESS);
      });
    });
    this.showPaths();
    if (s.phase !== IN_PROGRESS) this.showErrors([]);
    this.form.hidden = s.phase === IDLE;
    this.form.querySelector("[data-submit]").hidden = s.phase !== IN_PROGRESS;
    this.screen = 0;
    this.showScreen();
    var results = this.page.querySelector("[data-results]");
    results.hidden = s.phase !== SUBMITTED;
    var status = [];
    if (s.attemptsUsed) {
      status.push(this.a.attempts ? format(text.attempt_of, { n: s.attemptsUsed, max: this.a.attempts })
        : format(text.attempt_n, { n: s.attemptsUsed }));
    }
    if (s.bestScore !== null) status.push(format(text.best_score, { score: percent(s.bestScore) }));
    if (!this.attemptsLeft() && s.phase !== IN_PROGRESS && !s.passed) status.push(text.no_attempts_left);
    this.page.querySelector("[data-attempt-status]").textContent = status.join(" ");
    this.page.querySelector("[data-start]").hidden = s.phase !== IDLE || !this.attemptsLeft();
    if (s.phase === SUBMITTED) {
      var result = score(this.a, s.seed, s.answers);
      this.page.querySelector("[data-results-score]").textContent = result.percent >= this.config.passingScore ?
        format(text.score_passed, { score: percent(result.percent) }) :
        format(text.score_failed, { score: percent(result.percent), pass: percent(this.config.passingScore) });
      this.scored().forEach(function (q) {
        if (self.a.showCorrect) STCE.questions.showFeedback(q, s.answers[q.id], true, text);
      });
      var lessons = result.wrong.map(function (q) { return q.lesson; });
      var review = this.page.querySelector("[data-review]");
      review.hidden = !lessons.length;
      /* Honest wording: "try again" only while the learner has not passed and may still try. */
      review.querySelector("[data-review-intro]").textContent = s.passed ? text.review_intro_passed
        : this.attemptsLeft() ? text.review_intro : text.review_intro_final;
      Array.prototype.forEach.call(review.querySelectorAll("[data-review-lesson]"), function (li) {
        li.hidden = lessons.indexOf(li.getAttribute("data-review-lesson")) < 0;
      });
      this.page.querySelector("[data-retry]").hidden = s.passed || !this.attemptsLeft();
    }
  };

  /* --- presentation: errors (GOV.UK error summary), one question per screen, focus ------------- */

  /* The summary at the top of the form links to each unanswered question; each also gets an inline error. */
  Assessment.prototype.showErrors = function (open) {
    var self = this, summary = this.page.querySelector("[data-error-summary]"), list = summary.querySelector("ul");
    var numbers = this.numbers();
    this.questions().forEach(function (q) { STCE.questions.clearError(q); });
    list.textContent = "";
    summary.hidden = !open.length;
    if (!open.length) return;
    summary.querySelector("[data-error-count]").textContent = format(this.text.answer_all, { count: open.length });
    open.forEach(function (q) {
      STCE.questions.markError(q, self.text.error_answer);
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + q.id + "-legend";
      link.setAttribute("data-error-link", q.id);
      link.textContent = format(self.text.error_unanswered, { n: numbers[q.id] });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.focus();
  };

  /* Once answered, a question's error goes, from its place and from the summary. */
  Assessment.prototype.clearAnsweredErrors = function () {
    var answers = this.s.answers, summary = this.page.querySelector("[data-error-summary]");
    if (summary.hidden) return;
    this.questions().forEach(function (q) {
      if (answers[q.id] === undefined) return;
      STCE.questions.clearError(q);
      var link = summary.querySelector('[data-error-link="' + q.id + '"]');
      if (link) link.parentNode.remove();
    });
    if (!summary.querySelector("li")) summary.hidden = true;
  };

  Assessment.prototype.numbers = function () {
    var numbers = {};
    this.scored().forEach(function (q, i) { numbers[q.id] = i + 1; });
    return numbers;
  };

  /* Focus a question's legend (its number and prompt), or with `control` its first control. */
  Assessment.prototype.focusQuestion = function (id, control) {
    var self = this;
    slots(this.a, this.s.seed).forEach(function (slot, i) {
      if (answerable(slot).some(function (q) { return q.id === id; })) self.goToScreen(i, true);
    });
    var el = STCE.questions.element(id), target = control && el.querySelector("input, select, button:not([disabled])");
    if (!target) {
      target = el.querySelector("legend");
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  };

  /* With the module's `one_question_per_screen`, an attempt in progress shows one question (or scenario) at a
   * time, with Previous and Next question buttons, and Submit on the last. */
  Assessment.prototype.showScreen = function () {
    var paged = this.config.onePerScreen && this.s.phase === IN_PROGRESS, self = this;
    var drawn = this.s.phase === IDLE ? [] : slots(this.a, this.s.seed);
    var nav = this.page.querySelector("[data-question-nav]");
    nav.hidden = !paged;
    if (!paged) return;
    drawn.forEach(function (slot, i) {
      self.form.querySelector('[data-slot="' + slot.id + '"]').hidden = i !== self.screen;
    });
    var last = this.screen >= drawn.length - 1;
    nav.querySelector('[data-question-step="-1"]').hidden = this.screen === 0;
    nav.querySelector('[data-question-step="1"]').hidden = last;
    this.form.querySelector("[data-submit]").hidden = !last;
  };

  Assessment.prototype.goToScreen = function (index, quiet) {
    var count = slots(this.a, this.s.seed).length;
    if (!this.config.onePerScreen || this.s.phase !== IN_PROGRESS || index < 0 || index >= count) return;
    this.screen = index;
    this.showScreen();
    if (quiet) return;
    var slot = slots(this.a, this.s.seed)[index], first = answerable(slot)[0];
    this.focusQuestion(first.id, false);
  };

  /* Puts a question's choices in the order a seed gives them: the same seed, the same order, so a
   * resumed attempt (or a learner's knowledge checks) look the same on every launch. */
  function arrangeChoices(q, seed) {
    var box = STCE.questions.element(q.id).querySelector(".choices");
    var order = shuffle(q.choices.slice(), random(seed ^ hash(q.id)));
    order.forEach(function (id) { box.appendChild(box.querySelector('[data-choice="' + id + '"]')); });
  }

  STCE.SUBMITTED = SUBMITTED;
  STCE.IN_PROGRESS = IN_PROGRESS;
  STCE.arrangeChoices = arrangeChoices;
  STCE.assessmentSlots = slots;
  STCE.interactionRecord = interaction;
  STCE.Assessment = Assessment;
  STCE.newAssessmentState = function () {
    return { attemptsUsed: 0, bestScore: null, passed: false, extensions: 0, seed: 0, phase: IDLE, elapsed: 0, answers: {} };
  };
})(window.STCE = window.STCE || {});
