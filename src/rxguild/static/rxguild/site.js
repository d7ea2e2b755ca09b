// Small progressive enhancements. Loaded with a src (CSP: no inline script).
document.addEventListener("htmx:configRequest", function (event) {
  // htmx requests carry the CSRF token from the cookie-free meta element Django renders.
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
});

// <details data-open-wide> fold filters away on phones but stay open where there is room
// (the same breakpoint as the two-column layouts in the stylesheets).
document.addEventListener("DOMContentLoaded", function () {
  if (!window.matchMedia("(min-width: 992px)").matches) { return; }
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
});

// The main menu (base.html, details.site-menu) is one bar from 1280 px (site.css hides its
// summary there) and a "Menu" disclosure below. Without script it is a disclosure at every
// width, which still works.
(function () {
  const MENU_WIDE = window.matchMedia("(min-width: 1280px)");
  const menu = function () { return document.querySelector("details.site-menu"); };
  function place() {
    const details = menu();
    if (details) { details.open = MENU_WIDE.matches; }
  }
  document.addEventListener("DOMContentLoaded", place);
  MENU_WIDE.addEventListener("change", place);
  function closeFolded(returnFocus) {
    const details = menu();
    if (!details || !details.open || MENU_WIDE.matches) { return; }
    details.open = false;
    if (returnFocus) { details.querySelector("summary").focus(); }
  }
  // Escape closes the open panel and puts focus back on its button; so does a click or
  // focus that leaves it.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeFolded(menu() && menu().contains(document.activeElement)); }
  });
  document.addEventListener("click", function (event) {
    const details = menu();
    if (details && !details.contains(event.target)) { closeFolded(false); }
  });
  document.addEventListener("focusin", function (event) {
    const details = menu();
    if (details && !details.contains(event.target)) { closeFolded(false); }
  });
})();
