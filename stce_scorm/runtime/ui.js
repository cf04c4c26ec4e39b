/* How the player presents things, apart from what it presents: notices a screen reader announces,
 * the contents folded behind a button on narrow screens, modal dialogs, scrolling a page into view.
 * No learner state and no tracking here (player.js holds those). */
(function (STCE) {
  "use strict";
  var NARROW = "(max-width: 40rem)";  /* the same breakpoint as base.css */
  var TRANSIENT_MS = 10000;

  /* A live region announces new text only if it was already in the accessibility tree, so the region is
   * never hidden: a message is a fresh child added a moment after the old one is removed. A transient
   * message ("saved again") goes away by itself; others stay until replaced or cleared. */
  function Notices(region) {
    this.region = region; this.timer = null; this.current = "";
  }

  Notices.prototype.say = function (message, transient) {
    var region = this.region;
    clearTimeout(this.timer);
    region.textContent = "";
    this.current = message || "";
    if (!message) return;
    var self = this;
    this.timer = setTimeout(function () {
      var p = document.createElement("p");
      p.className = "notice";
      p.textContent = message;
      region.appendChild(p);
      if (transient) self.timer = setTimeout(function () { self.say(""); }, TRANSIENT_MS);
    }, 50);
  };

  /* GOV.UK's contents pattern: on a narrow screen the list folds behind a "Contents" button. */
  function ContentsDisclosure(toc) {
    this.toc = toc;
    this.button = toc.querySelector(".toc-toggle");
    this.button.hidden = false;
    var self = this;
    this.button.addEventListener("click", function () { self.set(!toc.classList.contains("toc-open")); });
  }

  ContentsDisclosure.prototype.set = function (open) {
    this.toc.classList.toggle("toc-open", open);
    this.button.setAttribute("aria-expanded", String(open));
  };

  function narrow() { return window.matchMedia(NARROW).matches; }

  /* A new page shows from its top, unless that leaves `element` (its heading) out of sight, as it can on a
   * narrow or zoomed view: then the page scrolls just enough to show it. */
  function showFromTop(area, element) {
    area.scrollTop = 0;
    window.scrollTo(0, 0);
    if (element) reveal(element);
  }

  function reveal(element) { element.scrollIntoView({ block: "nearest" }); }

  /* A modal dialog: focus moves into it, Escape closes it, and focus returns to what opened it. */
  function openDialog(dialog, opener) {
    dialog.showModal();
    dialog.addEventListener("close", function () { if (opener && opener.isConnected) opener.focus(); }, { once: true });
  }

  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-dialog-close]");
    if (close) close.closest("dialog").close();
  });

  STCE.ui = {
    Notices: Notices, ContentsDisclosure: ContentsDisclosure, narrow: narrow, reveal: reveal,
    showFromTop: showFromTop, openDialog: openDialog
  };
})(window.STCE = window.STCE || {});
