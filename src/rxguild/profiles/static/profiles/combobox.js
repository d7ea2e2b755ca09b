// Type-ahead combobox (WAI-ARIA APG "combobox with listbox popup", list autocomplete).
// Loaded as a file (CSP: no inline script). htmx fetches the options into the listbox as
// the member types; this script only adds the keyboard and choosing:
//   Down / Up    move through the options (aria-activedescendant; focus stays in the input)
//   Enter        choose the active option (without one, the form submits as usual)
//   Escape       close the list; a second Escape clears the input
//   click        choose an option
// Markup (see profiles/_combobox.html):
//   <div data-combobox data-combobox-value="ID of the hidden input that gets the value"
//        [data-combobox-submit="ID of the form to submit once chosen"]>
//     <input role="combobox" aria-controls="LISTBOX" aria-expanded="false" hx-get=...>
//     <ul role="listbox" id="LISTBOX" hidden></ul>
//     <p data-combobox-status role="status"></p>
//   </div>
// Options are <li role="option" data-value="..." data-label="..." [data-href="..."]
// [aria-disabled="true"]>. Without JavaScript none of this runs and the plain input and
// its form work on their own.
(function () {
  "use strict";

  function parts(box) {
    return {
      input: box.querySelector("[role=combobox]"),
      listbox: box.querySelector("[role=listbox]"),
      status: box.querySelector("[data-combobox-status]"),
      value: document.getElementById(box.dataset.comboboxValue || ""),
    };
  }

  function options(listbox) {
    return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]"));
  }

  function setActive(box, option) {
    const p = parts(box);
    options(p.listbox).forEach(function (item) {
      const active = item === option;
      item.classList.toggle("is-active", active);
      item.setAttribute("aria-selected", active ? "true" : "false");
    });
    if (option) {
      p.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      p.input.removeAttribute("aria-activedescendant");
    }
  }

  function open(box) {
    const p = parts(box);
    if (!options(p.listbox).length) { close(box); return; }
    p.listbox.hidden = false;
    p.input.setAttribute("aria-expanded", "true");
  }

  function close(box) {
    const p = parts(box);
    p.listbox.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    setActive(box, null);
  }

  function isOpen(box) { return !parts(box).listbox.hidden; }

  function choose(box, option) {
    if (!option || option.getAttribute("aria-disabled") === "true") { return; }
    const p = parts(box);
    if (option.dataset.href) { window.location.assign(option.dataset.href); return; }
    if (p.value) { p.value.value = option.dataset.value || ""; }
    p.input.value = option.dataset.label || option.textContent.trim();
    close(box);
    if (p.status) { p.status.textContent = "Chosen: " + p.input.value + "."; }
    const formId = box.dataset.comboboxSubmit;
    const form = formId ? document.getElementById(formId) : null;
    if (form) {
      // requestSubmit fires the submit event, which htmx turns into its request.
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
      if (form !== p.input.form) { p.input.value = ""; }
    }
  }

  function move(box, step) {
    const p = parts(box);
    const items = options(p.listbox).filter(function (item) {
      return item.getAttribute("aria-disabled") !== "true";
    });
    if (!items.length) { return; }
    if (!isOpen(box)) { open(box); }
    const current = items.indexOf(p.listbox.querySelector(".is-active"));
    let next = current + step;
    if (current === -1) { next = step > 0 ? 0 : items.length - 1; }
    next = (next + items.length) % items.length;
    setActive(box, items[next]);
  }

  function boxOf(node) { return node && node.closest ? node.closest("[data-combobox]") : null; }

  document.addEventListener("keydown", function (event) {
    const box = boxOf(event.target);
    if (!box || event.target.getAttribute("role") !== "combobox") { return; }
    const p = parts(box);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(box, 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(box, -1);
    } else if (event.key === "Enter") {
      const active = p.listbox.querySelector(".is-active");
      if (isOpen(box) && active) {
        event.preventDefault();
        choose(box, active);
      }
    } else if (event.key === "Escape") {
      if (isOpen(box)) {
        event.preventDefault();
        event.stopPropagation();
        close(box);
      } else if (p.input.value) {
        event.preventDefault();
        p.input.value = "";
        if (p.value) { p.value.value = ""; }
      }
    }
  });

  // Typing makes an earlier choice stale: the hidden value follows the text again.
  document.addEventListener("input", function (event) {
    const box = boxOf(event.target);
    if (!box || event.target.getAttribute("role") !== "combobox") { return; }
    const p = parts(box);
    if (p.value) { p.value.value = ""; }
  });

  // mousedown, not click: the input keeps focus, so the list is not closed by blur first.
  document.addEventListener("mousedown", function (event) {
    const option = event.target.closest ? event.target.closest("[role=option]") : null;
    const box = boxOf(option);
    if (!box) { return; }
    event.preventDefault();
    choose(box, option);
  });

  document.addEventListener("focusout", function (event) {
    const box = boxOf(event.target);
    if (box && !box.contains(event.relatedTarget)) { close(box); }
  });

  // New options from the server: give them ids, open the list, say how many there are.
  document.addEventListener("htmx:afterSwap", function (event) {
    const listbox = event.detail.target;
    const box = boxOf(listbox);
    if (!box || listbox.getAttribute("role") !== "listbox") { return; }
    const p = parts(box);
    const items = options(listbox);
    items.forEach(function (item, index) {
      item.id = listbox.id + "-option-" + index;
      item.setAttribute("aria-selected", "false");
    });
    if (p.status) {
      const usable = items.filter(function (item) {
        return item.getAttribute("aria-disabled") !== "true";
      }).length;
      p.status.textContent = p.input.value.trim().length < 2 ? "" :
        usable === 0 ? "No matches." :
        usable + (usable === 1 ? " match" : " matches") + ". Use the up and down arrows to choose.";
    }
    if (document.activeElement === p.input) { open(box); } else { close(box); }
  });
})();
