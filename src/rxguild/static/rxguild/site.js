// Small progressive enhancements. Loaded with a src (CSP: no inline script).
document.addEventListener("htmx:configRequest", function (event) {
  // htmx requests carry the CSRF token from the cookie-free meta element Django renders.
  const token = document.querySelector("meta[name=csrf-token]");
  if (token) { event.detail.headers["X-CSRFToken"] = token.content; }
});
