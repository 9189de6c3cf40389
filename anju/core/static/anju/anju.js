// A form with data-confirm asks before it is sent: revoking a plate, checking a tenant out, deregistering.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);

// A form sent back with errors: bring the first error into view (a long page on a phone hides it below the fold).
document.addEventListener("DOMContentLoaded", function () {
  var error = document.querySelector("form .errors[role=alert]");
  if (error) {
    error.scrollIntoView({block: "center"});
  }
});
