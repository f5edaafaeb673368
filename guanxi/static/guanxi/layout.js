/* Guanxi page chrome: the phone menu folds the navigation, search, language and log out
 * behind one button; a tap outside or Escape folds it again. */
(function () {
  "use strict";
  function bar() { return document.querySelector(".topbar"); }
  function setOpen(open) {
    var b = bar();
    var toggle = b && b.querySelector(".menu-toggle");
    if (!toggle) { return; }
    b.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    // on a phone the user's menu (language, log out) unfolds with the rest
    b.querySelectorAll("details.usermenu").forEach(function (d) { d.open = open; });
  }
  document.addEventListener("click", function (evt) {
    // a click elsewhere folds the header's dropdowns (Operations, the user's menu)
    document.querySelectorAll(".topbar details[open]").forEach(function (d) {
      if (!d.contains(evt.target) && !(bar() && bar().classList.contains("open"))) { d.open = false; }
    });
    var toggle = evt.target.closest(".menu-toggle");
    if (toggle) { setOpen(!bar().classList.contains("open")); return; }
    if (bar() && bar().classList.contains("open") && !evt.target.closest(".topbar")) { setOpen(false); }
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape" && bar() && bar().classList.contains("open")) { setOpen(false); }
    if (evt.key === "Escape") {
      document.querySelectorAll(".topbar details[open]").forEach(function (d) { d.open = false; });
    }
  });
})();
