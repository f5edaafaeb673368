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
  }
  document.addEventListener("click", function (evt) {
    var toggle = evt.target.closest(".menu-toggle");
    if (toggle) { setOpen(!bar().classList.contains("open")); return; }
    if (bar() && bar().classList.contains("open") && !evt.target.closest(".topbar")) { setOpen(false); }
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape" && bar() && bar().classList.contains("open")) { setOpen(false); }
  });
})();
