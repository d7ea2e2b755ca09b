// Tracker board enhancements (CSP: a static file, no inline script).
// 1. After a keyboard move re-renders the board, focus returns to the same button of the
//    moved card, so a keyboard user can press it again.
// 2. Drag and drop between and within columns; it posts the same form the buttons do.
(function () {
  "use strict";
  var lastFocus = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var card = elt && elt.closest ? elt.closest("[data-card]") : null;
    var active = document.activeElement;
    if (card) {
      lastFocus = {
        card: card.getAttribute("data-card"),
        move: active && active.name === "move" ? active.value : null,
      };
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!lastFocus) { return; }
    var card = document.querySelector('[data-card="' + lastFocus.card + '"]');
    if (card) {
      var target = lastFocus.move
        ? card.querySelector('button[name="move"][value="' + lastFocus.move + '"]')
        : card.querySelector("select[name=stage]");
      (target || card.querySelector("a")).focus();
    }
    lastFocus = null;
  });

  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("[data-card]") : null;
    if (!card) { return; }
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-card"));
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("is-dragging"); }
    dragged = null;
    document.querySelectorAll(".is-drop-target").forEach(function (el) { el.classList.remove("is-drop-target"); });
  });
  document.addEventListener("dragover", function (event) {
    var list = event.target.closest ? event.target.closest(".tracker-cards[data-stage]") : null;
    if (!list || !dragged) { return; }
    event.preventDefault();
    list.classList.add("is-drop-target");
  });
  document.addEventListener("dragleave", function (event) {
    var list = event.target.closest ? event.target.closest(".tracker-cards[data-stage]") : null;
    if (list && !list.contains(event.relatedTarget)) { list.classList.remove("is-drop-target"); }
  });
  document.addEventListener("drop", function (event) {
    var list = event.target.closest ? event.target.closest(".tracker-cards[data-stage]") : null;
    if (!list || !dragged) { return; }
    event.preventDefault();
    // Index among the other cards of the column, from the pointer's height.
    var cards = Array.prototype.filter.call(list.querySelectorAll("[data-card]"), function (c) { return c !== dragged; });
    var index = cards.length;
    for (var i = 0; i < cards.length; i++) {
      var box = cards[i].getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { index = i; break; }
    }
    var url = dragged.getAttribute("data-move-url");
    lastFocus = { card: dragged.getAttribute("data-card"), move: null };
    htmx.ajax("POST", url, {
      target: "#board",
      swap: "outerHTML",
      values: { stage: list.getAttribute("data-stage"), index: String(index) },
    });
  });
})();
