// Keyboard shortcuts for the screening page. The page works without this file: every action is a
// plain form post (with it, a vote or skip is sent by fetch, to say so when the server does not answer). Keys: I include, E exclude, M maybe, N note, R or 1-9 reason, F full text,
// U undo, S skip, L label, Shift+1-9 toggle a label, P side panel, Esc leaves a field.
(function () {
  "use strict";
  var form = document.getElementById("vote-form");
  // an owner's study page without vote buttons (their vote would be refused): labels, the panel
  // and F still work; I, E, M, U and S say why there is nothing to press
  var noVote = document.getElementById("no-vote");
  if (!form && !noVote) return;
  var reason = document.getElementById("reason");
  var note = document.getElementById("note");
  var message = document.getElementById("client-message");
  var base = message.className.indexOf("inline") >= 0 ? "client-message inline" : "client-message";
  var reasonRequired = form !== null && form.dataset.reasonRequired === "true";
  var sending = false;
  var byKey = false;          // a vote button pressed by its key, not tapped or clicked: said in keys

  // From 1280 px title/abstract keeps its bar on one row, the reason list getting what the note
  // leaves; when the widest reason does not fit there whole, the bar takes two rows (CSS:
  // reasons-wide), measured again when the window is resized.
  function fitReasons() {
    if (!reason) return;
    document.body.classList.remove("reasons-wide");
    if (reason.offsetParent === null) return;    // hidden (nothing left to vote on): nothing to fit
    var style = getComputedStyle(reason);
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
    var widest = 0;
    for (var i = 0; i < reason.options.length; i++) {
      widest = Math.max(widest, ctx.measureText(reason.options[i].text).width);
    }
    var room = reason.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
    if (widest > room) document.body.classList.add("reasons-wide");
  }
  fitReasons();
  // the chosen reason said whole above the bar, however it was chosen (a phone's list cuts it)
  if (reason) reason.addEventListener("change", function () {
    if (!reason.value) { message.textContent = ""; return; }
    message.className = base + " ok";
    message.textContent = "Reason: " + reason.options[reason.selectedIndex].text.replace(/^\d+\.\s*/, "");
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(fitReasons, 100);
  });

  function click(id) {
    var el = document.getElementById(id);
    if (!el && noVote) {
      message.className = base;
      message.textContent = noVote.dataset.why;
    } else if (el && !el.disabled) { byKey = true; el.click(); byKey = false; }
    else if (el && el.dataset.why) {         // a disabled button that says why (Undo before any vote)
      message.className = base;
      message.textContent = el.dataset.why;
    }
  }

  if (form) form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (sending) { event.preventDefault(); return; }
    if (submitter && submitter.value === "exclude" && reasonRequired && reason && !reason.value) {
      event.preventDefault();
      message.className = base;
      // a phone has no keys: a tap is answered in its own words
      message.textContent = byKey ? "Choose an exclusion reason first (keys 1-9), then press E again."
                                  : "Choose an exclusion reason from the list first, then Exclude again.";
      reason.focus();
      return;
    }
    sending = true;
    if (form.dataset.plain || !submitter || !window.fetch || !window.URLSearchParams) return;
    event.preventDefault();
    var study = form.querySelector("input[name=study]").value;
    var body = new URLSearchParams(new FormData(form));
    body.append(submitter.name, submitter.value);
    byFetch(form, submitter, body, "Your " + submitter.value + " vote on study " + study + " was not recorded:",
            "vote again");
  });

  var skipForm = document.getElementById("skip-form");
  if (skipForm) skipForm.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    if (skipForm.dataset.plain || !window.fetch || !window.URLSearchParams) return;
    event.preventDefault();
    var study = skipForm.querySelector("input[name=study]").value;
    byFetch(skipForm, event.submitter, new URLSearchParams(new FormData(skipForm)),
            "Study " + study + " was not skipped:", "skip again");
  });

  // A vote or skip is sent by fetch, so that a server that does not answer (stopped, the connection
  // gone) leaves the study on the page with a line saying it was not recorded: a plain post left the
  // browser's own 'This site can't be reached' in its place, the study and the vote's fate gone.
  function byFetch(target, submitter, body, notDone, again) {
    fetch(target.action, {method: "POST", body: body, credentials: "same-origin", redirect: "manual"})
      .then(function (r) {
        // done: the server answers with a redirect to the queue, which says what it recorded
        if (r.type === "opaqueredirect") { window.location.assign(target.dataset.next); return; }
        // refused (signed out, decided meanwhile, ...): nothing was recorded; the plain post shows the
        // page that says why, as it did before (sending it again records nothing either)
        target.dataset.plain = "1";
        sending = false;
        target.requestSubmit(submitter || undefined);
      }, function () {
        sending = false;
        message.className = base;
        message.textContent = notDone + " the review's server did not answer. Check your connection, or ask " +
          "whoever runs the server; then " + again + ".";
      });
  }

  // Labels: Shift+1-9 toggles the label on that key, L goes to the label field; the page shows
  // the study's labels again from the answer (no reload: the study stays leased to me).
  var labelsRow = document.getElementById("labels");
  var labelInput = document.getElementById("label-input");
  var csrf = document.querySelector("input[name=csrf_token]").value;

  function chipsFrom(labels) {
    var box = document.getElementById("label-chips");
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    labels.forEach(function (item) {
      var chip = document.createElement("span");
      chip.className = "label-chip" + (item.mine ? "" : " others");
      chip.title = (item.by_name || item.by).join(", ");
      chip.textContent = item.label;
      box.appendChild(chip);
    });
  }

  // typed: the text of the label field, put back when the label is refused (the field is emptied
  // when it is sent, ready for the next one; a refusal lost it with only the red line left)
  function sendLabels(change, typed) {
    function giveBack() { if (typed && labelInput && !labelInput.value) labelInput.value = typed; }
    if (!labelsRow) return;
    fetch(labelsRow.dataset.url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(change)
    }).then(function (r) { return r.json(); }).then(function (data) {
      message.className = base + (data.ok === false ? "" : " ok");
      if (data.ok === false) { message.textContent = data.error; giveBack(); return; }
      chipsFrom(data.labels);
      var said = data.added.map(function (l) { return "+" + l; }).concat(data.removed.map(function (l) { return "\u2212" + l; }));
      message.textContent = said.length ? "Labels: " + said.join(", ") : "Labels unchanged";
    }).catch(function () { message.textContent = "Could not change the labels; try again."; giveBack(); });
  }

  function toggleLabel(label) {
    var on = Array.prototype.some.call(document.querySelectorAll("#label-chips .label-chip:not(.others)"),
      function (chip) { return chip.firstChild && chip.firstChild.nodeValue.toLowerCase() === label.toLowerCase(); });
    sendLabels(on ? {remove: [label]} : {add: [label]});
  }

  document.querySelectorAll(".recent-label").forEach(function (button) {
    button.addEventListener("click", function () { toggleLabel(button.dataset.label); });
  });
  var labelForm = document.getElementById("label-form");
  if (labelForm && labelInput) {
    labelForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = labelInput.value.trim();
      if (text) sendLabels({add: [text]}, labelInput.value);
      labelInput.value = "";
      labelInput.blur();
    });
  }

  var side = document.getElementById("side");
  var sideToggle = document.getElementById("side-toggle");
  function toggleSide() {
    if (!side) return;
    var hidden = document.body.classList.toggle("side-hidden");
    if (sideToggle) sideToggle.setAttribute("aria-expanded", hidden ? "false" : "true");
    try { window.localStorage.setItem("screener-side-hidden", hidden ? "1" : ""); } catch (e) { /* private mode */ }
  }
  try { if (window.localStorage.getItem("screener-side-hidden")) toggleSide(); } catch (e) { /* private mode */ }
  if (sideToggle) sideToggle.addEventListener("click", toggleSide);

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var inField = event.target && event.target.matches && event.target.matches("input, textarea");
    if (!inField && event.shiftKey && /^Digit[1-9]$/.test(event.code)) {
      var button = document.querySelector('.recent-label[data-key="' + event.code.slice(5) + '"]');
      if (button) { event.preventDefault(); toggleLabel(button.dataset.label); }
      return;
    }
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
        message.className = base + " ok";
        message.textContent = "Reason: " + reason.options[index].text.replace(/^\d+\.\s*/, "");
      }
      event.preventDefault();
      return;
    }
    var actions = { i: "vote-include", e: "vote-exclude", m: "vote-maybe", u: "undo", s: "skip" };
    if (actions[key]) { event.preventDefault(); click(actions[key]); return; }
    if (key === "n" && note) { event.preventDefault(); note.focus(); return; }
    if (key === "l" && labelInput) { event.preventDefault(); labelInput.focus(); return; }
    if (key === "p") { event.preventDefault(); toggleSide(); return; }
    if (key === "r" && reason) { event.preventDefault(); reason.focus(); return; }
    if (key === "f") {
      var link = document.querySelector("#fulltext a");
      if (link) { event.preventDefault(); link.click(); }
    }
  });
})();
