/* The player's words in the page's language (<html lang>): plural forms, numbers, percentages and the
 * time left by the browser's Intl (CLDR data), never by hand; the build does the same with Babel
 * (render/wording.py). A word is text with {placeholders}, or, where a count changes the wording, a
 * map of CLDR plural categories (zero, one, two, few, many, other) chosen by its {count}.
 *
 * Values: a number is formatted as a number, STCE.wording.percent(85.5) as a percentage ("85,5 %" in
 * French), text is put in as it is. `fill` puts text values in <bdi>, so a Latin title inside Arabic
 * words, or Arabic inside English ones, keeps its own direction and does not reorder what surrounds it. */
(function (STCE) {
  "use strict";
  var language = document.documentElement.lang || "en";
  /* Each formatter is made when first used: a page's first Intl.NumberFormat costs 15-40 ms (ICU loads
   * its number data), which the first page, shown before any number (see player.js, start), need not wait for. */
  function lazily(make) {
    var made, done = false;
    return function () {
      if (!done) { made = make(); done = true; }
      return made;
    };
  }
  var numbers = lazily(function () {
    return new Intl.NumberFormat(language, { maximumFractionDigits: 2, useGrouping: false });
  });
  var percents = lazily(function () {
    return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 });
  });
  var plurals = lazily(function () { return new Intl.PluralRules(language); });
  var clock = lazily(function () {
    return typeof Intl.DurationFormat === "function"
      ? new Intl.DurationFormat(language, { style: "digital", hoursDisplay: "auto" }) : false;
  });

  function Percent(value) { this.value = value; }

  function percent(value) { return new Percent(value); }

  /* The text of a word: its plural form for values.count, "other" if the catalog lacks that category. */
  function choose(word, values) {
    if (typeof word === "string") return word;
    var count = values && typeof values.count === "number" ? values.count : null;
    return (count !== null && word[plurals().select(count)]) || word.other;
  }

  function shown(value) {
    if (value instanceof Percent) return percents().format(value.value / 100);
    if (typeof value === "number") return numbers().format(value);
    return String(value);
  }

  /* A word with its placeholders filled, as one string (for notices and the window title). */
  function format(word, values) {
    return choose(word, values).replace(/\{(\w+)\}/g, function (_, key) { return shown(values[key]); });
  }

  /* The same, as the content of `element`: each text value inside a <bdi>. `append` keeps what is there. */
  function fill(element, word, values, append) {
    if (!append) element.textContent = "";
    var parts = choose(word, values).split(/\{(\w+)\}/);
    parts.forEach(function (part, i) {
      if (i % 2 === 0) { if (part) element.appendChild(document.createTextNode(part)); return; }
      var value = values[part];
      if (typeof value === "number" || value instanceof Percent) {
        element.appendChild(document.createTextNode(shown(value)));
      } else {
        var isolated = document.createElement("bdi");
        isolated.textContent = String(value);
        element.appendChild(isolated);
      }
    });
  }

  /* Time left on a clock face, "4:05" (or "١:٠٥:٠٠" with Arabic-Indic digits where the language uses them).
   * Intl.DurationFormat is recent; a browser without it shows the same layout with Intl's digits. */
  function duration(seconds) {
    var parts = { hours: Math.floor(seconds / 3600), minutes: Math.floor(seconds / 60) % 60, seconds: seconds % 60 };
    if (clock()) return clock().format(parts);
    var two = new Intl.NumberFormat(language, { minimumIntegerDigits: 2, useGrouping: false });
    return (parts.hours ? numbers().format(parts.hours) + ":" : "") + two.format(parts.minutes) + ":" + two.format(parts.seconds);
  }

  STCE.wording = { language: language, format: format, fill: fill, percent: percent, number: shown, duration: duration };
})(window.STCE = window.STCE || {});
