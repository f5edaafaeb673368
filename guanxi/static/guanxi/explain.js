// The ⓘ explanations: the native popover opens on tap, click or Enter; this places it beside
// its button and also opens it while a mouse rests on the button.
(function () {
  "use strict";
  function place(pop) {
    var button = document.querySelector('[popovertarget="' + pop.id + '"]');
    if (!button) return;
    var r = button.getBoundingClientRect();
    var width = pop.offsetWidth, height = pop.offsetHeight;
    var left = Math.min(Math.max(8, r.left - 12), window.innerWidth - width - 8);
    var top = r.bottom + 6;
    if (top + height > window.innerHeight - 8) top = Math.max(8, r.top - height - 6);
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }
  document.addEventListener("toggle", function (event) {
    var pop = event.target;
    if (pop.classList && pop.classList.contains("explain-pop") && event.newState === "open") place(pop);
  }, true);
  var timer = null;
  function hideLater(pop) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (pop.dataset.hover === "1" && !pop.matches(":hover")) {
        pop.dataset.hover = "";
        if (pop.matches(":popover-open")) pop.hidePopover();
      }
    }, 250);
  }
  document.addEventListener("pointerover", function (event) {
    var button = event.target.closest && event.target.closest(".explain-btn");
    if (!button || event.pointerType !== "mouse") return;
    var pop = document.getElementById(button.getAttribute("popovertarget"));
    if (!pop || pop.matches(":popover-open")) return;
    clearTimeout(timer);
    pop.dataset.hover = "1";
    pop.showPopover();
  });
  document.addEventListener("pointerout", function (event) {
    var el = event.target.closest && event.target.closest(".explain-btn, .explain-pop");
    if (!el || event.pointerType !== "mouse") return;
    var pop = el.classList.contains("explain-pop") ? el : document.getElementById(el.getAttribute("popovertarget"));
    if (pop) hideLater(pop);
  });
  // A click on a button the mouse already opened keeps its popover open (no hover close).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".explain-btn");
    if (!button) return;
    var pop = document.getElementById(button.getAttribute("popovertarget"));
    if (pop) pop.dataset.hover = "";
  });
})();
