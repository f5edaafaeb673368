/* Guanxi data-entry helpers (drawer forms and the import page). Loaded by the drawer partial
 * each time a form opens, so everything is delegated on the document and set up once. */
(function () {
  "use strict";
  if (window.GuanxiForms) { return; }

  function drawer() { return document.getElementById("drawer"); }

  function closeDrawer() {
    var d = drawer();
    if (d) { d.innerHTML = ""; }
  }

  /* Append an id to the comma-separated participants list (no duplicates). */
  function addParticipant(button) {
    var form = button.closest("form");
    var input = form && form.querySelector("[data-participants]");
    if (!input) { return; }
    var id = button.dataset.addId;
    var ids = input.value.split(/[,;]/).map(function (s) { return s.trim(); }).filter(Boolean);
    if (ids.indexOf(id) < 0) { ids.push(id); }
    input.value = ids.join(", ");
    var search = form.querySelector(".picker-search");
    if (search) { search.value = ""; search.focus(); }
    var results = document.getElementById("participant-suggestions");
    if (results) { results.innerHTML = ""; }
  }

  document.addEventListener("click", function (evt) {
    var close = evt.target.closest("[data-drawer-close]");
    if (close) { evt.preventDefault(); closeDrawer(); return; }
    var pick = evt.target.closest("[data-add-id]");
    if (pick) { evt.preventDefault(); addParticipant(pick); }
  });

  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape" && drawer() && drawer().innerHTML.trim()) { closeDrawer(); }
  });

  /* Focus the first field when a form opens in the drawer. */
  document.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.target && evt.target.id === "drawer") {
      var first = evt.target.querySelector(".field.invalid input, .field.invalid select, form.entry input:not([type=hidden]), form.entry select");
      if (first) { first.focus(); }
    }
  });

  /* Upload progress on forms marked data-upload-progress (the import page). */
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest ? evt.target.closest("[data-upload-progress]") : null;
    if (!form || !evt.detail.lengthComputable) { return; }
    var bar = form.querySelector("progress");
    var label = form.querySelector("[data-progress-label]");
    var pct = Math.round((evt.detail.loaded / evt.detail.total) * 100);
    if (bar) { bar.hidden = false; bar.value = pct; }
    if (label) {
      label.textContent = pct < 100 ? (label.dataset.uploading || "") + " " + pct + "%" : (label.dataset.checking || "");
    }
  });

  /* When the check or the apply has answered, the upload bar has done its job. */
  document.addEventListener("htmx:afterRequest", function (evt) {
    var form = evt.target.closest ? evt.target.closest("[data-upload-progress]") : null;
    if (!form) { return; }
    var bar = form.querySelector("progress");
    var label = form.querySelector("[data-progress-label]");
    if (bar) { bar.hidden = true; bar.value = 0; }
    if (label) { label.textContent = ""; }
  });

  window.GuanxiForms = { closeDrawer: closeDrawer };
})();
