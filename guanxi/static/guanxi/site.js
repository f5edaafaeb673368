// Behaviour every page shares, kept out of the markup so the Content-Security-Policy can
// forbid inline scripts:
// - a field marked data-autosubmit submits its form when changed (requestSubmit, so an htmx
//   form is sent by htmx);
// - a form marked data-confirm="question" is sent only once the question is confirmed;
// - a button marked data-reveal="ID" shows the hidden element ID and removes its own row.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-reveal]");
  if (!button) return;
  const hidden = document.getElementById(button.dataset.reveal);
  if (hidden) hidden.hidden = false;
  button.parentNode.remove();
});
