/* The learner's state as suspend_data: bit-packed indexes, never text the author wrote.
 *
 * Format (version 1), in base64url characters:
 *   varint: 5 data bits per character, the 6th bit says "more follows" (values < 32 take one character)
 *   bitset: 6 flags per character, its length known from the module (a document inspection's
 *           response is one: a flag per entry, none set meaning "not answered")
 *   string: varint length, then one varint per Unicode code point
 * Layout: version, module fingerprint, current page, visited pages (bitset), the learner's seed for the
 * order of knowledge-check choices, each knowledge check's response, then per assessment: attempts used, best score in hundredths + 1, passed + 2 x time extensions, seed, phase,
 * seconds used, and the response of each drawn slot. The build computes the worst case of this layout (check/budget.py) and fails
 * if a SCORM version's limit could be exceeded. */
(function (STCE) {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var FORMAT = 1;
  /* Caps that keep each number within the size the build's budget assumes (check/budget.py). */
  var LIMITS = { attempts: 9999, elapsed: 1048575, extensions: 15 };

  function Writer() { this.out = []; }
  Writer.prototype.int = function (value) {
    value = Math.max(0, Math.floor(value || 0));
    do {
      var low = value % 32;
      value = Math.floor(value / 32);
      this.out.push(DIGITS.charAt(low + (value > 0 ? 32 : 0)));
    } while (value > 0);
  };
  Writer.prototype.bits = function (flags, count) {
    for (var i = 0; i < count; i += 6) {
      var n = 0;
      for (var b = 0; b < 6 && i + b < count; b++) if (flags[i + b]) n |= 1 << b;
      this.out.push(DIGITS.charAt(n));
    }
  };
  Writer.prototype.text = function (value) {
    var points = Array.from(value || "");
    this.int(points.length);
    for (var i = 0; i < points.length; i++) this.int(points[i].codePointAt(0));
  };

  function Reader(source) { this.source = source; this.at = 0; }
  Reader.prototype.digit = function () {
    if (this.at >= this.source.length) throw new Error("the saved state ends early");
    var n = DIGITS.indexOf(this.source.charAt(this.at++));
    if (n < 0) throw new Error("the saved state has a foreign character");
    return n;
  };
  Reader.prototype.int = function () {
    var value = 0, scale = 1, n;
    do { n = this.digit(); value += (n % 32) * scale; scale *= 32; } while (n >= 32);
    return value;
  };
  Reader.prototype.bits = function (count) {
    var flags = [];
    for (var i = 0; i < count; i += 6) {
      var n = this.digit();
      for (var b = 0; b < 6 && i + b < count; b++) flags.push((n >> b & 1) === 1);
    }
    return flags;
  };
  Reader.prototype.text = function () {
    var length = this.int(), out = "";
    for (var i = 0; i < length; i++) out += String.fromCodePoint(this.int());
    return out;
  };

  /* A response's encoding depends on its question type; `null` means "not answered". */
  var responses = {
    single_choice: {
      write: function (w, r) { w.int(r === null ? 0 : r + 1); },
      read: function (rd) { var n = rd.int(); return n ? n - 1 : null; }
    },
    multiple_response: {
      write: function (w, r) { w.int(r === null ? 0 : r.reduce(function (m, i) { return m | 1 << i; }, 0) + 1); },
      read: function (rd, q) {
        var n = rd.int(); if (!n) return null;
        return q.choices.map(function (_, i) { return i; }).filter(function (i) { return (n - 1) >> i & 1; });
      }
    },
    true_false: {
      write: function (w, r) { w.int(r === null ? 0 : r ? 2 : 1); },
      read: function (rd) { var n = rd.int(); return n ? n === 2 : null; }
    },
    fill_in: {
      write: function (w, r) { w.text(r === null ? "" : r); },
      read: function (rd) { var t = rd.text(); return t === "" ? null : t; }
    },
    matching: {
      /* one target index per source, in source order */
      write: function (w, r, q) { q.pairs.forEach(function (_, i) { w.int(r && r[i] !== null ? r[i] + 1 : 0); }); },
      read: function (rd, q) {
        var r = q.pairs.map(function () { var n = rd.int(); return n ? n - 1 : null; });
        return r.every(function (x) { return x === null; }) ? null : r;
      }
    },
    sequencing: {
      /* the item index at each position */
      write: function (w, r, q) { q.items.forEach(function (_, i) { w.int(r && r[i] !== null ? r[i] + 1 : 0); }); },
      read: function (rd, q) {
        var r = q.items.map(function () { var n = rd.int(); return n ? n - 1 : null; });
        return r.every(function (x) { return x === null; }) ? null : r;
      }
    }
  };
  responses.document_inspection = {
    write: function (w, r, q) { w.bits(q.entries.map(function (_, i) { return !!r && r.indexOf(i) >= 0; }), q.entries.length); },
    read: function (rd, q) {
      var marked = [];
      rd.bits(q.entries.length).forEach(function (on, i) { if (on) marked.push(i); });
      return marked.length ? marked : null;
    }
  };
  responses.numeric = responses.fill_in;

  function writeResponse(w, question, answers) {
    if (question.type === "scenario") {
      question.questions.forEach(function (inner) { writeResponse(w, inner, answers); });
    } else {
      var r = answers[question.id];
      responses[question.type].write(w, r === undefined ? null : r, question);
    }
  }

  function readResponse(rd, question, answers) {
    if (question.type === "scenario") {
      question.questions.forEach(function (inner) { readResponse(rd, inner, answers); });
    } else {
      var r = responses[question.type].read(rd, question);
      if (r !== null) answers[question.id] = r;
    }
  }

  /* state: {page, visited[], seed, answers{questionId: response}, assessments{id: {...}}} */
  function encode(state, config) {
    var w = new Writer();
    w.int(FORMAT);
    w.int(config.fingerprint);
    w.int(state.page);
    w.bits(state.visited, config.pages.length);
    w.int(state.seed);
    config.checks.forEach(function (id) { writeResponse(w, config.questions[id], state.answers); });
    config.assessments.forEach(function (a) {
      var s = state.assessments[a.id];
      w.int(Math.min(s.attemptsUsed, LIMITS.attempts));
      w.int(s.bestScore === null ? 0 : Math.round(s.bestScore * 100) + 1);  /* hundredths of a percent */
      w.int((s.passed ? 1 : 0) | Math.min(s.extensions, LIMITS.extensions) << 1);
      w.int(s.seed);
      w.int(s.phase);
      w.int(Math.min(s.elapsed, LIMITS.elapsed));
      STCE.assessmentSlots(a, s.seed).forEach(function (question) { writeResponse(w, question, s.answers); });
    });
    return w.out.join("");
  }

  /* Returns null for data this module cannot read (another format or another build's structure). */
  function decode(text, config) {
    if (!text) return null;
    try {
      var rd = new Reader(text);
      if (rd.int() !== FORMAT || rd.int() !== config.fingerprint) return null;
      var state = { page: rd.int(), visited: rd.bits(config.pages.length), seed: rd.int(), answers: {}, assessments: {} };
      config.checks.forEach(function (id) { readResponse(rd, config.questions[id], state.answers); });
      config.assessments.forEach(function (a) {
        var s = { attemptsUsed: rd.int(), bestScore: (rd.int() - 1) / 100, answers: {} };
        var flags = rd.int();
        s.passed = (flags & 1) === 1;
        s.extensions = flags >> 1;
        s.seed = rd.int();
        s.phase = rd.int();
        s.elapsed = rd.int();
        if (s.bestScore < 0) s.bestScore = null;
        STCE.assessmentSlots(a, s.seed).forEach(function (question) { readResponse(rd, question, s.answers); });
        state.assessments[a.id] = s;
      });
      if (state.page >= config.pages.length) state.page = 0;
      return state;
    } catch (error) {
      STCE.stateError = String(error);  /* kept for the preview's inspector */
      return null;
    }
  }

  STCE.state = { encode: encode, decode: decode };
})(window.STCE = window.STCE || {});
