/* The event wizard's browser side (no framework): the tickets formset and the background image upload. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  /* ---------------- Tickets step: rows cloned from the formset's empty form ---------------- */
  function initTickets(form) {
    var table = document.getElementById("tickets-table");
    var template = document.getElementById("ticket-template");
    var total = form.querySelector("input[name=tickets-TOTAL_FORMS]");
    var emptyNote = document.getElementById("no-tickets");

    function visibleRows() {
      return table.querySelectorAll("tbody.ticket-row:not(.d-none)").length;
    }

    function refreshEmptyNote() {
      emptyNote.classList.toggle("d-none", visibleRows() > 0);
    }

    function addRow(type) {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("table");
      holder.innerHTML = html;
      var row = holder.querySelector("tbody.ticket-row");
      row.dataset.type = type;
      row.querySelector("input[name$='-type']").value = type;
      row.querySelector(".ticket-type-badge").textContent = type.charAt(0).toUpperCase() + type.slice(1);
      table.appendChild(row);
      total.value = String(index + 1);
      refreshEmptyNote();
      row.querySelector("input[name$='-name']").focus();
      return row;
    }

    form.querySelectorAll(".add-ticket").forEach(function (button) {
      button.addEventListener("click", function () {
        addRow(button.dataset.type);
      });
    });

    table.addEventListener("click", function (event) {
      var row = event.target.closest("tbody.ticket-row");
      if (!row) return;
      if (event.target.closest(".ticket-settings")) {
        row.querySelector("tr.ticket-details").classList.toggle("d-none");
      } else if (event.target.closest(".ticket-remove")) {
        var name = row.querySelector("input[name$='-name']").value || "this ticket";
        if (!window.confirm("Remove " + name + "?")) return;
        /* Rows are never taken out of the DOM: the formset keeps its indices and DELETE tells the server. */
        row.querySelector("input[name$='-DELETE']").checked = true;
        row.classList.add("d-none");
        refreshEmptyNote();
      }
    });
  }

  /* ---------------- Background image step: Croppie modal, then an immediate upload ---------------- */
  function initBackgroundImage(card) {
    var uploadUrl = card.dataset.uploadUrl;
    var input = document.getElementById("bgimage-input");
    var errorBox = document.getElementById("bgimage-error");
    var spinner = document.getElementById("bgimage-spinner");
    var uploadGroup = document.getElementById("image-upload-group");
    var viewGroup = document.getElementById("image-view-group");
    var preview = document.getElementById("bgimage-preview");
    var modalElement = document.getElementById("cropper-modal");
    var modal = new bootstrap.Modal(modalElement);
    var cropper = null;
    var pendingUrl = null;

    function showError(message) {
      errorBox.textContent = message;
      errorBox.classList.remove("d-none");
    }

    function clearError() {
      errorBox.textContent = "";
      errorBox.classList.add("d-none");
    }

    function errorMessage(response) {
      return response
        .json()
        .then(function (body) {
          return body.errors && body.errors[0] ? body.errors[0].detail : "The upload failed (" + response.status + ").";
        })
        .catch(function () {
          if (response.status === 403) return "Your session expired; reload the page and try again.";
          if (response.status === 413 || response.status === 400) return "The image is too large.";
          return "The upload failed (" + response.status + ").";
        });
    }

    function send(method, body) {
      return fetch(uploadUrl, {
        method: method,
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/vnd.api+json" },
      });
    }

    input.addEventListener("change", function () {
      clearError();
      var file = input.files && input.files[0];
      if (!file) return;
      if (!/^image\//.test(file.type)) {
        showError("Choose an image file (PNG, JPEG, GIF or WebP).");
        input.value = "";
        return;
      }
      if (pendingUrl) URL.revokeObjectURL(pendingUrl);
      pendingUrl = URL.createObjectURL(file);
      modal.show();
    });

    modalElement.addEventListener("shown.bs.modal", function () {
      if (!cropper) {
        cropper = new Croppie(document.getElementById("upload-cropper"), {
          viewport: { width: 490, height: 245, type: "square" },
          boundary: { width: 508, height: 350 },
        });
      }
      cropper.bind({ url: pendingUrl }).catch(function () {
        modal.hide();
        showError("This file could not be read as an image.");
      });
    });

    modalElement.addEventListener("hidden.bs.modal", function () {
      input.value = "";
    });

    document.getElementById("save-crop").addEventListener("click", function () {
      cropper.result({ type: "blob", size: "original", format: "png" }).then(function (blob) {
        modal.hide();
        clearError();
        spinner.classList.remove("d-none");
        var data = new FormData();
        data.append("bgimage", blob, "background.png");
        send("POST", data)
          .then(function (response) {
            if (!response.ok) return errorMessage(response).then(function (m) { throw new Error(m); });
            return response.json();
          })
          .then(function (urls) {
            preview.src = urls["large-image-url"] || urls["original-image-url"];
            viewGroup.classList.remove("d-none");
            uploadGroup.classList.add("d-none");
          })
          .catch(function (error) {
            showError(error.message || "The upload failed. Please try again.");
          })
          .finally(function () {
            spinner.classList.add("d-none");
          });
      });
    });

    document.getElementById("bgimage-remove").addEventListener("click", function () {
      if (!window.confirm("Remove the background image?")) return;
      clearError();
      send("DELETE")
        .then(function (response) {
          if (!response.ok) return errorMessage(response).then(function (m) { throw new Error(m); });
          preview.removeAttribute("src");
          viewGroup.classList.add("d-none");
          uploadGroup.classList.remove("d-none");
        })
        .catch(function (error) {
          showError(error.message);
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var ticketsForm = document.getElementById("tickets-form");
    if (ticketsForm) initTickets(ticketsForm);
    var imageCard = document.getElementById("bgimage-card");
    if (imageCard) initBackgroundImage(imageCard);
  });
})();
