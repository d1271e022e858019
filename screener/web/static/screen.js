// Keyboard shortcuts for the screening page. The page works without this file: every action is a
// plain form post. Keys: I include, E exclude, M maybe, N note, R or 1-9 reason, F full text,
// U undo, S skip, Esc leaves a field.
(function () {
  "use strict";
  var form = document.getElementById("vote-form");
  if (!form) return;
  var reason = document.getElementById("reason");
  var note = document.getElementById("note");
  var message = document.getElementById("client-message");
  var reasonRequired = form.dataset.reasonRequired === "true";
  var sending = false;

  function click(id) {
    var el = document.getElementById(id);
    if (el && !el.disabled) el.click();
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (sending) { event.preventDefault(); return; }
    if (submitter && submitter.value === "exclude" && reasonRequired && reason && !reason.value) {
      event.preventDefault();
      message.textContent = "Choose an exclusion reason first (keys 1-9), then press E again.";
      reason.focus();
      return;
    }
    sending = true;
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    // Text fields take every key. The reason list does not: the page sends the focus there after
    // "choose a reason first", so 1-9 and I/E/M must keep working in it (arrows, Space and Enter
    // still open and move the list as usual).
    var typing = target && target.matches && target.matches("input, textarea, select:not(#reason)");
    if (typing) {
      if (event.key === "Escape") target.blur();
      if (event.key === "Enter" && target === note) { event.preventDefault(); target.blur(); }
      return;
    }
    if (target === reason && event.key === "Escape") { reason.blur(); return; }
    var key = event.key.toLowerCase();
    if (/^[1-9]$/.test(key) && reason) {
      var index = parseInt(key, 10);
      if (index < reason.options.length) {
        reason.selectedIndex = index;
        message.textContent = "Reason: " + reason.options[index].text.replace(/^\d+\.\s*/, "");
      }
      event.preventDefault();
      return;
    }
    var actions = { i: "vote-include", e: "vote-exclude", m: "vote-maybe", u: "undo", s: "skip" };
    if (actions[key]) { event.preventDefault(); click(actions[key]); return; }
    if (key === "n" && note) { event.preventDefault(); note.focus(); return; }
    if (key === "r" && reason) { event.preventDefault(); reason.focus(); return; }
    if (key === "f") {
      var link = document.querySelector("#fulltext a");
      if (link) { event.preventDefault(); link.click(); }
    }
  });
})();
