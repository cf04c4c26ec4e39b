/* Questions in the page: read a learner's response from the form, put it back on resume, score it,
 * and show feedback. Responses are indexes into the author's lists (see state.js), never text,
 * except for fill-in and numeric answers. */
(function (STCE) {
  "use strict";

  function element(id) { return document.querySelector('[data-question="' + id + '"]'); }
  function inputs(el, selector) { return Array.prototype.slice.call(el.querySelectorAll(selector)); }
  function sequenceItems(el) { return inputs(el, "[data-item]"); }

  function read(question) {
    var el = element(question.id);
    switch (question.type) {
      case "single_choice": {
        var picked = el.querySelector("input:checked");
        return picked ? question.choices.indexOf(picked.value) : null;
      }
      case "multiple_response": {
        var picks = inputs(el, "input:checked").map(function (i) { return question.choices.indexOf(i.value); });
        return picks.length ? picks.sort() : null;
      }
      case "true_false": {
        var tf = el.querySelector("input:checked");
        return tf ? tf.value === "true" : null;
      }
      case "fill_in":
      case "numeric": {  /* characters outside the Basic Multilingual Plane (emoji) are not kept */
        var text = el.querySelector("input").value.replace(/[\uD800-\uDFFF]/g, "").trim();
        return text === "" ? null : text;
      }
      case "matching": {
        var targets = question.pairs.map(function (source) {
          var value = el.querySelector('[data-source="' + source + '"] select').value;
          return value ? question.pairs.indexOf(value) : null;
        });
        return targets.every(function (t) { return t === null; }) ? null : targets;
      }
      case "document_inspection": {  /* the selected entries, as indexes into question.entries */
        var marked = inputs(el, "[data-entry] input:checked").map(function (i) { return question.entries.indexOf(i.value); });
        return marked.length ? marked.sort(function (a, b) { return a - b; }) : null;
      }
      case "sequencing":  /* always answered: the order on screen is the response */
        return sequenceItems(el).map(function (li) { return question.items.indexOf(li.getAttribute("data-item")); });
    }
    return null;
  }

  function write(question, response) {
    var el = element(question.id);
    if (response === null || response === undefined) return;
    switch (question.type) {
      case "single_choice":
      case "multiple_response": {
        var chosen = [].concat(response).map(function (i) { return question.choices[i]; });
        inputs(el, "input").forEach(function (i) { i.checked = chosen.indexOf(i.value) >= 0; });
        break;
      }
      case "document_inspection": {
        var marked = response.map(function (i) { return question.entries[i]; });
        inputs(el, "[data-entry] input").forEach(function (i) { i.checked = marked.indexOf(i.value) >= 0; });
        break;
      }
      case "true_false":
        inputs(el, "input").forEach(function (i) { i.checked = i.value === String(response); });
        break;
      case "fill_in":
      case "numeric":
        el.querySelector("input").value = response;
        break;
      case "matching":
        question.pairs.forEach(function (source, i) {
          el.querySelector('[data-source="' + source + '"] select').value =
            response[i] === null ? "" : question.pairs[response[i]];
        });
        break;
      case "sequencing": {
        var list = el.querySelector("[data-sequence]");
        response.forEach(function (index) {
          if (index !== null) list.appendChild(list.querySelector('[data-item="' + question.items[index] + '"]'));
        });
        break;
      }
    }
  }

  /* Graded against salted hashes: the page holds no answer in plain text (keys.js). */
  function isCorrect(question, r) { return STCE.keys.matches(question, r); }

  /* "1 234,5" and "1,234.5" both read as numbers: officers write decimals both ways. */
  function parseNumber(text) {
    var t = String(text).replace(/[\s\u00a0]/g, "")
      .replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })  /* Arabic-Indic */
      .replace(/[\u06F0-\u06F9]/g, function (d) { return String(d.charCodeAt(0) - 0x6F0); })
      .replace(/\u066B/g, ".").replace(/\u066C/g, ",");
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, "");
    else if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, "").replace(",", ".");
    else t = t.replace(",", ".");
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? parseFloat(t) : null;
  }

  /* The correct response, in the same form as a learner's (indexes, a flag, or text); decoded from the
   * question's sealed key, so call it only once the question is answered. */
  function correctResponse(question) {
    var key = STCE.keys.reveal(question);
    switch (question.type) {
      case "single_choice": return key.correct[0];
      case "multiple_response": return key.correct;
      case "true_false": return key.correct;
      case "fill_in": return key.accepted[0];
      case "numeric": return key.min === key.max ? String(key.min) : key.min + " – " + key.max;
      case "matching": return question.pairs.map(function (_, i) { return i; });
      case "sequencing": return question.items.map(function (_, i) { return i; });
      case "document_inspection": return key.correct;
    }
    return null;
  }

  /* A response as the learner read it on screen: the labels of choices, pairs and items. */
  function describe(question, response, text) {
    var el = element(question.id);
    function label(selector) {
      var found = el.querySelector(selector);
      return found ? found.textContent.replace(/[ \t\r\n\f]+/g, " ").trim() : "";  /* not \s: it would fold a no-break space */
    }
    if (response === null || response === undefined) return null;
    switch (question.type) {
      case "single_choice":
      case "multiple_response":
        return [].concat(response).map(function (i) { return label('[data-choice="' + question.choices[i] + '"] span'); }).join("; ");
      case "true_false":
        return label('[data-choice="' + String(response) + '"] span');
      case "fill_in":
      case "numeric":
        return String(response);
      case "matching":
        return question.pairs.map(function (source, i) {
          var target = response[i] === null ? "?" : label('[data-source="' + source + '"] option[value="' + question.pairs[response[i]] + '"]');
          return label('[data-source="' + source + '"] label') + " → " + target;
        }).join(text.list_separator);
      case "sequencing":
        return response.map(function (i) { return label('[data-item="' + question.items[i] + '"] .sequence-text'); }).join(" → ");
      case "document_inspection":  /* "Air waybill 123-45678901: Routing": the document, then the entry's label or first cell */
        return response.map(function (i) {
          var entry = question.entries[i], sheet = '[data-document="' + entry.split(".")[0] + '"] ';
          return label(sheet + ".trade-document-title") + text.colon + " " + label(sheet + '[data-entry="' + entry + '"] label');
        }).join(text.list_separator);
    }
    return null;
  }

  /* "Your answer: ... Correct answer: ..." in words, for every type (the marks on choices are not enough
   * for matching, sequencing or typed answers, nor for a screen reader). */
  function showAnswerReview(question, response, text) {
    var line = element(question.id).querySelector("[data-answer-review]");
    if (!line) return;
    var yours = describe(question, response, text);
    STCE.wording.fill(line, text.your_answer_was, { answer: yours === null ? text.no_answer : yours });
    line.appendChild(document.createTextNode(" "));
    STCE.wording.fill(line, text.correct_answer_was, { answer: describe(question, correctResponse(question), text) }, true);
    line.hidden = false;
  }

  /* Show the verdict and the feedback that teaches; `reveal` also marks the correct choices. */
  function showFeedback(question, response, reveal, text) {
    var el = element(question.id), box = el.querySelector("[data-feedback]");
    var right = isCorrect(question, response);
    box.hidden = false;
    box.className = "feedback " + (right ? "feedback-correct" : "feedback-incorrect");
    box.querySelector("[data-verdict]").textContent = right ? text.correct : text.incorrect;
    inputs(box, "[data-feedback-when]").forEach(function (d) {
      d.hidden = d.getAttribute("data-feedback-when") !== (right ? "correct" : "incorrect");
    });
    var chosen = question.choices ? [].concat(response === null ? [] : response).map(function (i) {
      return question.choices[i];
    }) : [];
    inputs(box, "[data-feedback-choice]").forEach(function (d) {
      d.hidden = chosen.indexOf(d.getAttribute("data-feedback-choice")) < 0;
    });
    if (reveal && question.choices) {
      var correct = [].concat(correctResponse(question)).map(function (i) { return question.choices[i]; });
      inputs(el, "[data-choice]").forEach(function (label) {
        label.classList.toggle("choice-correct", correct.indexOf(label.getAttribute("data-choice")) >= 0);
      });
    }
    if (reveal) showAnswerReview(question, response, text);
    if (reveal && question.type === "true_false") {
      inputs(el, "[data-choice]").forEach(function (label) {
        label.classList.toggle("choice-correct", label.getAttribute("data-choice") === String(correctResponse(question)));
      });
    }
    if (reveal && question.type === "document_inspection") revealFindings(question);
    return right;
  }

  /* Each entry that does not fit says so in words, and every finding shows: what the documents teach. */
  function revealFindings(question) {
    var el = element(question.id), flagged = correctResponse(question).map(function (i) { return question.entries[i]; });
    inputs(el, "[data-entry]").forEach(function (entry) {
      var wrong = flagged.indexOf(entry.getAttribute("data-entry")) >= 0;
      entry.classList.toggle("entry-flagged", wrong);
      entry.querySelector("[data-entry-mark]").hidden = !wrong;
    });
    inputs(el, "[data-finding]").forEach(function (finding) { finding.hidden = false; });
  }

  function hideFeedback(question) {
    var el = element(question.id);
    el.querySelector("[data-feedback]").hidden = true;
    var line = el.querySelector("[data-answer-review]");
    if (line) { line.hidden = true; line.textContent = ""; }
    inputs(el, ".choice-correct").forEach(function (c) { c.classList.remove("choice-correct"); });
    inputs(el, ".entry-flagged").forEach(function (c) { c.classList.remove("entry-flagged"); });
    inputs(el, "[data-entry-mark], [data-finding]").forEach(function (c) { c.hidden = true; });
  }

  function clear(question) {
    var el = element(question.id);
    inputs(el, "input[type=radio], input[type=checkbox]").forEach(function (i) { i.checked = false; });
    inputs(el, "input[type=text]").forEach(function (i) { i.value = ""; });
    inputs(el, "select").forEach(function (s) { s.value = ""; });
    if (question.type === "sequencing") scramble(question);
    hideFeedback(question);
    clearError(question);
  }

  function setDisabled(question, disabled) {
    inputs(element(question.id), "input, select, button").forEach(function (i) { i.disabled = disabled; });
  }

  /* Sequencing without dragging (WCAG 2.5.7): each item has move-up and move-down buttons; the new
   * position is announced, since the focused button itself does not change. */
  function moveItem(button, text) {
    var item = button.closest("[data-item]"), list = item.parentNode, step = +button.getAttribute("data-move");
    var sibling = step < 0 ? item.previousElementSibling : item.nextElementSibling;
    var items = inputs(list, "[data-item]");
    if (sibling) list.insertBefore(item, step < 0 ? sibling : sibling.nextElementSibling);
    button.focus();
    var status = list.parentNode.querySelector("[data-sequence-status]");
    if (status && text) {
      STCE.wording.fill(status, text.sequence_moved, { item: item.querySelector(".sequence-text").textContent,
        position: inputs(list, "[data-item]").indexOf(item) + 1, total: items.length });
    }
    if (sibling) list.dispatchEvent(new Event("change", { bubbles: true }));  /* a new order is a new answer */
  }

  /* An inline error under the question's legend (GOV.UK pattern): the group describes itself by it and
   * its controls are marked invalid. Returns the first control, for the caller to focus. */
  function markError(question, message) {
    var el = element(question.id), box = el.querySelector("[data-error]");
    box.textContent = message;
    box.hidden = false;
    el.setAttribute("aria-describedby", box.id);
    el.classList.add("question-invalid");
    var controls = inputs(el, "input, select");
    controls.forEach(function (c) { c.setAttribute("aria-invalid", "true"); });
    return el.querySelector("input:not([disabled]), select:not([disabled]), button:not([disabled])");
  }

  function clearError(question) {
    var el = element(question.id), box = el.querySelector("[data-error]");
    box.hidden = true;
    box.textContent = "";
    el.removeAttribute("aria-describedby");
    el.classList.remove("question-invalid");
    inputs(el, "[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
  }

  /* "Question 2 of 6" in the legend; `n` null hides it. */
  function setNumber(question, text, n, total) {
    var number = element(question.id).querySelector("[data-question-number]");
    number.hidden = n === null;
    number.textContent = n === null ? "" : STCE.wording.format(text.question_of, { n: n, total: total });
  }

  /* Items start in text order; if that happens to be the answer, start from another order. */
  function scramble(question) {
    var list = element(question.id).querySelector("[data-sequence]");
    question.items.slice().sort(function (a, b) {
      var ta = list.querySelector('[data-item="' + a + '"]').textContent;
      var tb = list.querySelector('[data-item="' + b + '"]').textContent;
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    }).forEach(function (id) { list.appendChild(list.querySelector('[data-item="' + id + '"]')); });
    if (isCorrect(question, read(question))) list.appendChild(list.firstElementChild);
  }

  STCE.questions = {
    read: read, write: write, isCorrect: isCorrect, correctResponse: correctResponse, showFeedback: showFeedback, hideFeedback: hideFeedback,
    clear: clear, scramble: scramble, setDisabled: setDisabled, moveItem: moveItem, parseNumber: parseNumber, element: element,
    markError: markError, clearError: clearError, setNumber: setNumber
  };
})(window.STCE = window.STCE || {});
