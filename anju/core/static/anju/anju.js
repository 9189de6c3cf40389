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

// Each cell of a table with a header row carries its column's name (data-label): where the table stacks as cards on
// a phone (anju.css) the header row is hidden and the name is shown above the value instead.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    if (!headers.length) {
      return;
    }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        var name = headers[i] && headers[i].textContent.trim();
        if (name && cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", name);
        }
      });
    });
  });
});
