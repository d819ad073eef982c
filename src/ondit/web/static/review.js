// Review forms: send a confirm, a correction (only the fields that changed) or a rejection as
// PATCH /api/mentions/{id}, then reload so the page shows the reviewed values and history.
(function () {
  "use strict";

  var NAME_KEY = "ondit.reviewer";
  var TOKEN_KEY = "ondit.token";

  function typed(input) {
    var raw = input.value.trim();
    var kind = input.getAttribute("data-kind");
    if (kind === "list") {
      return raw.split(";").map(function (s) { return s.trim(); }).filter(Boolean);
    }
    if (raw === "") {
      return null;
    }
    if (kind === "int") {
      return Number.parseInt(raw, 10);
    }
    if (kind === "float") {
      return Number.parseFloat(raw);
    }
    return raw;
  }

  function message(form, text, isError) {
    var box = form.querySelector(".review-message");
    box.textContent = text;
    box.classList.toggle("error", Boolean(isError));
  }

  function describe(body, status) {
    if (body && typeof body.detail === "string") {
      return body.detail;
    }
    if (body && Array.isArray(body.detail)) {
      return body.detail.map(function (d) { return (d.loc || []).join(".") + ": " + d.msg; }).join("; ");
    }
    return "the server answered " + status;
  }

  function changedFields(form) {
    var changes = {};
    form.querySelectorAll("[data-field]").forEach(function (input) {
      if (input.value.trim() !== (input.getAttribute("data-original") || "")) {
        changes[input.getAttribute("data-field")] = typed(input);
      }
    });
    return changes;
  }

  function submit(form, action) {
    var reviewer = form.elements.reviewer.value.trim();
    if (!reviewer) {
      message(form, "Write your name first: every review is signed.", true);
      form.elements.reviewer.focus();
      return;
    }
    window.localStorage.setItem(NAME_KEY, reviewer);
    var changes = action === "correct" ? changedFields(form) : {};
    if (action === "correct" && Object.keys(changes).length === 0) {
      message(form, "Change a field first, then save the corrections.", true);
      return;
    }
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    var tokenInput = form.elements.token;
    if (tokenInput && tokenInput.value) {
      window.sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
    }
    var token = window.sessionStorage.getItem(TOKEN_KEY);
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    message(form, "saving…", false);
    fetch("/api/mentions/" + encodeURIComponent(form.getAttribute("data-mention")), {
      method: "PATCH",
      headers: headers,
      body: JSON.stringify({ reviewer: reviewer, action: action, changes: changes }),
    }).then(function (response) {
      if (response.ok) {
        message(form, "Saved.", false);
        window.location.reload();
        return null;
      }
      return response.json().then(
        function (body) { message(form, describe(body, response.status), true); },
        function () { message(form, "the server answered " + response.status, true); }
      );
    }).catch(function (error) {
      message(form, "could not reach the server: " + error.message, true);
    });
  }

  document.querySelectorAll("form.review").forEach(function (form) {
    var saved = window.localStorage.getItem(NAME_KEY);
    if (saved && !form.elements.reviewer.value) {
      form.elements.reviewer.value = saved;
    }
    var tokenInput = form.elements.token;
    if (tokenInput) {
      tokenInput.value = window.sessionStorage.getItem(TOKEN_KEY) || "";
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var action = event.submitter ? event.submitter.value : "confirm";
      submit(form, action);
    });
  });
})();
