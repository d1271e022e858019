/* The search workbench: check and translate as you type, saved versions, run/validate, PubMed jobs.
   Everything comes from the workbench API (/api/strategies…, /api/searches/pubmed, /api/jobs). */
(function () {
  "use strict";
  const root = document.getElementById("wb");
  if (!root) return;
  const csrf = root.dataset.csrf;
  const base = root.dataset.base || "";   // "/r/<name>" under `screener serve --root`, "" on one review
  const maxChars = parseInt(root.dataset.maxChars, 10);
  const maxLines = parseInt(root.dataset.maxLines, 10);
  const $ = (id) => document.getElementById(id);
  const text = $("text"), backdrop = $("backdrop"), syntax = $("syntax");
  const state = { check: null, strategies: [], strategy: null, versions: [], job: null, seq: 0, jobSeen: null, jobChanged: 0, savedText: null, pressed: null };
  const TARGET_NAMES = JSON.parse(root.dataset.names || "{}");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  async function api(method, path, body) {
    const options = { method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (method !== "GET") {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-CSRF-Token"] = csrf;
      options.body = JSON.stringify(body || {});
    }
    let response;
    try { response = await fetch(base + path, options); }
    catch (e) {            // no answer at all: the browser's own words ('Failed to fetch') mean nothing here
      const error = new Error(UNREACHABLE);
      error.status = 0;
      throw error;
    }
    let data;
    try { data = await response.json(); }
    catch (e) { data = { ok: false, error: `the server could not answer (error ${response.status}); try again in a moment` }; }
    if (!response.ok) {
      const error = new Error(data.error || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  const UNREACHABLE = "could not reach the server: check your connection, and that screener is still running, then try again";

  // the workbench's limits, said before anything is sent (the server refuses the same, with the same numbers)
  function overLimit(source) {
    if (source.length > maxChars) {
      return `The strategy is ${source.length.toLocaleString("en")} characters long; the workbench takes at most ` +
        `${maxChars.toLocaleString("en")}: split it into parts of at most ${maxChars.toLocaleString("en")} characters.`;
    }
    const lines = source.split("\n").length;
    if (lines > maxLines) {
      return `The strategy has ${lines.toLocaleString("en")} lines; the workbench takes at most ` +
        `${maxLines.toLocaleString("en")}: split it into parts of at most ${maxLines.toLocaleString("en")} lines.`;
    }
    return null;
  }

  function targetName(t) { return TARGET_NAMES[t] || t; }
  function pct(x) { return x === null || x === undefined ? "n/a" : (100 * x).toFixed(1) + "%"; }

  /* ---- the editor: underlines under the text, line numbers in the gutter ------------------- */

  function renderBackdrop() {
    const source = text.value;
    const lines = source.split("\n");
    const problems = (state.check && state.check.text === source) ? state.check.data.problems : [];
    const byLine = new Map();
    for (const p of problems) {
      if (!p.line || !p.col) continue;
      if (!byLine.has(p.line)) byLine.set(p.line, []);
      byLine.get(p.line).push(p);
    }
    const frag = document.createDocumentFragment();
    lines.forEach((line, i) => {
      const div = el("div", { class: "ln", "data-n": String(i + 1) });
      const spans = (byLine.get(i + 1) || []).filter((p) => p.severity !== "info")
        .map((p) => ({ start: p.col - 1, end: Math.max((p.end_col || p.col + 1) - 1, p.col), p }))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      let at = 0;
      for (const s of spans) {
        if (s.start < at) continue;                    // overlapping spans: the first one wins
        if (s.start > at) div.append(line.slice(at, s.start));
        const end = Math.min(s.end, Math.max(line.length, s.start + 1));
        const piece = line.slice(s.start, end) || " ";
        div.append(el("mark", { class: `u-${s.p.severity}`, "data-code": s.p.code, "data-col": String(s.p.col) }, piece));
        at = end;
      }
      if (at < line.length) div.append(line.slice(at));
      div.append("\u200b");                           // keeps an empty line one line tall
      frag.append(div);
    });
    backdrop.replaceChildren(frag);
    syncScroll();
  }

  function syncScroll() { backdrop.scrollTop = text.scrollTop; backdrop.scrollLeft = text.scrollLeft; }

  function caretLine() {
    const before = text.value.slice(0, text.selectionStart);
    return before.split("\n").length;
  }

  function showCaretMeaning() {
    const out = $("caret-line");
    if (!state.check || state.check.text !== text.value) { out.textContent = ""; return; }
    const physical = caretLine();
    let found = null;
    for (const ln of state.check.data.lines) { if (ln.line <= physical) found = ln; else break; }
    out.textContent = found ? `${lineName(found)}: ${found.meaning}` : "";
  }

  // a statement's number and, when the editor's gutter numbers it otherwise (comments, blank lines or an
  // unnumbered strategy above it), the editor line the problems list uses ('7:12')
  function lineName(ln) {
    return ln.number === ln.line ? `Line ${ln.number}` : `Line ${ln.number} (editor line ${ln.line})`;
  }

  function selectSpan(p) {
    const lines = text.value.split("\n");
    let offset = 0;
    for (let i = 0; i < p.line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    const start = offset + p.col - 1;
    const end = offset + Math.max((p.end_col || p.col + 1) - 1, p.col);
    text.focus();
    text.setSelectionRange(start, end);
    // scroll so the selection is visible: put the caret line near the top
    const lineHeight = parseFloat(getComputedStyle(text).lineHeight) || 20;
    const marks = backdrop.querySelector(`.ln[data-n="${p.line}"]`);
    if (marks) text.scrollTop = Math.max(0, marks.offsetTop - 2 * lineHeight);
    syncScroll();
    showCaretMeaning();      // focus() explained the line the caret was on before the selection moved it
  }

  // hovering a line of the editor: its statement's meaning and its problems, as the textarea's tooltip
  function hoverMeaning(event) {
    if (!state.check || state.check.text !== text.value) { text.title = ""; return; }
    const y = event.clientY - text.getBoundingClientRect().top + text.scrollTop;
    const rows = backdrop.children;
    let lo = 0, hi = rows.length - 1, physical = null;
    while (lo <= hi) {                                // the line under the pointer (rows are in order)
      const mid = (lo + hi) >> 1, row = rows[mid];
      if (y < row.offsetTop) hi = mid - 1;
      else if (y >= row.offsetTop + row.offsetHeight) lo = mid + 1;
      else { physical = mid + 1; break; }
    }
    if (physical === null) { text.title = ""; return; }
    let found = null;
    for (const ln of state.check.data.lines) { if (ln.line <= physical) found = ln; else break; }
    const problems = state.check.data.problems.filter((p) => p.line === physical)
      .map((p) => `${p.line}:${p.col} ${p.severity} ${p.code}: ${p.message}`);
    text.title = [found ? `${lineName(found)}: ${found.meaning}` : "", ...problems].filter(Boolean).join("\n");
  }

  /* ---- check and translate as you type --------------------------------------------------- */

  let timer = null;
  function scheduleCheck() {
    renderBackdrop();
    clearTimeout(timer);
    timer = setTimeout(runCheck, 300);
  }

  async function runCheck() {
    const source = text.value;
    const seq = ++state.seq;
    if (!source.trim()) {
      clearResults("Type or paste a strategy: it is checked as you type.");
      return;
    }
    const limit = overLimit(source);
    if (limit) { clearResults(limit); return; }
    let data;
    try {
      data = await api("POST", "/api/strategies/translate", { text: source, from: syntax.value, to: "all" });
    } catch (error) {
      if (seq === state.seq) clearResults(`Not checked: ${error.message}.`);
      return;
    }
    if (seq !== state.seq || source !== text.value) return;  // typed on meanwhile: a newer answer comes
    state.check = { text: source, data: data.check, translations: data.targets };
    $("timing").textContent = `checked and translated in ${data.server_ms} ms (server)`;
    renderBackdrop();
    renderProblems(data.check);
    renderParsed(data.check);
    renderTranslations(data.targets, data.check);
    showCaretMeaning();
  }

  // what the page shows of a check goes whenever the text it was of is not checked: the earlier text's
  // translations, Copy buttons and all, must not stand beside a text that was refused
  function clearResults(summary) {
    state.check = null;
    const out = $("check-summary");
    out.className = "check-summary";
    out.textContent = summary;
    $("problems").replaceChildren();
    $("parsed").tBodies[0].replaceChildren();
    $("timing").textContent = "";
    $("translations").replaceChildren(el("p", { class: "hint" }, "Every database's translation appears here."));
    syncToggle();                         // no cards: no 'Open all'
    renderBackdrop();
    showCaretMeaning();
  }

  function renderProblems(check) {
    const shown = check.problems;
    const parts = [];
    parts.push(`${check.errors} error${check.errors === 1 ? "" : "s"}`);
    parts.push(`${check.warnings} warning${check.warnings === 1 ? "" : "s"}`);
    if (check.infos) parts.push(`${check.infos} note${check.infos === 1 ? "" : "s"}`);
    const lines = `${check.lines.length} line${check.lines.length === 1 ? "" : "s"}`;
    const summary = $("check-summary");
    summary.className = "check-summary " + (check.errors ? "has-errors" : (check.warnings ? "has-warnings" : "clean"));
    summary.textContent = (check.errors || check.warnings || check.infos)
      ? `${lines} read: ${parts.join(", ")}.` + (check.errors ? " Errors first: fix them before searching." : "")
      : `${lines} read: no problems.`;
    const list = $("problems");
    const source = text.value.split("\n");
    const order = { error: 0, warning: 1, info: 2 };
    // 'this looks like CINAHL syntax' explains the errors below it: it comes first
    const first = (p) => (p.code === "SYNTAX_MISMATCH" ? 0 : 1);
    const sorted = [...shown].sort((a, b) => first(a) - first(b) || order[a.severity] - order[b.severity] || (a.line - b.line) || (a.col - b.col));
    list.replaceChildren(...sorted.map((p) => {
      const line = source[p.line - 1] || "";
      const start = Math.max(0, p.col - 1), end = Math.max((p.end_col || p.col + 1) - 1, start + 1);
      const from = Math.max(0, start - 30), to = Math.min(line.length, end + 30);
      const excerpt = el("code", { class: "excerpt" },
        from > 0 ? "…" : "", line.slice(from, start),
        el("span", { class: `u-${p.severity}` }, line.slice(start, end) || " "),
        line.slice(end, to), to < line.length ? "…" : "");
      // the message says it in words; the code (what `query check` prints) is for the tooltip
      // a person clicks the problem's words, not only its small line:column link: either selects the
      // span (not a click on its other button, nor the end of selecting its words to copy them)
      const pick = (event) => {
        if (event.target.closest("button") || String(window.getSelection() || "")) return;
        selectSpan(p);
      };
      return el("li", { class: `problem ${p.severity}`, "data-code": p.code, "data-line": String(p.line), "data-col": String(p.col),
                        title: `${p.code} (line ${p.line}, column ${p.col})`, onclick: pick },
        el("button", { type: "button", class: "at link-like", title: "Select it in the strategy", onclick: () => selectSpan(p) },
          `${p.line}:${p.col}`),
        el("span", { class: `sev ${p.severity}` }, p.severity),
        el("span", { class: "msg" }, p.message),
        el("div", {}, excerpt),
        // another database's syntax: one click chooses it in the Syntax menu and checks again
        p.syntax && [...syntax.options].some((o) => o.value === p.syntax)
          ? el("button", { type: "button", class: "use-syntax", "data-syntax": p.syntax,
                           onclick: () => { syntax.value = p.syntax; syntax.dispatchEvent(new Event("change")); } },
               `Read it as ${targetName(p.syntax)}`)
          : null);
    }));
  }

  function renderParsed(check) {
    const byNumber = new Map();
    for (const p of check.problems) {
      if (p.strategy_line === null || p.strategy_line === undefined || p.severity === "info") continue;
      byNumber.set(p.strategy_line, (byNumber.get(p.strategy_line) || 0) + 1);
    }
    // tabindex: Tab reaches each line and shows its meaning (:focus-within), as pointing at it does
    const rows = check.lines.map((ln) => el("tr", { title: ln.meaning, tabindex: "0", "data-number": String(ln.number), class: byNumber.get(ln.number) ? "flagged" : null },
      el("th", {}, `${ln.number}.`),
      el("td", {}, el("code", {}, ln.text.trim()), el("div", { class: "meaning" }, ln.meaning))));
    $("parsed").tBodies[0].replaceChildren(...rows);
  }

  function markedQuery(t, flaggedLines) {
    const pre = el("pre", { class: "query" });
    if (t.query === null) { pre.append(el("em", {}, "No query could be produced (see the errors).")); return pre; }
    const q = t.query;
    const segs = (t.segments || []).filter((s) => flaggedLines.has(s.line)).sort((a, b) => a.start - b.start);
    let at = 0;
    for (const s of segs) {
      if (s.start < at) continue;
      if (s.start > at) pre.append(q.slice(at, s.start));
      pre.append(el("mark", { class: "changed", title: `changed in translation (strategy line ${s.line}): ${flaggedLines.get(s.line).map((p) => p.message).join("; ")}` }, q.slice(s.start, s.end)));
      at = s.end;
    }
    pre.append(q.slice(at));
    return pre;
  }

  function download(name, content) {
    const blob = new Blob([content], { type: "text/plain;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function renderTranslations(targets, check) {
    const container = $("translations");
    const cards = Object.entries(targets).map(([target, t]) => {
      const own = t.problems.filter((p) => !p.own);
      const errors = own.filter((p) => p.severity === "error").length;
      const warnings = own.filter((p) => p.severity === "warning").length;
      const flagged = new Map();
      for (const p of own) {
        if (p.severity === "info" || !p.strategy_line) continue;
        if (!flagged.has(p.strategy_line)) flagged.set(p.strategy_line, []);
        flagged.get(p.strategy_line).push(p);
      }
      const copy = el("button", { type: "button", class: "small copy", "data-target": target }, "Copy");
      copy.addEventListener("click", async () => {
        try { await navigator.clipboard.writeText(t.query || ""); copy.textContent = "Copied"; }
        catch (e) {                                         // no clipboard permission: select the text instead
          const range = document.createRange(); range.selectNodeContents(card.querySelector("pre.query"));
          const sel = getSelection(); sel.removeAllRanges(); sel.addRange(range); copy.textContent = "Selected: press Ctrl+C";
        }
        setTimeout(() => { copy.textContent = "Copy"; }, 1500);
      });
      const save = el("button", { type: "button", class: "small", onclick: () => download(`strategy-${target}.txt`, (t.query || "") + "\n") }, "Download");
      const badge = el("span", { class: "badges" },
        errors ? el("span", { class: "badge error" }, `${errors} error${errors === 1 ? "" : "s"}`) : null,
        warnings ? el("span", { class: "badge warning" }, `${warnings} warning${warnings === 1 ? "" : "s"}`) : null,
        !errors && !warnings ? el("span", { class: "badge ok" }, "exact") : null);
      // a changed line says how (its problems' effects: 'approximate', 'broader'); their codes in the tooltip
      const how = (n) => [...new Set(flagged.get(n).map((p) => p.effect || p.severity))].join(", ");
      const lineRows = t.lines.map((ln) => el("tr", { class: flagged.has(ln.number) ? "changed" : null, title: flagged.has(ln.number) ? flagged.get(ln.number).map((p) => p.code).join(", ") : null },
        el("th", {}, `${ln.number}.`), el("td", {}, el("code", {}, ln.query === null ? "(dropped)" : ln.query)),
        el("td", { class: "codes" }, flagged.has(ln.number) ? how(ln.number) : "")));
      const problems = el("ul", { class: "tproblems" }, own.map((p) => el("li", { class: p.severity, title: p.code },
        el("span", { class: "at" }, `${p.line ?? "–"}:${p.col ?? "–"}`), " ",
        p.effect ? el("span", { class: `effect ${p.effect.replace(/\s+/g, "-")}` }, p.effect) : null, " ", p.message)));
      const card = el("details", { class: "tcard", open: openTargets().has(target), "data-target": target },
        // the database by its name; its code (what `query translate --to` takes) in the tooltip
        el("summary", {}, el("strong", { title: target }, targetName(target)), " ", badge, el("span", { class: "tools" }, copy, save)),
        markedQuery(t, flagged),
        el("details", { class: "tlines" }, el("summary", {}, `Line by line (${t.lines.length})`), el("table", { class: "tlines" }, el("tbody", {}, lineRows))),
        own.length ? problems : null);
      card.addEventListener("toggle", () => rememberOpen(target, card.open));
      return card;
    });
    // with errors in the strategy, every translation is of the strategy as the checker read it: say so
    // above the cards, whose badges count only what each target changes
    const note = check.errors ? el("p", { class: "tnote error-text", id: "translations-note" },
      `The strategy has ${check.errors} error${check.errors === 1 ? "" : "s"}: these translations are of the text as read ` +
      "around them (each error says how), not necessarily what you meant. Fix the errors first.") : null;
    container.replaceChildren(...[note, ...cards].filter(Boolean));
    syncToggle();
  }

  /* which translations are open: one line per target unless opened, remembered per browser (the page
     was some 6,000 px tall with every target open); PubMed open the first time */
  const OPEN_KEY = "screener.workbench.open-targets";
  function openTargets() {
    try {
      const saved = JSON.parse(localStorage.getItem(OPEN_KEY));
      if (Array.isArray(saved)) return new Set(saved);
    } catch (e) { /* no storage: the default */ }
    return new Set(["pubmed"]);
  }
  function rememberOpen(target, open) {
    const now = openTargets();
    if (open) now.add(target); else now.delete(target);
    try { localStorage.setItem(OPEN_KEY, JSON.stringify([...now])); } catch (e) { /* not remembered */ }
    syncToggle();
  }
  function syncToggle() {
    const cards = [...document.querySelectorAll("#translations .tcard")];
    const button = $("toggle-targets");
    button.hidden = !cards.length;
    button.textContent = cards.length && cards.every((c) => c.open) ? "Close all" : "Open all";
  }
  $("toggle-targets").addEventListener("click", () => {
    const cards = [...document.querySelectorAll("#translations .tcard")];
    const open = !cards.every((c) => c.open);
    for (const c of cards) c.open = open;
  });

  /* ---- saved strategies ------------------------------------------------------------------- */

  async function loadStrategies(selectId) {
    const data = await api("GET", "/api/strategies");
    state.strategies = data.strategies;
    const select = $("strategy-select");
    const current = selectId ?? (state.strategy && state.strategy.id);
    select.replaceChildren(...(data.strategies.length ? data.strategies.map((s) =>
      el("option", { value: String(s.id), selected: s.id === current }, `${s.name} (${s.versions} version${s.versions === 1 ? "" : "s"})`))
      : [el("option", { value: "" }, "(none saved yet)")]));
    if (data.strategies.length) await loadVersions(parseInt(select.value, 10));
  }

  async function loadVersions(id) {
    if (!id) return;
    const data = await api("GET", `/api/strategies/${id}`);
    state.strategy = { id, name: data.name };
    state.versions = data.versions;
    if (!$("save-name").value) $("save-name").value = data.name;
    const body = $("versions").tBodies[0];
    const n = data.versions.length;
    body.replaceChildren(...data.versions.map((v, i) => el("tr", { "data-version": String(v.version) },
      el("td", { "data-label": "From" }, el("input", { type: "radio", name: "diff-from", value: String(v.version), checked: i === n - 2 || n === 1, "aria-label": `from version ${v.version}` })),
      el("td", { "data-label": "To" }, el("input", { type: "radio", name: "diff-to", value: String(v.version), checked: i === n - 1, "aria-label": `to version ${v.version}` })),
      el("td", { class: "v" }, `v${v.version}`), el("td", {}, v.saved_at.slice(0, 16).replace("T", " ")), el("td", { "data-label": "by" }, v.saved_by_name || v.saved_by),
      el("td", { "data-label": "lines" }, String(v.lines)), el("td", { class: "vnote" }, v.note),
      el("td", {}, el("button", { type: "button", class: "small", onclick: () => openAsked(id, v) }, "Open")))));
    for (const b of ["diff-button", "run-button", "validate-button", "search-button"]) $(b).disabled = false;
    // which text the buttons below use: the newest saved version of the strategy chosen here
    const newest = data.versions[n - 1];
    for (const id of ["run-uses", "search-uses"]) {
      $(id).replaceChildren("Uses ", el("strong", {}, newest.label), `, the newest saved version of “${data.name}” (choose another strategy under Saved versions; save to use your edits).`);
    }
    $("diff-button").disabled = n < 2;
  }

  // Open in the list replaces the editor's text: edits not saved as a version would go without a word
  async function openAsked(id, v) {
    const unsaved = text.value.trim() && text.value !== state.savedText;
    const label = v.label || `v${v.version}`;
    if (unsaved && !window.confirm(`The text in the editor is not saved as a version. Open ${label} in its place? ` +
        "Your edits would be gone from the editor: Cancel, then Save as new version, to keep them.")) return;
    await openVersion(id, v.version);
  }

  async function openVersion(id, version, remember = true) {
    const data = await api("GET", `/api/strategies/${id}?version=${version}`);
    text.value = data.version.text;
    state.savedText = text.value;
    syntax.value = data.version.syntax;
    $("save-name").value = data.name;
    if (remember) await sendDraft();      // opened on purpose: another computer opens it too
    else draftSent = null;
    scheduleCheck();
    return data;
  }

  /* ---- the text being written is kept with the review, as its writer's own draft ---------- */
  // (it was kept in this browser's storage: another computer, or a browser that forgot, showed an
  // empty editor). Sent after a pause in typing, and when the page is left; each send is an event.

  let draftTimer = null, draftSent = null;     // draftSent: the last {text, from} the server holds
  function draftBody() { return JSON.stringify({ text: text.value, from: syntax.value }); }
  function keepDraft() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(sendDraft, 1000);
  }
  async function sendDraft() {
    clearTimeout(draftTimer);
    draftTimer = null;
    const body = draftBody();
    if (body === draftSent) return;
    // over a limit the server refuses the draft as it refuses a version: saying so here, in the same
    // words as the summary, rather than sending it to be told
    const limit = overLimit(text.value);
    if (limit) { draftNote(`Your draft is not kept with the review: ${limit} Copy it before you leave this page.`); return; }
    try {
      const data = await api("POST", "/api/strategies/draft", JSON.parse(body));
      draftSent = body;
      showDraft(data.draft, false);
    } catch (error) {
      draftNote(`Your draft is not kept with the review: ${error.message}. Copy it before you leave this page.`);
    }
  }
  function flushDraft() {      // leaving the page: keepalive lets the request outlive it
    if (!draftTimer) return;
    clearTimeout(draftTimer);
    draftTimer = null;
    const body = draftBody();
    if (body === draftSent) return;
    fetch(base + "/api/strategies/draft", { method: "POST", keepalive: true, credentials: "same-origin", body,
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf } });
  }
  window.addEventListener("pagehide", flushDraft);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flushDraft(); });

  /* ---- Open file…: read as `query check` reads a strategy file (records/textio.py): a BOM's
     UTF-8 or UTF-16 (Notepad's "Unicode"), else UTF-8, else Windows-1252 (Word's and Notepad's
     "ANSI") said in a note; a file that is not text refused by what it is. ---------------------- */

  const NOT_TEXT = [            // the first bytes of what people open by mistake
    [[0x89, 0x50, 0x4e, 0x47], "a PNG image"], [[0xff, 0xd8, 0xff], "a JPEG image"],
    [[0x25, 0x50, 0x44, 0x46], "a PDF: copy the strategy out of it"],
    [[0x50, 0x4b, 0x03, 0x04], "a Word document or another zipped file: in Word, Save As Plain Text"],
    [[0xd0, 0xcf, 0x11, 0xe0], "an old Word document: in Word, Save As Plain Text"],
    [[0x7b, 0x5c, 0x72, 0x74, 0x66], "a rich-text (RTF) file: in your editor, save it as plain text"],
  ];
  function readStrategyFile(bytes, name) {
    const starts = (sig) => sig.every((b, i) => bytes[i] === b);
    const kind = NOT_TEXT.find(([sig]) => starts(sig));
    const refuse = (what) => ({ text: null,
      note: `${name} is not a text file (${what}): save the strategy as plain text (.txt) and open that; the editor is as it was.` });
    if (kind) return refuse(kind[1]);
    let decoded, note = "";
    if (starts([0xff, 0xfe])) decoded = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    else if (starts([0xfe, 0xff])) decoded = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    else {
      try { decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes); }
      catch (e) {
        decoded = new TextDecoder("windows-1252").decode(bytes);
        note = `${name} is not UTF-8: read as Windows-1252 (Word's and Notepad's “ANSI”); check its quotes and accented letters.`;
      }
    }
    if (/[\x00-\x08\x0e-\x1f\x7f]/.test(decoded)) return refuse("it holds characters that no text holds");
    return { text: decoded.replace(/\r\n?/g, "\n"), note };
  }
  function fileNote(message) {
    const note = $("file-note");
    note.textContent = message;
    note.hidden = !message;
  }

  function draftNote(message) {
    const note = $("draft-note");
    note.textContent = message;
    note.hidden = !message;
  }
  function showDraft(draft, opened) {
    if (!draft || !draft.text.trim()) { draftNote(""); return; }
    if (draft.saved_as) { draftNote(opened ? `Opened ${draft.saved_as} (a saved version), where you left it.` : ""); return; }
    const when = draft.at.slice(0, 16).replace("T", " ") + " UTC";
    draftNote(`${opened ? "Your draft from " + when + ", kept" : "Draft kept"} with the review${opened ? "" : " at " + when.slice(11)}: ` +
      "only you see it, on any computer you sign in from. Not saved as a version: save it (Saved versions) to share it or to run it.");
  }
  function openDraft(draft) {
    if (text.value) return;                 // typed into already: theirs wins
    text.value = draft.text;
    if (draft.syntax) syntax.value = draft.syntax;
    if (draft.saved_as) state.savedText = text.value;
    draftSent = draftBody();
    scheduleCheck();
    showDraft(draft, true);
  }
  // a draft an earlier version of this page left in this browser's storage: brought to the review once
  const OLD_DRAFT_KEY = "screener.workbench.draft:" + location.pathname;
  function oldDraft() {
    try {
      const kept = JSON.parse(localStorage.getItem(OLD_DRAFT_KEY));
      localStorage.removeItem(OLD_DRAFT_KEY);
      return kept && !kept.saved && kept.text && kept.text.trim() ? kept : null;
    } catch (e) { return null; }
  }
  // what the editor starts with when there is no draft: the newest saved version of the strategy
  // chosen under Saved versions
  async function openNewest() {
    const newest = state.strategy && state.versions.length ? state.versions[state.versions.length - 1] : null;
    if (newest && !text.value) {
      const data = await openVersion(state.strategy.id, newest.version, false);
      draftNote(`Opened ${data.version.label || newest.label || "v" + newest.version}, the newest saved version of “${data.name}”.`);
    }
  }

  async function save(event) {
    event.preventDefault();
    const status = $("save-status");
    status.className = "";
    try {
      const saved = await api("POST", "/api/strategies", { name: $("save-name").value, text: text.value, from: syntax.value, note: $("save-note").value });
      // a draft with errors is saved too: say so, or "Saved" reads as ready to run
      const errors = saved.errors ? ` with ${saved.errors} error${saved.errors === 1 ? "" : "s"} (listed under the strategy; fix them before running or searching it)` : "";
      status.textContent = saved.recorded ? `Saved ${saved.label}${errors}.` : `Unchanged: the text is ${saved.label}${errors}.`;
      state.savedText = text.value;
      await sendDraft();                    // the draft is now that version
      draftNote("");
      $("save-note").value = "";
      await loadStrategies(saved.strategy_id);
    } catch (error) {
      status.className = "error-text";
      status.textContent = error.message;
    }
  }

  async function showDiff() {
    const from = document.querySelector('input[name="diff-from"]:checked');
    const to = document.querySelector('input[name="diff-to"]:checked');
    if (!from || !to || !state.strategy) return;
    const out = $("diff");
    try {
      const d = await api("GET", `/api/strategies/${state.strategy.id}/diff?from=${from.value}&to=${to.value}`);
      const CONTEXT = 2;
      const near = d.ops.map((o, i) => d.ops.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((x) => x.op !== "equal"));
      const rows = [];
      let hidden = 0;
      const flush = () => { if (hidden) rows.push(el("tr", { class: "skipped" }, el("td", { colspan: "4" }, `… ${hidden} unchanged line${hidden === 1 ? "" : "s"}`))); hidden = 0; };
      d.ops.forEach((o, i) => {
        if (!near[i]) { hidden += 1; return; }
        flush();
        rows.push(el("tr", { class: o.op },
          el("td", { class: "num" }, o.a ?? ""), el("td", { class: "num" }, o.b ?? ""),
          el("td", { class: "sign" }, o.op === "insert" ? "+" : (o.op === "delete" ? "−" : "")),
          el("td", {}, el("code", {}, o.text))));
      });
      flush();
      out.replaceChildren(
        el("p", {}, el("strong", {}, `${d.from.label} → ${d.to.label}`), `: ${d.removed} line${d.removed === 1 ? "" : "s"} removed, ${d.added} added.`),
        el("table", { class: "difftable" }, el("tbody", {}, rows)));
    } catch (error) { out.replaceChildren(el("p", { class: "error-message" }, error.message)); }
  }

  /* ---- run and validate -------------------------------------------------------------------- */

  function selected() { return state.strategy ? state.strategy.id : null; }

  // what the records cannot answer (NO_HEADINGS, …): why counts are undetermined or a lower bound
  function evalWarnings(warnings, id) {
    if (!warnings || !warnings.length) return null;
    return el("ul", { class: "eval-warnings", id }, warnings.map((w) => el("li", { title: w.code },
      w.line ? `Line ${w.line}: ${w.message}` : w.message)));
  }

  async function run() {
    const out = $("run-result");
    out.replaceChildren(el("p", { class: "hint" }, "Running…"));
    try {
      const d = await api("POST", `/api/strategies/${selected()}/run`, {});
      const rows = d.lines.map((ln) => el("tr", { class: ln.line === d.line ? "final" : null },
        el("td", { class: "num" }, ln.line), el("td", {}, el("code", {}, ln.text)),
        el("td", { class: "num" }, ln.hits), el("td", { class: "num" }, ln.undetermined)));
      out.replaceChildren(
        el("p", {}, `${d.version.label} over ${d.records_source}: line ${d.line} finds ${d.matching.length} record${d.matching.length === 1 ? "" : "s"} (${d.undetermined.length} undetermined).`),
        ...[evalWarnings(d.warnings, "run-warnings")].filter(Boolean),
        el("table", { class: "history" }, el("thead", {}, el("tr", {}, el("th", {}, "#"), el("th", {}, "Searches"), el("th", {}, "Results"), el("th", { title: "records the line cannot be judged on: they lack what it searches (see above)" }, "Undetermined"))), el("tbody", {}, rows)));
    } catch (error) { out.replaceChildren(el("p", { class: "error-message" }, error.message)); }
  }

  async function validate() {
    const out = $("validate-result");
    const known = $("use-included").checked ? "included" : $("known").value;
    out.replaceChildren(el("p", { class: "hint" }, "Validating…"));
    try {
      const d = await api("POST", `/api/strategies/${selected()}/validate`, { known });
      const assessed = d.found + d.undetermined + d.missed;
      const parts = [el("p", { class: "recall" }, el("strong", {}, `Recall ${pct(d.recall)}`),
        `: ${d.found} of ${assessed} known studies found by line ${d.final_line}` +
        (d.undetermined ? `, ${d.undetermined} undetermined` : "") + (d.missed ? `, ${d.missed} missed` : "") +
        (d.not_in_records ? `; ${d.not_in_records} not in the review's records` : "") + ` (known: ${d.known_file}).`,
        // 0% found with most studies undetermined is not "the strategy misses them": say how high it could be
        d.undetermined ? el("span", { class: "bound", id: "recall-bound" }, ` At most ${pct(d.recall_if_undetermined_found)} if every undetermined study is found by what the records lack.`) : null)];
      // a typo in a pasted PMID or DOI drops that study: say so, or recall reads higher than it is
      if (d.known_skipped) {
        const n = d.known_skipped, lines = n === 1 ? "1 pasted line is" : `${n} pasted lines are`;
        const rows = n === 1 ? "1 row has" : `${n} rows have`;
        parts.push(el("p", { class: "warning-text", id: "known-skipped" }, d.known_file === "pasted identifiers"
          ? `${lines} neither a PMID nor a DOI: left out of the known studies (check them for typos).`
          : `${rows} no PMID, DOI or title to match: left out of the known studies.`));
      }
      const cov = d.coverage;
      if (cov && cov.records) {
        parts.push(el("p", { class: "hint", id: "coverage" }, d.titles_only
          ? `The known studies' records carry titles only (no abstract, MeSH headings or keywords): a study its title alone does not find is undetermined, not missed.`
          : `Known studies' records with an abstract: ${cov.abstract}/${cov.records}, with MeSH headings: ${cov.mesh}/${cov.records}, with keywords: ${cov.keywords}/${cov.records}.`));
      }
      const warned = evalWarnings(d.warnings, "validate-warnings");
      if (warned) parts.push(warned);
      if (d.blocks && d.blocks.length) {
        parts.push(el("table", { class: "blocks" }, el("thead", {}, el("tr", {}, el("th", {}, "Concept block"), el("th", {}, "Found"), el("th", {}, "Undetermined"), el("th", {}, "Missed"))),
          el("tbody", {}, d.blocks.map((b) => el("tr", {}, el("td", {}, b.label), el("td", { class: "num" }, b.hit), el("td", { class: "num" }, b.undetermined), el("td", { class: "num" }, b.miss))))));
      }
      const notFound = d.studies.filter((s) => s.status === "miss" || s.status === "undetermined");
      if (notFound.length) {
        parts.push(el("h4", {}, "Not found"));
        parts.push(el("ul", { class: "notfound" }, notFound.map((s) => el("li", {},
          el("strong", {}, `[${s.status === "miss" ? "missed" : "undetermined"}] ${s.study}`), `: ${s.title || ""}`,
          s.blocks && s.blocks.length ? el("div", { class: "hint" }, "blocks: " + s.blocks.map((b) => `${b.label}: ${b.status}`).join("; ")) : null,
          s.nearest ? el("div", { class: "hint" }, `nearest: line ${s.nearest.line} ${s.nearest.text} — ${s.nearest.detail}`) : null))));
      }
      const absent = d.studies.filter((s) => s.status === "absent");
      if (absent.length) parts.push(el("p", { class: "hint" }, `Not in the review's records (cannot be assessed): ${absent.map((s) => s.study).join(", ")}`));
      out.replaceChildren(...parts);
    } catch (error) { out.replaceChildren(el("p", { class: "error-message" }, error.message)); }
  }

  /* ---- PubMed search jobs ------------------------------------------------------------------ */

  // the search's messages are the command line's ('--eutils-url', 'run the same command again'):
  // on this page they name its own field and button
  function pageWords(message) {
    return String(message)
      .replace(/check the network or --eutils-url and run the same command again to resume/g,
               "check the network or the E-utilities URL, then press Search PubMed to resume")
      .replace(/--eutils-url /g, "E-utilities URL ")
      .replace(/run the same command again/g, "press Search PubMed again")
      // a query PubMed refused: the same version would be refused again; the fix is a new version
      .replace(/(fix that line of the strategy|fix the query) and run again/g,
               "$1, save it as a new version and press Search PubMed")
      .replace(/--batch-size /g, "Records per fetch ")
      // the E-utilities client's log names the script it called and the bare status; the page says
      // which step that is and what the status means (the command line keeps its own words)
      .replace(/\b(esearch|epost|efetch|esummary)\.fcgi\b/g, (m, name) => ENDPOINT_WORDS[name])
      .replace(/\bHTTP (\d{3})\b(?!:)/g, (m, code) => HTTP_WORDS[code] ? `HTTP ${code}: ${HTTP_WORDS[code]}` : m);
  }
  const ENDPOINT_WORDS = { esearch: "ESearch (the search itself)", epost: "EPost (sending the list of PMIDs)",
                           efetch: "EFetch (fetching the records)", esummary: "ESummary (the records' summaries)" };
  const HTTP_WORDS = { 429: "too many requests at once", 500: "an error on E-utilities' side",
                       502: "E-utilities could not be reached by its gateway", 503: "E-utilities is unavailable for now",
                       504: "E-utilities took too long to answer", 400: "E-utilities did not accept the request",
                       404: "no E-utilities at this address" };

  let polling = null;
  function renderJob(job) {
    state.job = job;
    const out = $("job");
    if (!job) { out.replaceChildren(); $("cancel-button").hidden = true; return; }
    const c = job.counts;
    const active = job.state === "queued" || job.state === "running";
    const total = c.count || c.listed || 0;
    const bar = el("progress", { max: String(Math.max(total, 1)), value: String(job.state === "complete" ? Math.max(total, 1) : c.fetched) });
    const what = job.strategy_version ? job.strategy_version.label : `query ${job.query}`;
    // a slow answer (E-utilities may take a minute) or a long wait between retries leaves every number
    // as it was: count the seconds since anything changed, so the page is seen to be following
    const seen = JSON.stringify([job.id, job.state, c, job.requests, job.retries, job.messages.slice(-1)]);
    if (seen !== state.jobSeen) { state.jobSeen = seen; state.jobChanged = Date.now(); }
    const still = Math.floor((Date.now() - state.jobChanged) / 1000);
    const rejected = job.errors.some((e) => String(e).startsWith("PubMed rejected the query"));
    out.replaceChildren(...[
      // the search by what it searched; the job's random id only in the tooltip (the API's calls take it)
      el("p", { title: `job ${job.id}` }, el("span", { class: `jobstate ${job.state}`, id: "job-state" }, job.state), ` PubMed search of ${what}`,
        job.resumed ? el("span", { class: "hint" }, ` (resumed after a restart ×${job.resumed})`) : null,
        job.cancel_requested && active ? el("span", { class: "hint" }, " — cancelling…") : null),
      bar,
      el("dl", { class: "counts" },
        // '…' while PubMed may still give it; a stopped search that never got it will not
        el("dt", {}, "PubMed count"), el("dd", { id: "job-count" }, c.count ?? (active ? "…" : "not\u00a0known")),
        el("dt", {}, "Listed"), el("dd", { id: "job-listed" }, c.listed),
        el("dt", {}, "Fetched"), el("dd", { id: "job-fetched" }, c.fetched),
        el("dt", {}, "Imported"), el("dd", { id: "job-imported" }, c.imported),
        el("dt", {}, "Slices"), el("dd", {}, c.slices),
        el("dt", {}, "Batches"), el("dd", {}, c.batches),
        el("dt", { title: "HTTP requests since the job last started (a resumed job counts from its restart)" }, "Requests"), el("dd", {}, job.requests),
        el("dt", {}, "Retries"), el("dd", { id: "job-retries" }, job.retries)),
      job.search ? el("details", { class: "sent" },
        el("summary", {}, `Search ${job.search.id} in the PRISMA-S log: ${job.search.database}, ${job.search.platform}, started ${job.search.started_at.slice(0, 19).replace("T", " ")} UTC — the query sent`),
        el("pre", {}, job.search.query_sent)) : null,
      active && still >= 4 ? el("p", { class: "hint", id: "job-wait", role: "status" },
        `Still running: nothing new for ${still} s. E-utilities can be slow to answer; Cancel stops the search.`) : null,
      job.errors.length ? el("p", { class: "error-message" }, pageWords(job.errors[job.errors.length - 1])) : null,
      // what a stopped search left: nothing half-imported, and what starting it again does
      job.state === "cancelled" || job.state === "failed" ? el("p", { class: "hint", id: "job-note" },
        (job.state === "cancelled" ? "Cancelled. " : "Stopped. ") +
        (c.imported ? `${c.imported} records were imported. ` : "No record was imported. ") +
        (c.fetched > c.imported ? `The ${c.fetched - c.imported} fetched so far are kept aside: Search PubMed with the same version resumes from them.`
          : rejected ? "PubMed would refuse the same version again: fix it first (above)."
          : "Search PubMed starts it again.")) : null,
      job.messages.length ? el("pre", { class: "joblog" }, pageWords(job.messages.slice(-8).join("\n"))) : null,
    ].filter((x) => x !== null));
    const log = out.querySelector("pre.joblog");
    if (log) log.scrollTop = log.scrollHeight;                // the newest line in view
    // the button pressed goes away under the keyboard's focus (Search PubMed disabled, Cancel hidden):
    // the focus moves to the one that replaces it, not to the page's body
    const pressed = state.pressed || document.activeElement;
    state.pressed = null;
    $("cancel-button").hidden = !active;
    $("search-button").disabled = active || !state.strategy;
    if (pressed === $("search-button") && active) $("cancel-button").focus();
    else if (pressed === $("cancel-button") && !active && !$("search-button").disabled) $("search-button").focus();
    if (active && !polling) polling = setInterval(poll, 700);
    if (!active && polling) { clearInterval(polling); polling = null; }
  }

  async function poll() {
    if (!state.job) return;
    try { renderJob(await api("GET", `/api/jobs/${state.job.id}`)); }
    catch (error) {      // one line, not one more every poll while the server is away
      const said = $("job").querySelector("p.poll-error") || $("job").appendChild(el("p", { class: "error-message poll-error" }));
      said.textContent = `Progress unavailable: ${error.message}. A search already started carries on while the server runs; this page keeps asking.`;
    }
  }

  async function startSearch() {
    const body = { strategy_id: selected() };
    if ($("eutils-url").value.trim()) body.eutils_url = $("eutils-url").value.trim();
    if ($("email").value.trim()) body.email = $("email").value.trim();
    const batch = parseInt($("batch-size").value, 10);
    if (batch && batch !== 500) body.batch_size = batch;
    try { renderJob(await api("POST", "/api/searches/pubmed", body)); }
    catch (error) { $("job").replaceChildren(el("p", { class: "error-message" }, pageWords(error.message))); }
  }

  async function cancelSearch() {
    if (!state.job) return;
    // disabled while asked, Cancel loses the focus: remembered, so the search's end can give it back
    const keyed = document.activeElement === $("cancel-button");
    $("cancel-button").disabled = true;
    try {
      const job = await api("POST", `/api/jobs/${state.job.id}/cancel`, {});
      state.pressed = keyed ? $("cancel-button") : null;
      renderJob(job);
    }
    catch (error) { $("job").append(el("p", { class: "error-message" }, error.message)); }
    $("cancel-button").disabled = false;
    if (keyed && !$("cancel-button").hidden) $("cancel-button").focus();      // still stopping: Cancel keeps it
  }

  async function latestJob() {
    try {
      const data = await api("GET", "/api/jobs");
      const active = data.jobs.find((j) => j.state === "queued" || j.state === "running");
      renderJob(active || data.jobs[0] || null);
    } catch (error) { /* the panel stays empty */ }
  }

  /* ---- wiring ------------------------------------------------------------------------------ */

  text.addEventListener("input", () => { keepDraft(); scheduleCheck(); });
  text.addEventListener("scroll", syncScroll);
  text.addEventListener("mousemove", hoverMeaning);
  for (const ev of ["keyup", "click", "focus"]) text.addEventListener(ev, showCaretMeaning);
  syntax.addEventListener("change", () => { keepDraft(); scheduleCheck(); });
  new ResizeObserver(syncScroll).observe(text);
  $("upload").addEventListener("change", async () => {
    const file = $("upload").files[0];
    if (!file) return;
    const read = readStrategyFile(new Uint8Array(await file.arrayBuffer()), file.name);
    $("upload").value = "";                 // the same file chosen again (after fixing it) is read again
    fileNote(read.note);
    if (read.text === null) return;         // refused: the editor keeps what it had
    text.value = read.text;
    if (!$("save-name").value) $("save-name").value = file.name.replace(/\.[^.]+$/, "");
    keepDraft();
    scheduleCheck();
  });
  $("save-form").addEventListener("submit", save);
  $("strategy-select").addEventListener("change", (e) => loadVersions(parseInt(e.target.value, 10)));
  $("diff-button").addEventListener("click", showDiff);
  $("run-button").addEventListener("click", run);
  $("validate-button").addEventListener("click", validate);
  $("search-button").addEventListener("click", startSearch);
  $("cancel-button").addEventListener("click", cancelSearch);
  $("use-included").addEventListener("change", (e) => { $("known").disabled = e.target.checked; });

  renderBackdrop();
  const asked = api("GET", "/api/strategies/draft").then((d) => d.draft).catch(() => null).then((draft) => {
    const old = (draft && draft.text.trim()) ? null : oldDraft();
    if (old) {                              // kept by an earlier page in this browser: to the review
      text.value = old.text;
      if (old.syntax) syntax.value = old.syntax;
      scheduleCheck();
      sendDraft();
      return old;
    }
    if (draft && draft.text.trim()) openDraft(draft);      // at once, before the saved list
    return draft;
  });
  loadStrategies().then(() => asked).then((draft) => (draft && draft.text.trim()) ? null : openNewest())
    .then(latestJob).catch(() => latestJob());
})();
