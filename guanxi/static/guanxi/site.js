// Behaviour every page shares, kept out of the markup so the Content-Security-Policy can
// forbid inline scripts: a select marked data-autosubmit submits its form when changed;
// a button marked data-reveal="ID" shows the hidden element ID and removes its own row.
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.submit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-reveal]");
  if (!button) return;
  const hidden = document.getElementById(button.dataset.reveal);
  if (hidden) hidden.hidden = false;
  button.parentNode.remove();
});
