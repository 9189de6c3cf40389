// A form with data-confirm asks before it is sent: revoking a plate, checking a tenant out, deregistering; so does a
// button with data-confirm, among a form's other actions (cancelling a door card).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = button && button.hasAttribute("data-confirm") ? button.dataset.confirm : event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
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

// The menu's 更多 / More (core/base.html) as a disclosure button: aria-expanded says whether its entries show (anju.css
// shows them by it once it is set), a click, Enter or Space on it toggles them, and Esc, a click outside or the focus
// moving out of it closes them, Esc bringing the focus back to the button. Without this script the entries show on
// hover or while the button or one of them has the focus (CSS :focus-within).
document.addEventListener("DOMContentLoaded", function () {
  var more = document.querySelector("header.top .more");
  if (!more) {
    return;
  }
  var toggle = more.querySelector(".more-toggle");
  function show(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
  show(false);
  toggle.addEventListener("click", function () {
    show(toggle.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      show(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!more.contains(event.target)) {
      show(false);
    }
  });
  // the focus leaving for another element of the page (Tab past its last entry); not the window losing the focus
  more.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !more.contains(event.relatedTarget)) {
      show(false);
    }
  });
});
