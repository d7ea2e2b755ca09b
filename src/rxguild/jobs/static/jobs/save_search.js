// "Save this search": send the query the address bar shows now (htmx updates it in place).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("[data-save-search]")) { return; }
  form.querySelector("input[name=q]").value = window.location.search.replace(/^\?/, "");
});
