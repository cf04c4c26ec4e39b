/* Fragments: the pages index.html does not hold (render/fragments.py). index.html carries the player's
 * shell, the first pages, a compact page layout and each question's shape; every other part of a lesson,
 * each assessment and the glossary is a classic script, pages/<name>.js, that calls
 * STCE.fragment(name, {html, questions, titles}). The player adds one with a script tag when the learner
 * goes there, or while idle just before: fetch and XHR do not work from file://, and the Moodle app plays
 * packages from files. */
(function (STCE) {
  "use strict";
  var arrived = {}, waiting = {}, handler = null;

  /* The layout as the player's page list, one entry per page in order:
   * {anchor, kind, checks, lesson, fragment (null: in index.html)}. */
  function expand(config) {
    var layout = config.layout, pages = [];
    layout.lessons.forEach(function (lesson) {
      var part = 0;
      lesson[1].split(" ").forEach(function (id, i) {
        if (lesson[2].indexOf(i) >= 0) part += 1;
        var anchor = lesson[0] + "-" + id, name = lesson[0] + "-" + part;
        pages.push({ anchor: anchor, kind: "lesson", checks: layout.checks[anchor] || [], lesson: lesson[0],
          fragment: name === layout.inline ? null : name });
      });
    });
    layout.after.forEach(function (entry) {
      pages.push({ anchor: entry[0], kind: entry[1], checks: [], lesson: null, fragment: entry[0] });
    });
    config.pages = pages;
    return config;
  }

  /* A fragment's question details join the shapes index.html holds: the same objects, so the draws and
   * the saved state already made with them stay as they are. */
  function merge(config, details) {
    var byId = {};
    function index(q) { byId[q.id] = q; (q.questions || []).forEach(index); }
    Object.keys(config.questions).forEach(function (id) { index(config.questions[id]); });
    config.assessments.forEach(function (a) { a.pools.forEach(function (p) { p.questions.forEach(index); }); });
    Object.keys(details).forEach(function (id) { if (byId[id]) Object.assign(byId[id], details[id]); });
  }

  /* Adds the fragment's script once; `done` runs when it has arrived, `failed` if it cannot load. */
  function load(name, done, failed) {
    if (arrived[name]) { if (done) done(); return; }
    if (waiting[name]) { waiting[name].push([done, failed]); return; }
    waiting[name] = [[done, failed]];
    var script = document.createElement("script");
    script.src = "pages/" + name + ".js";
    script.onerror = function () {
      var callers = waiting[name] || [];
      delete waiting[name];
      script.remove();
      callers.forEach(function (c) { if (c[1]) c[1](); });
    };
    document.head.appendChild(script);
  }

  /* Loads a fragment when the browser has nothing else to do. */
  function prefetch(name) {
    if (!name || arrived[name] || waiting[name]) return;
    var idle = window.requestIdleCallback || function (task) { return setTimeout(task, 200); };
    idle(function () { load(name); });
  }

  /* Called by each fragment's script. */
  STCE.fragment = function (name, data) {
    if (arrived[name]) return;
    arrived[name] = true;
    if (handler) handler(name, data);
    var callers = waiting[name] || [];
    delete waiting[name];
    callers.forEach(function (c) { if (c[0]) c[0](); });
  };

  STCE.fragments = {
    expand: expand, merge: merge, load: load, prefetch: prefetch,
    loaded: function (name) { return !name || !!arrived[name]; },
    onArrival: function (fn) { handler = fn; }
  };
})(window.STCE = window.STCE || {});
