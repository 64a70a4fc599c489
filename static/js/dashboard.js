/* The event dashboard's browser side (no framework): confirmations, and one-click check-in with an undo.
 *
 * Check-in: the row's form posts with fetch (X-CSRFToken from the form, Accept: application/json), the
 * server answers the attendee's new state and the row changes in place; a toast offers "Undo", which posts
 * the opposite move with undo=1. Without JavaScript the same form posts and the page comes back. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  /* ---------------- Check-in ---------------- */
  var table = document.getElementById("attendees-table");
  if (!table) return;
  var toastEl = document.getElementById("checkin-toast");
  var toastText = document.getElementById("checkin-toast-text");
  var undoButton = document.getElementById("checkin-undo");
  var toast = window.bootstrap ? bootstrap.Toast.getOrCreateInstance(toastEl) : null;
  var lastMove = null;

  function render(row, checkedIn) {
    row.dataset.checkedIn = checkedIn ? "1" : "0";
    var badge = row.querySelector(".checkin-state");
    badge.textContent = checkedIn ? "Checked in" : "Not checked in";
    badge.className = "badge checkin-state " + (checkedIn ? "text-bg-success" : "text-bg-light");
    var form = row.querySelector(".checkin-form");
    if (!form) return;
    form.querySelector("input[name=checked_in]").value = checkedIn ? "0" : "1";
    var button = form.querySelector(".checkin-toggle");
    button.textContent = checkedIn ? "Check out" : "Check in";
    button.className = "btn btn-sm checkin-toggle " + (checkedIn ? "btn-outline-secondary" : "btn-success");
  }

  function show(message, canUndo, isError) {
    toastText.textContent = message;
    undoButton.hidden = !canUndo;
    toastEl.classList.toggle("text-bg-danger", !!isError);
    toastEl.dataset.state = isError ? "error" : "ok";
    if (toast) toast.show(); else toastEl.classList.add("show");
  }

  function send(form, checkedIn, undo) {
    var row = form.closest("tr");
    var data = new FormData();
    data.append("checked_in", checkedIn ? "1" : "0");
    if (undo) data.append("undo", "1");
    var button = form.querySelector(".checkin-toggle");
    button.disabled = true;
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(form), "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var detail = body.errors && body.errors[0] ? body.errors[0].detail : "The check-in failed (" + response.status + ").";
          throw new Error(detail);
        }
        return body;
      });
    }).then(function (body) {
      render(row, body.is_checked_in);
      if (undo) {
        lastMove = null;
        show("Undone: " + body.name + (body.is_checked_in ? " is checked in again." : " is not checked in."), false);
      } else {
        lastMove = { form: form, checkedIn: body.is_checked_in };
        show(body.name + (body.is_checked_in ? " is checked in." : " is checked out."), true);
      }
    }).catch(function (error) {
      show(error.message || "The check-in failed.", false, true);
    }).finally(function () {
      button.disabled = false;
    });
  }

  table.addEventListener("submit", function (event) {
    var form = event.target.closest(".checkin-form");
    if (!form) return;
    event.preventDefault();
    send(form, form.querySelector("input[name=checked_in]").value === "1", false);
  });

  undoButton.addEventListener("click", function () {
    if (!lastMove) return;
    send(lastMove.form, !lastMove.checkedIn, true);
  });
})();
