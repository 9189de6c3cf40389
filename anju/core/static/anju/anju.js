// A form with data-confirm asks before it is sent: revoking a plate, checking a tenant out, deregistering.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);
