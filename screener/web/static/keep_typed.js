// What was typed into a form answered by going back to the page it was sent from (bulk actions,
// labels, comments): kept in this tab when it is sent, and put back when the server says it refused
// it (body's data-refused-form: the path the form was sent to), so that a refusal loses nothing typed.
// Where the page no longer has that form (the study gone meanwhile), the text is shown to copy.
(function () {
  "use strict";
  const KEY = "screener:typed:";
  const kept = (el) => el.name && el.name !== "csrf_token" && !["hidden", "submit", "button", "file", "password"].includes(el.type);
  // attributes, not form.action / form.method: a field named "action" (the bulk forms') shadows those
  const pathOf = (form) => new URL(form.getAttribute("action") || "", location.href).pathname;
  const posts = (form) => (form.getAttribute("method") || "").toLowerCase() === "post";

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !posts(form)) return;
    const fields = {};
    for (const el of form.elements) {
      if (!kept(el)) continue;
      fields[el.name] = el.type === "checkbox" || el.type === "radio" ? el.checked : el.value;
    }
    try {
      sessionStorage.setItem(KEY + pathOf(form), JSON.stringify({ id: form.id, fields }));
    } catch (e) { /* storage full or off: the form is sent all the same */ }
  }, true);

  const refused = document.body.dataset.refusedForm;
  if (!refused) return;
  let saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY + refused) || "null");
    sessionStorage.removeItem(KEY + refused);
  } catch (e) { saved = null; }
  if (!saved) return;
  const form = (saved.id && document.getElementById(saved.id)) ||
    Array.from(document.forms).find((f) => posts(f) && pathOf(f) === refused);
  if (form) {
    for (const el of form.elements) {
      if (!kept(el) || !(el.name in saved.fields)) continue;
      if (el.type === "checkbox" || el.type === "radio") el.checked = saved.fields[el.name];
      else el.value = saved.fields[el.name];
    }
    const details = form.closest("details");
    if (details) details.open = true;
    return;
  }
  const typed = Object.entries(saved.fields).filter(([, v]) => typeof v === "string" && v.trim());
  const texts = typed.length === 1 ? [typed[0][1]] : typed.map(([name, v]) => name + ": " + v);
  // the page's red line: a flash on the page sent back to, the message of an error page
  const flash = document.querySelector(".flash.error, main .error-message");
  if (!texts.length || !flash) return;
  const box = document.createElement("label");
  box.className = "typed-not-sent";
  box.textContent = "What you typed, not sent (copy it to keep it):";
  const area = document.createElement("textarea");
  area.readOnly = true;
  area.value = texts.join("\n");
  area.rows = Math.min(12, area.value.split("\n").length + 1);
  area.id = "typed-not-sent";
  box.appendChild(area);
  flash.after(box);
})();
