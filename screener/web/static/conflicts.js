// The Conflicts page works without this file: each decision is a plain form post. With it, a
// decision is sent by fetch, so that a server that does not answer (stopped, the connection gone)
// leaves the conflict on the page with a line saying the decision was not recorded: a plain post
// left the browser's own 'This site can't be reached' in its place, and the decision's fate unknown.
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams) return;
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
          if (r.type === "opaqueredirect") { window.location.assign(location.pathname + location.search); return; }
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
