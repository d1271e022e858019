/* The search workbench's per-line PubMed counts (Ovid's search history): the strategy in the editor,
   each line as PubMed gets it, counted a line at a time through /api/strategies/counts so the page
   shows how far it has got; a line PubMed refuses or E-utilities fails on is marked on that line. */
(function () {
  "use strict";
  const root = document.getElementById("wb");
  if (!root || !document.getElementById("count-button")) return;
  const $ = (id) => document.getElementById(id);
  const csrf = root.dataset.csrf, base = root.dataset.base || "";
  const button = $("count-button"), out = $("counts");
  const state = { lines: [], text: null, from: null, day: "", url: "", current: null, running: false, cached: 0, asked: 0 };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    return node;
  }

  async function ask(count) {
    const body = { text: state.text, from: state.from };
    if (count) body.count = count;
    const url = $("eutils-url").value.trim(), email = $("email").value.trim();
    if (url) body.eutils_url = url;
    if (email) body.email = email;
    let response;
    try {
      response = await fetch(base + "/api/strategies/counts", { method: "POST", credentials: "same-origin",
        headers: { "Accept": "application/json", "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body) });
    } catch (e) {
      throw Object.assign(new Error("could not reach the server: check your connection, and that screener is still running, then count again"), { status: 0 });
    }
    let data;
    try { data = await response.json(); }
    catch (e) { data = { error: `the server could not answer (error ${response.status}); count again in a moment` }; }
    if (!response.ok) throw Object.assign(new Error(data.error || `HTTP ${response.status}`), { status: response.status });
    return data;
  }

  const number = (n) => Number(n).toLocaleString("en");

  // the search client's words are the command line's ('--eutils-url', 'run the same command again',
  // 'esearch.fcgi'): on this page they name its own field and button
  function pageWords(message) {
    return String(message)
      .replace(/check the network or --eutils-url and run the same command again to resume/g,
               "check the network or the E-utilities URL above, then press Count each line on PubMed to count it again")
      .replace(/--eutils-url /g, "E-utilities URL ")
      .replace(/\(esearch\.fcgi: HTTP (\d{3})\)/g, (m, code) => `(ESearch: HTTP ${code}${HTTP_WORDS[code] ? ": " + HTTP_WORDS[code] : ""})`)
      .replace(/\besearch\.fcgi\b/g, "ESearch");
  }
  const HTTP_WORDS = { 429: "too many requests at once", 500: "an error on E-utilities' side",
                       502: "E-utilities could not be reached by its gateway", 503: "E-utilities is unavailable for now",
                       504: "E-utilities took too long to answer" };

  function note(ln) {
    if (state.current === ln.number) return ["counting…"];
    if (!ln.status) return [state.running ? "" : "not counted"];
    const parts = [];
    if (ln.zero) parts.push(el("span", { class: "tag zero-tag" }, "finds nothing"), " check the line for a typo or a wrong field");
    else if (ln.status === "failed") parts.push(pageWords(ln.message));
    else if (ln.message) parts.push(pageWords(ln.message), heldFrom(ln));
    if (ln.final) parts.unshift(el("strong", {}, "The search: "), ln.zero || parts.length ? "" : "what Search PubMed finds.");
    return parts;
  }

  // a line refused for what an earlier line it holds was refused for ('1 and 2' after line 2): say which
  function heldFrom(ln) {
    if (ln.status !== "refused") return "";
    const first = state.lines.find((o) => o.number < ln.number && o.status === "refused" && o.message === ln.message);
    return first ? ` (from line ${first.number}, which it holds)` : "";
  }

  function render() {
    const total = state.lines.length;
    const done = state.lines.filter((ln) => ln.status).length;
    const zero = state.lines.filter((ln) => ln.zero).length;
    const by = (s) => state.lines.filter((ln) => ln.status === s).length;
    const final = state.lines[total - 1];
    let summary;
    if (state.running) {
      summary = `Counting on PubMed: ${done} of ${total} lines` + (state.cached ? ` (${state.cached} from today's earlier counts)` : "") + "…";
    } else if (done < total && !state.asked && !by("failed")) {
      // the page opened again: what was counted today, kept in the review, shown without asking PubMed
      // a line not sent (the strategy's errors) was not counted: it is said apart, not in 'n of N'
      summary = `Counted earlier today (${state.day} UTC): ${done - by("not sent")} of ${total} lines, ${zero} finding nothing` +
        (by("refused") ? `, ${by("refused")} refused by PubMed` : "") +
        (by("not sent") ? `, ${by("not sent")} not sent (errors in the strategy)` : "") + ". Count each line on PubMed for the rest.";
    } else {
      const said = [`${zero} find${zero === 1 ? "s" : ""} nothing`];
      if (by("refused")) said.push(`${by("refused")} refused by PubMed`);
      if (by("failed")) said.push(`${by("failed")} not counted (E-utilities failed)`);
      if (by("not sent")) said.push(`${by("not sent")} not sent (errors in the strategy)`);
      summary = `${total} line${total === 1 ? "" : "s"} on ${state.day} (UTC): ${said.join(", ")}; ${state.cached} from today's earlier counts, ${state.asked} asked of PubMed now.` +
        (final && final.count !== null && final.status === "counted" ? ` Line ${final.number}, the search, finds ${number(final.count)} records.` : "");
    }
    const rows = state.lines.map((ln) => el("tr", {
        class: [ln.final ? "final" : "", ln.zero ? "zero" : "", ln.status ? ln.status.replace(" ", "-") : "pending",
                state.current === ln.number ? "current" : ""].filter(Boolean).join(" "),
        "data-n": ln.number },
      el("td", { class: "num" }, ln.number),
      // what is said of the line stands under it, the width of the line's own cell (a phone has no room for a column)
      el("td", {}, el("code", { title: ln.query ? `PubMed: ${ln.query}` : "" }, ln.text), el("div", { class: "count-note" }, note(ln))),
      el("td", { class: "num count" }, ln.count === null || ln.count === undefined ? "—" : number(ln.count))));
    const changed = !state.running && state.text !== null && ($("text").value !== state.text || $("syntax").value !== state.from);
    out.replaceChildren(...[
      el("p", { id: "counts-summary", role: "status" }, summary),
      state.running ? el("progress", { id: "counts-progress", max: String(Math.max(total, 1)), value: String(done) }) : null,
      changed ? el("p", { class: "hint", id: "counts-stale" }, "The strategy in the editor has changed since: Count each line again (lines not changed come from today's counts).") : null,
      el("table", { class: "history counts", id: "counts-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "#"), el("th", {}, "Searches"), el("th", { class: "num" }, "PubMed"))),
        el("tbody", {}, rows)),
    ].filter(Boolean));
  }

  function fail(message) {
    out.replaceChildren(el("p", { class: "error-message", id: "counts-error" }, message));
  }

  async function countAll() {
    if (state.running) return;
    const text = $("text").value;
    if (!text.trim()) { fail("The editor is empty: type or paste a strategy, then count its lines."); return; }
    Object.assign(state, { text, from: $("syntax").value, running: true, cached: 0, asked: 0, current: null });
    button.disabled = true;
    try {
      const plan = await ask(null);
      Object.assign(state, { lines: plan.lines, day: plan.day, url: plan.eutils_url });
      state.cached = plan.lines.filter((ln) => ln.cached).length;
      render();
      for (const ln of plan.lines.filter((l) => !l.status)) {
        state.current = ln.number;
        render();
        try {
          const data = await ask([ln.number]);
          const got = data.lines.find((l) => l.number === ln.number);
          Object.assign(ln, got);
          state.asked += data.requests ? 1 : 0;
          if (got.cached) state.cached += 1;      // an identical line counted a moment ago
        } catch (error) {
          if (error.status && error.status !== 0 && error.status < 500) { state.current = null; fail(error.message); return; }
          Object.assign(ln, { status: "failed", message: error.message });
        }
      }
    } catch (error) { fail(error.message); return; }
    finally { state.running = false; state.current = null; button.disabled = false; }
    render();
  }

  // opened again: once the editor holds the strategy (the draft arrives after the page), show what the
  // review kept of today's counts for it — no request to PubMed — if it kept any
  async function showKept() {
    const text = $("text").value;
    if (!text.trim() || state.running || state.lines.length) return;
    Object.assign(state, { text, from: $("syntax").value });
    try {
      const kept = await ask(null);
      if (state.running || state.lines.length || !kept.lines.some((ln) => ln.status && ln.status !== "not sent")) return;
      Object.assign(state, { lines: kept.lines, day: kept.day, url: kept.eutils_url, asked: 0,
                             cached: kept.lines.filter((ln) => ln.cached).length });
      render();
    } catch (error) { /* nothing kept to show; Count each line says why if it cannot count */ }
  }
  let waited = 0;
  const waitForText = setInterval(() => {
    waited += 1;
    if ($("text").value.trim() || waited > 20) { clearInterval(waitForText); showKept(); }
  }, 250);

  button.addEventListener("click", countAll);
  // the editor changed after a count: say the counts are of the text counted, not of this one
  $("text").addEventListener("input", () => { if (state.lines.length && !state.running) render(); });
})();
