// The owner's pages: drop files on the import form, copy a sign-in link, confirm a withdrawal, a new link,
// a bulk exclusion or turning blind mode off, and say that deduplication is running. Every page works without this file (plain forms).
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var names = document.getElementById("drop-names");
  function show() {
    if (!names || !input) return;
    var list = [];
    for (var i = 0; i < input.files.length; i++) list.push(input.files[i].name);
    names.textContent = list.length ? list.join(", ") : "";
    if (zone) zone.classList.toggle("has-files", list.length > 0);
  }
  if (zone && input) {
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      field.select();
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else { document.execCommand("copy"); done(); }
    });
  });
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      // "{reason}": the reason chosen in the button's form (the Studies page's bulk exclusion)
      var chosen = button.form && button.form.querySelector("select[name=reason]");
      if (chosen && !chosen.value) return;          // no reason yet: the form's own check says so first
      var words = button.dataset.confirm.replace("{reason}", chosen ? chosen.value : "");
      if (!window.confirm(words)) event.preventDefault();
    });
  });
  // Settings: turning blind mode off shows screeners each other's votes on undecided studies, which
  // cannot be taken back; asked only when the saved setting is on and the box is now unticked
  var blind = document.querySelector("input[data-confirm-off]");
  if (blind && blind.form) {
    blind.form.addEventListener("submit", function (event) {
      if (!blind.checked && !window.confirm(blind.dataset.confirmOff)) event.preventDefault();
    });
  }
  // the review's short name follows its title until the owner types one
  var title = document.getElementById("new-title");
  var slug = document.getElementById("new-slug");
  if (title && slug) {
    var typed = slug.value !== "";
    slug.addEventListener("input", function () { typed = true; });
    title.addEventListener("input", function () {
      if (typed) return;
      var made = title.value.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "");
      if (made.length > 40) made = made.slice(0, 41).replace(/-[^-]*$/, "");   // whole words only
      slug.value = made.replace(/-+$/, "");
    });
    // the browser's own words for a pattern it refuses ("Please match the requested format.") say
    // nothing of the format; its title is not part of the message everywhere
    var check = function () {
      slug.setCustomValidity(slug.validity.patternMismatch ? "Use lower-case letters, digits and hyphens, e.g. pain-qual" : "");
    };
    slug.addEventListener("input", check);
    title.addEventListener("input", check);
    check();
  }
  var dedupe = document.getElementById("dedupe-form");
  if (dedupe) {
    dedupe.addEventListener("submit", function () {
      var busy = document.getElementById("dedupe-busy");
      var started = Date.now();
      document.getElementById("run-dedupe").disabled = true;
      busy.textContent = dedupe.dataset.busy;
      window.setInterval(function () {     // the page answers when the run is done; until then, how long so far
        busy.textContent = dedupe.dataset.busy + " (" + Math.round((Date.now() - started) / 1000) + " s so far)";
      }, 1000);
    });
  }
})();
