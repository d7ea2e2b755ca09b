// The calendar's month grid by keyboard: one day is in the Tab order (today, else the first
// of the month); arrow keys move a day or a week, Home/End to the week's ends. Without this
// script every item is still a link reached with Tab.
(function () {
  "use strict";
  function days(grid) { return Array.prototype.slice.call(grid.querySelectorAll("[data-cal-day]")); }
  function setup(grid) {
    var all = days(grid);
    if (!all.length) return;
    var start = grid.querySelector(".is-today [data-cal-day]") ||
      grid.querySelector(".cal-day:not(.is-outside) [data-cal-day]") || all[0];
    start.setAttribute("tabindex", "0");
    grid.addEventListener("keydown", function (event) {
      var current = event.target.closest("[data-cal-day]");
      if (!current) return;
      var index = all.indexOf(current);
      var step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
      var target = null;
      if (step !== undefined) target = all[index + step];
      else if (event.key === "Home") target = all[index - (index % 7)];
      else if (event.key === "End") target = all[index - (index % 7) + 6];
      if (!target) return;
      event.preventDefault();
      current.setAttribute("tabindex", "-1");
      target.setAttribute("tabindex", "0");
      target.focus();
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-cal-grid]"), setup);
  });
})();
