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

  /* Person pickers: a suggestion clicked becomes a chip (or replaces the one chip of a
   * single picker); the hidden input keeps the chosen ids in order. */
  function pickerIds(picker) {
    return Array.prototype.map.call(picker.querySelectorAll("[data-picker-chips] .chip"), function (c) { return c.dataset.id; });
  }

  function syncIds(picker) {
    picker.querySelector("[data-picker-ids]").value = pickerIds(picker).join(",");
  }

  function addChip(picker, id, label) {
    var chips = picker.querySelector("[data-picker-chips]");
    if (picker.dataset.multiple !== "1") { chips.innerHTML = ""; }
    if (pickerIds(picker).indexOf(id) < 0) {
      var li = document.createElement("li");
      li.className = "chip";
      li.dataset.id = id;
      var span = document.createElement("span");
      span.textContent = label;
      var x = document.createElement("button");
      x.type = "button";
      x.className = "chip-x";
      x.dataset.pickerRemove = "1";
      x.setAttribute("aria-label", "×");
      x.textContent = "×";
      li.appendChild(span);
      li.appendChild(x);
      chips.appendChild(li);
    }
    syncIds(picker);
    var input = picker.querySelector(".picker-input");
    input.value = "";
    picker.querySelector(".picker-results").innerHTML = "";
    input.focus();
  }

  document.addEventListener("click", function (evt) {
    var close = evt.target.closest("[data-drawer-close]");
    if (close) { evt.preventDefault(); closeDrawer(); return; }
    var pick = evt.target.closest("[data-pick-id]");
    var picker = pick && pick.closest("[data-picker]");
    if (picker) { evt.preventDefault(); addChip(picker, pick.dataset.pickId, pick.dataset.pickLabel); return; }
    var remove = evt.target.closest("[data-picker-remove]");
    if (remove) {
      evt.preventDefault();
      var owner = remove.closest("[data-picker]");
      remove.closest(".chip").remove();
      syncIds(owner);
    }
  });

  /* Enter in a picker's search box takes the first suggestion instead of sending the form. */
  document.addEventListener("keydown", function (evt) {
    if (evt.key !== "Enter" || !evt.target.classList || !evt.target.classList.contains("picker-input")) { return; }
    var picker = evt.target.closest("[data-picker]");
    var first = picker && picker.querySelector("[data-pick-id]");
    if (first) { evt.preventDefault(); addChip(picker, first.dataset.pickId, first.dataset.pickLabel); }
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
