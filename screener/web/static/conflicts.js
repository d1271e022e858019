// The Conflicts page works without this file: each decision is a plain form post. With it, a
// decision is sent by fetch, so that a server that does not answer (stopped, the connection gone)
// leaves the conflict on the page with a line saying the decision was not recorded: a plain post
// left the browser's own 'This site can't be reached' in its place, and the decision's fate unknown.
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams) return;
  // Where the server sends a recorded decision (its redirect cannot be read here): this page, or —
  // on a refused decision's page, whose address is the form's own — the study's page it was sent
  // from, or the list with its stage, filter and page (reloading the form's address showed the list
  // of every stage, the study out of sight).
  function after(form) {
    var action = new URL(form.action, location.href).pathname;
    if (location.pathname !== action) return location.pathname + location.search;
    var field = function (name) { var f = form.querySelector("input[name=" + name + "]"); return f ? f.value : ""; };
    var query = new URLSearchParams();
    if (field("one")) {
      query.set("stage", field("stage"));
      query.set("study", field("study"));
    } else {
      if (field("back")) query.set("stage", field("back"));
      form.querySelectorAll("input[name^=back_]").forEach(function (f) { query.set(f.name.slice(5), f.value); });
    }
    var text = query.toString();
    return action.replace(/\/resolve$/, "") + (text ? "?" + text : "");
  }
  document.querySelectorAll("form.resolve").forEach(function (form) {
    var sending = false;
    form.addEventListener("submit", function (event) {
      if (form.dataset.plain) return;
      event.preventDefault();
      if (sending) return;                  // a double click sends one decision
      sending = true;
      var chosen = form.querySelector("input[name=decision]:checked");
      var study = form.querySelector("input[name=study]").value;
      fetch(form.action, {method: "POST", body: new URLSearchParams(new FormData(form)),
                          credentials: "same-origin", redirect: "manual"})
        .then(function (r) {
          // recorded: the server answers with a redirect to this list, which says what was decided
          if (r.type === "opaqueredirect") { window.location.assign(after(form)); return; }
          // refused (a reason missing, signed out, ...): nothing was recorded; the plain post shows
          // the page that says why, as it did before (sending it again records nothing either)
          form.dataset.plain = "1";
          form.requestSubmit();
        }, function () {
          sending = false;
          var line = form.previousElementSibling;
          if (!line || !line.classList.contains("error-message")) {
            line = document.createElement("p");
            line.className = "error-message";
            line.setAttribute("role", "alert");
            form.parentNode.insertBefore(line, form);
          }
          line.textContent = "Your " + (chosen ? chosen.value + " " : "") + "decision on study " + study +
            " was not recorded: the review's server did not answer. Check your connection, or ask whoever " +
            "runs the server; then decide again.";
        });
    });
  });
})();
