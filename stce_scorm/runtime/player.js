/* stce-scorm learner player: shows one page at a time, with previous/next and a table of contents.
 * Without JavaScript every page stays visible, one after another, and the contents links still work.
 * Tracking (SCORM 1.2 / 2004 adapters) plugs in through the `tracking` object; this first player
 * only navigates. No framework, no build step. */
(function () {
  "use strict";

  var pages = Array.prototype.slice.call(document.querySelectorAll("[data-page]"));
  if (!pages.length) return;
  var moduleTitle = document.title.split(" – ").slice(1).join(" – ");
  var previousButton = document.getElementById("previous-page");
  var nextButton = document.getElementById("next-page");
  var progressText = document.getElementById("progress-text");
  var pageOf = progressText ? progressText.getAttribute("data-page-of") : null;
  var current = -1;

  function indexOfAnchor(anchor) {
    for (var i = 0; i < pages.length; i++) if (pages[i].id === anchor) return i;
    return -1;
  }

  function show(index, moveFocus) {
    if (index < 0 || index >= pages.length || index === current) return;
    current = index;
    pages.forEach(function (page, i) { page.hidden = i !== index; });
    var heading = pages[index].querySelector(".page-title");
    document.title = (heading ? heading.textContent : "") + (moduleTitle ? " – " + moduleTitle : "");
    previousButton.disabled = index === 0;
    nextButton.disabled = index === pages.length - 1;
    document.querySelectorAll("[data-page-link]").forEach(function (link) {
      if (link.getAttribute("data-page-link") === pages[index].id) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
    if (progressText && pageOf) {
      progressText.textContent = pageOf.replace("{current}", index + 1).replace("{total}", pages.length);
    }
    if (moveFocus && heading) heading.focus();
    if (history.replaceState) history.replaceState(null, "", "#" + pages[index].id);
  }

  function pageOfTarget(hash) {
    var target = hash && document.getElementById(hash.slice(1));
    if (!target) return -1;
    var page = target.closest("[data-page]");
    return page ? pages.indexOf(page) : -1;
  }

  document.documentElement.classList.add("js");
  document.querySelector(".pager").hidden = false;
  previousButton.addEventListener("click", function () { show(current - 1, true); });
  nextButton.addEventListener("click", function () { show(current + 1, true); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link) return;
    var index = pageOfTarget(link.getAttribute("href"));
    if (index < 0) return;
    event.preventDefault();
    show(index, true);
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && !target.hasAttribute("data-page")) target.scrollIntoView();
  });
  var start = pageOfTarget(location.hash);
  show(start >= 0 ? start : 0, false);
})();
