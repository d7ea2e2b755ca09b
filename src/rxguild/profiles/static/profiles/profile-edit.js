// Editing the profile one section at a time (loaded as a file: CSP, no inline script).
// htmx swaps a section between its read-only view and its form; this keeps the keyboard
// where the member is: into the form's first field when it opens, back to the section's
// heading when it closes (its status message is announced by role="status"). After a skill
// is added from the picker, focus goes back to the picker to add the next one.
(function () {
  "use strict";
  let lastSource = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    lastSource = event.detail.elt;
  });
  document.addEventListener("htmx:load", function (event) {
    const elt = event.detail.elt;
    if (!elt || elt === document.body || !elt.matches) { return; }
    const form = elt.matches("[data-section-form]") ? elt : elt.querySelector("[data-section-form]");
    if (form) {
      const field = form.querySelector(
        "[aria-invalid=true], input:not([type=hidden]), select, textarea"
      );
      if (field) { field.focus(); }
      return;
    }
    if (!elt.matches("[data-section]")) { return; }
    const picker = elt.querySelector("[role=combobox]");
    if (picker && lastSource && lastSource.id === "skill-add-form") {
      picker.focus();
      return;
    }
    const heading = elt.querySelector("h2[tabindex]");
    if (heading) { heading.focus(); }
  });
})();
