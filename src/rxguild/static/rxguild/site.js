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
