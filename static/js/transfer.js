/* Export and import with a live progress bar (no framework).
 *
 * The task starts through the API (session cookie + CSRF token), which answers {task_url}. The task pushes
 * {task: {id, state, percent, step}} over the notification socket (bell.js re-dispatches every socket message
 * as the DOM event "eventyay:socket"); messages that arrive before the task URL is known are buffered. The
 * outcome — the download, or the failure's reason — is read from the task URL: at once when the socket says
 * the task ended, and every 1.5 s anyway (so a lost socket message only slows the page down). */
(function () {
  "use strict";

  var root = document.getElementById("transfer");
  if (!root) return;
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var buffered = {};
  var active = {};
  var POLL_MS = 1500;

  document.addEventListener("eventyay:socket", function (event) {
    var task = event.detail && event.detail.task;
    if (!task || !task.id) return;
    if (active[task.id]) active[task.id].onMessage(task);
    else (buffered[task.id] = buffered[task.id] || []).push(task);
  });

  function errorDetail(body, status) {
    if (body && body.errors && body.errors[0]) return body.errors[0].detail;
    if (body && body.detail) return body.detail;
    if (status === 403) return "Your session expired; reload the page and try again.";
    if (status === 413) return "The file is too large.";
    return "The request failed (" + status + ").";
  }

  function Transfer(form) {
    this.form = form;
    this.kind = form.dataset.kind;
    this.box = document.getElementById(this.kind + "-progress");
    this.bar = document.getElementById(this.kind + "-bar");
    this.fill = this.bar.querySelector(".progress-bar");
    this.step = document.getElementById(this.kind + "-step");
    this.percentEl = document.getElementById(this.kind + "-percent");
    this.error = document.getElementById(this.kind + "-error");
    this.done = document.getElementById(this.kind + "-done");
    this.button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", this.start.bind(this));
  }

  Transfer.prototype.body = function () {
    if (this.kind === "import") {
      var input = this.form.querySelector("input[type=file]");
      var feedback = document.getElementById("import-file-error");
      if (!input.files || !input.files.length) {
        input.classList.add("is-invalid");
        feedback.textContent = "Choose the export file (.zip or event.json) first.";
        return null;
      }
      input.classList.remove("is-invalid");
      var data = new FormData();
      data.append("file", input.files[0]);
      return data;
    }
    var options = {};
    this.form.querySelectorAll("input[type=checkbox]").forEach(function (box) { options[box.name] = box.checked; });
    return JSON.stringify(options);
  };

  Transfer.prototype.start = function (event) {
    event.preventDefault();
    var body = this.body();
    if (body === null) return;
    this.reset();
    var headers = { "X-CSRFToken": csrf, "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" };
    if (typeof body === "string") headers["Content-Type"] = "application/json";
    var self = this;
    fetch(this.form.dataset.url, { method: "POST", body: body, credentials: "same-origin", headers: headers })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (json) {
          if (!response.ok || !json || !json.task_url) throw new Error(errorDetail(json, response.status));
          return json.task_url;
        });
      })
      .then(function (taskUrl) { self.follow(taskUrl); })
      .catch(function (error) { self.fail(error.message); });
  };

  Transfer.prototype.reset = function () {
    if (this.timer) window.clearTimeout(this.timer);
    this.taskUrl = null;
    this.percent = 0;
    this.history = [];
    this.steps = [];
    this.finished = false;
    this.box.classList.remove("d-none");
    this.error.classList.add("d-none");
    this.done.classList.add("d-none");
    this.fill.classList.remove("bg-success", "bg-danger");
    this.fill.classList.add("progress-bar-animated");
    this.box.dataset.state = "STARTING";
    this.box.dataset.history = "";
    this.button.disabled = true;
    this.show(0, "Starting…");
  };

  Transfer.prototype.show = function (percent, step) {
    this.percent = Math.max(this.percent, Math.round(percent));
    this.fill.style.width = this.percent + "%";
    this.bar.setAttribute("aria-valuenow", String(this.percent));
    this.percentEl.textContent = this.percent + " %";
    if (step && step !== this.step.textContent) {
      this.step.textContent = step;
      this.steps.push(step);
      this.box.dataset.steps = this.steps.join("|");
    }
    if (this.history[this.history.length - 1] !== this.percent) {
      this.history.push(this.percent);
      this.box.dataset.history = this.history.join(",");
    }
  };

  Transfer.prototype.follow = function (taskUrl) {
    this.taskUrl = taskUrl;
    this.taskId = taskUrl.replace(/\/+$/, "").split("/").pop();
    this.box.dataset.task = this.taskId;
    this.box.dataset.state = "WAITING";
    this.show(this.percent, "Waiting for a worker…");
    active[this.taskId] = this;
    var self = this;
    (buffered[this.taskId] || []).forEach(function (task) { self.onMessage(task); });
    delete buffered[this.taskId];
    this.schedule(POLL_MS);
  };

  Transfer.prototype.onMessage = function (task) {
    if (this.finished) return;
    this.box.dataset.state = task.state;
    this.show(task.percent, task.step);
    if (task.state === "SUCCESS" || task.state === "FAILURE") this.schedule(0);
  };

  Transfer.prototype.schedule = function (delay) {
    if (this.timer) window.clearTimeout(this.timer);
    this.timer = window.setTimeout(this.poll.bind(this), delay);
  };

  Transfer.prototype.poll = function () {
    if (this.finished || !this.taskUrl) return;
    var self = this;
    fetch(this.taskUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.state === "SUCCESS") self.succeed(state.result || {});
        else if (state.state === "FAILURE") self.fail(state.result || "The task failed.");
        else self.schedule(POLL_MS);
      })
      .catch(function () { self.schedule(POLL_MS * 2); });
  };

  Transfer.prototype.end = function () {
    this.finished = true;
    if (this.timer) window.clearTimeout(this.timer);
    delete active[this.taskId];
    this.button.disabled = false;
    this.fill.classList.remove("progress-bar-animated");
  };

  Transfer.prototype.succeed = function (result) {
    this.end();
    this.box.dataset.state = "SUCCESS";
    this.show(100, "Done");
    this.fill.classList.add("bg-success");
    this.done.textContent = "";
    var link = document.createElement("a");
    link.className = "alert-link";
    if (this.kind === "export") {
      link.href = result.download_url || result.url || "#";
      link.id = "export-download";
      link.textContent = "Download the export";
      link.setAttribute("download", "");
    } else {
      link.href = root.dataset.eventUrlTemplate.replace("__identifier__", encodeURIComponent(result.identifier));
      link.id = "import-open";
      link.textContent = "Open the imported event";
    }
    this.done.appendChild(link);
    this.done.classList.remove("d-none");
  };

  Transfer.prototype.fail = function (reason) {
    this.end();
    this.box.classList.remove("d-none");
    this.box.dataset.state = "FAILURE";
    this.fill.classList.add("bg-danger");
    this.step.textContent = "Failed";
    this.error.textContent = String(reason);
    this.error.classList.remove("d-none");
  };

  root.querySelectorAll(".transfer-form").forEach(function (form) { new Transfer(form); });
})();
