/* europillar web app: small vanilla JS on top of the JSON API (no libraries, no CDN). */
"use strict";

async function api(method, url, body) {
  const options = { method, headers: {} };
  if (body instanceof FormData) options.body = body;
  else if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(url, options);
  let data = null;
  const type = response.headers.get("content-type") || "";
  if (type.includes("json")) data = await response.json();
  return { ok: response.ok, status: response.status, data };
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function fmt(value, key) {
  if (value === null || value === undefined) return "–";
  if (key && /year/.test(key) && Number.isInteger(value)) return String(value);
  if (typeof value === "number") {
    if (Number.isInteger(value)) return value.toLocaleString("en-GB");
    const digits = Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 4;
    return value.toLocaleString("en-GB", { maximumFractionDigits: digits });
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/* Labels for ids (countries, blocs, categories), from /api/meta, loaded once. */
let NAMES = { iso3: {}, bloc: {}, category: {} };
const namesReady = api("GET", "/api/meta").then((r) => { if (r.ok && r.data.names) NAMES = r.data.names; return r; });

function cellContent(key, value) {
  if (key === "iso3" && typeof value === "string") {
    return el("a", { href: `/country/${encodeURIComponent(value)}`, text: NAMES.iso3[value] || value });
  }
  if ((key === "bloc" || key === "category") && typeof value === "string") return NAMES[key][value] || value;
  return fmt(value, key);
}

function sourceLinks(container, ids) {
  container.replaceChildren("Sources: ");
  (ids || []).forEach((id, i) => {
    if (i) container.append(", ");
    container.append(el("a", { href: `/sources#src-${encodeURIComponent(id)}`, text: id }));
  });
  if (!ids || !ids.length) container.append("none");
}

function renderTable(container, columns, rows, caption, limit) {
  /* names (Poland, Main battle tanks) arrive with /api/meta: draw once they are here */
  namesReady.then(() => drawTable(container, columns, rows, caption, limit));
}

function drawTable(container, columns, rows, caption, limit) {
  container.replaceChildren();
  const table = el("table");
  table.append(el("caption", { text: caption }));
  const head = el("tr");
  columns.forEach((c) => head.append(el("th", { scope: "col", text: c.label || c })));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  rows.slice(0, limit || rows.length).forEach((r) => {
    const tr = el("tr");
    columns.forEach((c, i) => {
      const key = c.key || c;
      const cell = el(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, cellContent(key, r[key]));
      if (typeof r[key] === "number") cell.className = "num";
      tr.append(cell);
    });
    body.append(tr);
  });
  table.append(body);
  container.append(table);
  if (limit && rows.length > limit) container.append(el("p", { text: `First ${limit} of ${rows.length} rows; the CSV has all.` }));
}

/* ---------------- dashboard ---------------- */
async function initDashboard() {
  const select = document.getElementById("indicator");
  const form = document.getElementById("map-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const indicator = select.value;
    const img = document.getElementById("map-img");
    img.src = `/api/charts/map.svg?indicator=${encodeURIComponent(indicator)}`;
    img.alt = `Map of Europe coloured by ${select.selectedOptions[0].text}; grey: no figure.`;
    document.getElementById("map-csv").href = `/api/dashboard/map?indicator=${encodeURIComponent(indicator)}&format=csv`;
    const r = await api("GET", `/api/dashboard/map?indicator=${encodeURIComponent(indicator)}`);
    if (r.ok) sourceLinks(document.querySelector("#map-sources .sources"), r.data.sources);
    history.replaceState(null, "", `/?indicator=${encodeURIComponent(indicator)}`);
  });
  select.addEventListener("change", () => form.requestSubmit());
  const r = await api("GET", "/api/dashboard/power");
  if (!r.ok) return;
  const rows = r.data.rows;
  const blocs = [...new Set(rows.map((x) => x.bloc))];
  /* the price base moves with SIPRI's release (constant 2023, then 2024): take the newest */
  const constant = [...new Set(rows.map((x) => x.indicator))].filter((i) => i.startsWith("milex_usd_constant")).sort().pop();
  const base = constant ? constant.replace("milex_usd_constant", "").replace("_m", "") : "";
  const latest = (ind) => Math.max(...rows.filter((x) => x.indicator === ind && x.value !== null).map((x) => x.year));
  const pick = (b, ind) => (rows.find((x) => x.bloc === b && x.year === latest(ind) && x.indicator === ind) || {}).value;
  const table = blocs.map((b) => ({
    bloc: b,
    spend: pick(b, constant) / 1000,
    share: pick(b, "milex_share_gdp_pct"),
    personnel: pick(b, "personnel_active_k"),
  }));
  renderTable(document.getElementById("power-table"),
    [{ key: "bloc", label: "Bloc" }, { key: "spend", label: `Spending ${latest(constant)}, USD bn (constant ${base})` },
     { key: "share", label: `Share of GDP ${latest("milex_share_gdp_pct")}, %` },
     { key: "personnel", label: `Active personnel ${latest("personnel_active_k")}, thousand` }],
    table, "Bloc totals over members with figures (the CSV says which members lack figures)");
}

/* ---------------- scenario list ---------------- */
function initScenarios() {
  document.querySelectorAll("[data-delete]").forEach((button) => {
    button.addEventListener("click", async () => {
      if (!confirm(`Delete scenario ${button.dataset.name} and its runs?`)) return;
      const r = await api("DELETE", `/api/scenarios/${button.dataset.delete}`);
      if (r.ok) location.reload();
    });
  });
  const form = document.getElementById("import-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const r = await api("POST", "/api/scenarios/import", new FormData(form));
    const error = document.getElementById("import-error");
    if (r.ok) location.href = `/scenarios/${r.data.id}`;
    else error.textContent = r.data && r.data.detail ? (r.data.detail.message || JSON.stringify(r.data.detail)) : `Import failed (${r.status}).`;
  });
}

/* ---------------- presets: one click from the list to the results ---------------- */
async function openPreset(name, button) {
  button.disabled = true;
  const status = document.getElementById("preset-status");
  status.textContent = `Opening ${name}…`;
  const list = await api("GET", "/api/scenarios");
  const rows = list.ok ? (list.data.scenarios || list.data.rows || list.data) : [];
  const existing = Array.isArray(rows) ? rows.find((s) => s.name === name) : null;
  if (existing) { location.href = `/scenarios/${existing.id}`; return; }
  const preset = await api("GET", `/api/presets/${encodeURIComponent(name)}`);
  if (!preset.ok) { status.textContent = errorDetail(preset).message; button.disabled = false; return; }
  const saved = await api("POST", "/api/scenarios", { scenario: preset.data.scenario, decision_rule: "qmv" });
  if (saved.ok) { location.href = `/scenarios/${saved.data.id}`; return; }
  status.textContent = errorDetail(saved).message;
  button.disabled = false;
}

function initPresets() {
  document.querySelectorAll("[data-preset]").forEach((button) => {
    button.addEventListener("click", () => openPreset(button.dataset.preset, button));
  });
}

/* ---------------- sources: search as you type ---------------- */
function initSources() {
  const input = document.getElementById("source-search");
  const rows = [...document.querySelectorAll("#sources-table tbody tr")];
  const count = document.getElementById("source-count");
  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row) => {
      const text = row.textContent.toLowerCase();
      const keep = words.every((w) => text.includes(w));
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = `${shown} of ${rows.length} sources`;
  };
  input.addEventListener("input", apply);
  if (location.hash.startsWith("#src-")) {
    const row = document.getElementById(location.hash.slice(1));
    if (row) { row.classList.add("target"); row.scrollIntoView(); }
  }
}

function initCountry() {
  const other = document.getElementById("other");
  if (other) other.addEventListener("change", () => { location.href = `/country/${other.value}${location.search}`; });
}

/* ---------------- editor ---------------- */
const NUMERIC = new Set(["base_year", "target_year", "us_commitment.reduced_fraction", "budget.target_share_gdp_pct",
  "budget.target_year", "transition.draws", "transition.seed"]);

function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
}
function setPath(obj, path, value) {
  const keys = path.split(".");
  let o = obj;
  keys.slice(0, -1).forEach((k) => { if (typeof o[k] !== "object" || o[k] === null) o[k] = {}; o = o[k]; });
  o[keys[keys.length - 1]] = value;
}
function deletePath(obj, path) {
  const keys = path.split(".");
  const parent = keys.length > 1 ? getPath(obj, keys.slice(0, -1).join(".")) : obj;
  if (parent && typeof parent === "object") delete parent[keys[keys.length - 1]];
}
function prune(obj) {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      prune(v);
      if (Object.keys(v).length === 0) delete obj[k];
    }
  }
  return obj;
}
function asNumber(text) {
  return text !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;
}

let blocNames = [];

function fillForm(body, rule) {
  document.querySelectorAll("#editor [data-key]").forEach((input) => {
    if (!("value" in input) || input.tagName === "DIV") return;
    const key = input.dataset.key;
    if (key === "decision_rule") { input.value = rule || "qmv"; return; }
    if (key.startsWith("transition.gdp_growth_pct.")) return;
    const value = getPath(body, key);
    if (key === "members" && Array.isArray(value)) input.value = value.join(", ");
    else if (key === "description" && typeof value === "string") input.value = value.replace(/\s+/g, " ").trim();
    else input.value = value === undefined || value === null ? "" : String(value);
  });
  const growth = getPath(body, "transition.gdp_growth_pct");
  const mean = document.getElementById("f-transition.gdp_growth_pct.mean");
  const std = document.getElementById("f-transition.gdp_growth_pct.std");
  if (typeof growth === "number") { mean.value = growth; std.value = ""; }
  else if (growth && growth.dist === "normal") { mean.value = growth.mean; std.value = growth.std; }
  else { mean.value = ""; std.value = ""; }
}

function readForm(original) {
  const body = JSON.parse(JSON.stringify(original || {}));
  document.querySelectorAll("#editor input[data-key], #editor select[data-key], #editor textarea[data-key]").forEach((input) => {
    const key = input.dataset.key;
    if (key === "decision_rule" || key.startsWith("transition.gdp_growth_pct.")) return;
    const text = input.value.trim();
    if (text === "") { deletePath(body, key); return; }
    let value = text;
    if (key === "members") {
      const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
      const single = parts.length === 1 && /^[A-Za-z]{3}$/.test(parts[0]) && !blocNames.includes(parts[0]);
      value = parts.length > 1 || single ? parts.map((s) => s.toUpperCase()) : text;
    } else if (NUMERIC.has(key) || key === "us_commitment.default") {
      value = asNumber(text);
    }
    setPath(body, key, value);
  });
  const mean = document.getElementById("f-transition.gdp_growth_pct.mean").value.trim();
  const std = document.getElementById("f-transition.gdp_growth_pct.std").value.trim();
  if (std !== "" && Number(std) > 0) setPath(body, "transition.gdp_growth_pct", { dist: "normal", mean: asNumber(mean || "1.2"), std: asNumber(std) });
  else if (mean !== "") setPath(body, "transition.gdp_growth_pct", asNumber(mean));
  else deletePath(body, "transition.gdp_growth_pct");
  return prune(body);
}

function clearErrors() {
  document.querySelectorAll("#editor .error").forEach((p) => { p.textContent = ""; });
  document.querySelectorAll("#editor [aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
}

function showError(detail) {
  let key = (detail.field || "").replace(/^scenario\./, "").replace(/\[\d+\]/g, "");
  const keys = [...document.querySelectorAll("#editor input[data-key], #editor select[data-key], #editor textarea[data-key]")].map((i) => i.dataset.key);
  let target = keys.find((k) => k === key) || keys.find((k) => k.startsWith(key + ".") || key.startsWith(k + "."));
  if (!target && key.startsWith("transition.gdp_growth_pct")) target = "transition.gdp_growth_pct.mean";
  const box = document.getElementById(target ? `e-${target}` : "e-general");
  box.textContent = plainMessage(detail, target);
  if (target) {
    const input = document.getElementById(`f-${target}`);
    input.setAttribute("aria-invalid", "true");
    return input;
  }
  return null;
}

/* A validation error for a person: the field's label as the form shows it, the value,
   what is wrong in words, and what is allowed. */
function plainMessage(detail, target) {
  const labelEl = target ? document.querySelector(`label[for="f-${target}"]`) : null;
  const label = labelEl ? labelEl.textContent.trim() : "This scenario";
  const item = /\[(\d+)\]/.exec(detail.field || "");
  let reason = String(detail.reason || detail.message || "is not valid").trim().replace(/\.$/, "");
  reason = reason.replace(/^Input should be /i, "must be ").replace(/^Value error, /i, "");
  const value = detail.value;
  const shown = value === null || value === undefined || value === "" ? "" :
    `“${Array.isArray(value) ? value.join(", ") : (typeof value === "object" ? JSON.stringify(value) : value)}” `;
  let text = `${label}${item ? ` (entry ${Number(item[1]) + 1})` : ""}: ${shown}${shown ? "is not accepted: " : ""}${reason}.`;
  const allowed = detail.allowed || [];
  if (allowed.length) {
    const names = allowed.slice(0, 12).map((a) => (NAMES.iso3[a] ? `${a} (${NAMES.iso3[a]})` : a));
    text += ` Allowed: ${names.join(", ")}${allowed.length > 12 ? `, and ${allowed.length - 12} more` : ""}.`;
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function errorDetail(r) {
  if (r.data && r.data.detail && !Array.isArray(r.data.detail)) return r.data.detail;
  if (r.data && Array.isArray(r.data.detail)) {
    const d = r.data.detail[0];
    return { field: d.loc.slice(1).join("."), message: `${d.loc.slice(1).join(".")}: ${d.msg}` };
  }
  return { field: null, message: `The server answered ${r.status}.` };
}

async function initEditor() {
  const data = JSON.parse(document.getElementById("scenario-data").textContent);
  let original = data.body || {};
  const meta = await api("GET", "/api/meta");
  if (meta.ok) {
    blocNames = meta.data.blocs;
    const datalist = document.getElementById("blocs");
    blocNames.forEach((b) => datalist.append(el("option", { value: b })));
    const req = document.getElementById("f-requirements.preset");
    meta.data.requirement_presets.forEach((p) => req.append(el("option", { value: p, text: p })));
    const presets = document.getElementById("preset");
    meta.data.presets.forEach((p) => presets.append(el("option", { value: p, text: p })));
  }
  fillForm(original, data.decision_rule);
  const status = document.getElementById("status");
  document.getElementById("load-preset").addEventListener("click", async () => {
    const name = document.getElementById("preset").value;
    if (!name) return;
    const r = await api("GET", `/api/presets/${encodeURIComponent(name)}`);
    if (r.ok) { original = r.data.scenario; fillForm(original, document.getElementById("f-decision_rule").value); status.textContent = `Loaded preset ${name}: change its name before saving.`; }
  });
  const form = document.getElementById("editor");
  let timer = null;
  form.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const payload = { scenario: readForm(original), decision_rule: document.getElementById("f-decision_rule").value };
      const r = await api("POST", "/api/scenarios/validate", payload);
      clearErrors();
      if (r.ok) status.textContent = `Valid: ${r.data.members.length} members.`;
      else { status.textContent = "Not valid yet."; showError(errorDetail(r)); }
    }, 250);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    clearErrors();
    const payload = { scenario: readForm(original), decision_rule: document.getElementById("f-decision_rule").value };
    const r = data.id ? await api("PUT", `/api/scenarios/${data.id}`, payload) : await api("POST", "/api/scenarios", payload);
    if (r.ok) { status.textContent = "Saved."; location.href = `/scenarios/${r.data.id}`; return; }
    status.textContent = "Not saved: see the message next to the field.";
    const input = showError(errorDetail(r));
    if (input) input.focus();
  });
}

/* ---------------- results ---------------- */
async function initResults() {
  const id = document.getElementById("results").dataset.scenario;
  loadGaps(id);
  loadVoting(id);
  document.getElementById("run-transition").addEventListener("submit", async (event) => {
    event.preventDefault();
    const params = {};
    const draws = document.getElementById("draws").value, seed = document.getElementById("seed").value;
    if (draws) params.draws = Number(draws);
    if (seed) params.seed = Number(seed);
    const r = await api("POST", "/api/jobs", { kind: "transition", scenario_id: Number(id), params });
    document.getElementById("e-draws").textContent = r.ok ? "" : errorDetail(r).message;
    pollJobs(id);
  });
  document.getElementById("run-procurement").addEventListener("submit", async (event) => {
    event.preventDefault();
    const k = document.getElementById("k_max").value;
    const r = await api("POST", "/api/jobs", { kind: "procurement", scenario_id: Number(id), params: k ? { k_max: Number(k) } : {} });
    document.getElementById("e-procurement").textContent = r.ok ? "" : errorDetail(r).message;
    pollJobs(id);
  });
  pollJobs(id);
}

async function loadGaps(id) {
  const r = await api("GET", `/api/scenarios/${id}/gaps`);
  if (!r.ok) { document.getElementById("gaps-table").textContent = errorDetail(r).message; return; }
  renderTable(document.getElementById("gaps-table"),
    [{ key: "category", label: "Category" }, { key: "unit", label: "Unit" }, { key: "requirement", label: "Requirement" },
     { key: "european_available", label: "European available" }, { key: "us_available", label: "US remaining" },
     { key: "gap", label: "Gap" }, { key: "data_status", label: "Data" },
     { key: "coverage", label: "Data coverage" }],
    r.data.rows, `Capability gaps (cost bound ${r.data.bound}, key ${r.data.key}); data coverage: members with a cited figure and their share of the bloc's spending, "insufficient data" below 80 %`);
  sourceLinks(document.getElementById("gaps-sources"), r.data.sources);
  const c = await api("GET", `/api/scenarios/${id}/gaps?table=costs`);
  if (c.ok) {
    const money = (c.data.rows[0] || {}).money_unit || "";
    renderTable(document.getElementById("costs-table"),
      [{ key: "category", label: "Category" }, { key: "units_to_buy", label: "Units to buy" },
       { key: "total_low", label: `Total, low (${money})` }, { key: "total_central", label: `Total, central (${money})` },
       { key: "total_high", label: `Total, high (${money})` }, { key: "cost_status", label: "Cost data" },
       { key: "coverage", label: "Data coverage" }],
      c.data.rows.filter((r) => r.units_to_buy), "Cost to close each gap: acquisition and operating cost over the horizon");
  }
  const t = await api("GET", `/api/scenarios/${id}/gaps?table=totals`);
  if (t.ok && t.data.rows.length) {
    const row = t.data.rows[0];
    document.getElementById("totals").replaceChildren(el("p", {},
      el("strong", { text: `Cost to close the gaps: ${fmt(row.total)} ${row.money}` }),
      ` (about ${fmt(row.annual)} ${row.money} a year; categories costed: ${row.categories}).`));
  }
}

async function loadVoting(id) {
  const r = await api("GET", `/api/scenarios/${id}/voting`);
  const box = document.getElementById("voting-table");
  if (!r.ok) { box.textContent = errorDetail(r).message; return; }
  renderTable(box, [{ key: "iso3", label: "Member" }, { key: "banzhaf_normalized", label: "Banzhaf (normalised)" },
    { key: "shapley_shubik", label: "Shapley–Shubik" }, { key: "population", label: "Population" }, { key: "in_scenario", label: "In scenario" }],
    r.data.rows, `Exact voting power under ${r.data.rule} (QMV population ${r.data.year})`);
  document.getElementById("voting-sources").textContent = "Sources: " + r.data.sources.join(", ");
}

let pollTimer = null;
const shownJobs = {};

async function pollJobs(id) {
  clearTimeout(pollTimer);
  const r = await api("GET", `/api/jobs?scenario_id=${id}`);
  if (!r.ok) return;
  const box = document.getElementById("jobs");
  box.replaceChildren();
  if (!r.data.length) box.append(el("p", { text: "No runs yet." }));
  const list = el("ul", { class: "jobs" });
  for (const job of r.data) {
    const active = job.status === "queued" || job.status === "running";
    const pct = Math.round(job.progress * 100);
    const item = el("li", { "data-job": job.id, "data-status": job.status },
      el("strong", { text: `#${job.id} ${job.kind}` }), " ",
      el("span", { class: `status ${job.status}`, text: job.status }), " ",
      el("progress", { max: "100", value: String(pct), "aria-label": `Job ${job.id} progress` }, `${pct} %`),
      ` ${pct} % · ${job.message} `);
    if (active) item.append(el("button", { type: "button", onclick: async () => { await api("POST", `/api/jobs/${job.id}/cancel`); pollJobs(id); } , text: "Cancel" }));
    else item.append(el("button", { type: "button", onclick: async () => { await api("POST", `/api/jobs/${job.id}/restart`); pollJobs(id); }, text: "Run again" }));
    if (job.status === "done") item.append(" ", el("button", { type: "button", onclick: () => showJob(job), text: "Show results" }));
    list.append(item);
  }
  box.append(list);
  for (const kind of ["transition", "procurement"]) {
    const latest = r.data.find((j) => j.kind === kind && j.status === "done");
    if (latest && shownJobs[kind] !== latest.id) showJob(latest);
  }
  if (r.data.some((j) => j.status === "queued" || j.status === "running")) pollTimer = setTimeout(() => pollJobs(id), 700);
}

function csvLinks(container, job, names) {
  container.replaceChildren("Download CSV: ");
  names.forEach((n, i) => {
    container.append(el("a", { class: "download", href: `/api/jobs/${job.id}/results/${n}?format=csv`, download: true, text: n }));
    if (i < names.length - 1) container.append(" · ");
  });
}

async function showJob(job) {
  shownJobs[job.kind] = job.id;
  if (job.kind === "transition") {
    const section = document.getElementById("transition-results");
    section.hidden = false;
    const cats = await api("GET", `/api/jobs/${job.id}/results/categories`);
    const select = document.getElementById("fan-category");
    select.replaceChildren();
    cats.data.rows.filter((r) => r.category !== "all").forEach((r) => select.append(el("option", { value: r.category, text: r.category })));
    const update = () => {
      const img = document.getElementById("fan-img");
      img.src = `/api/jobs/${job.id}/charts/fan.svg?category=${encodeURIComponent(select.value)}`;
      img.alt = `Fan chart of the coverage of the ${select.value} requirement: median and P10 to P90 band, by year.`;
      document.getElementById("fan-caption").textContent = `Job #${job.id}: ${job.meta.draws} draws, seed ${job.meta.seed}; coverage in % of the requirement.`;
    };
    select.onchange = update;
    update();
    document.getElementById("gap-img").src = `/api/jobs/${job.id}/charts/gap_probability.svg`;
    renderTable(document.getElementById("transition-table"),
      ["category", "worst_shortfall_year", "worst_shortfall_pct", "worst_shortfall_units", "worst_shortfall_pct_p10", "europe_alone", "prob_europe_alone_end_pct"],
      cats.data.rows, "When can Europe stand alone? Worst shortfall (year, % of requirement at P50, units, P10 bad case) and the first year European forces alone reach the threshold with probability of at least 0.9 (read off the fan)");
    csvLinks(document.getElementById("transition-links"), job, job.results);
  } else {
    const section = document.getElementById("procurement-results");
    section.hidden = false;
    const r = await api("GET", `/api/jobs/${job.id}/results/programmes`);
    renderTable(document.getElementById("procurement-table"),
      ["category", "candidate_id", "platform", "producer_iso3", "units", "cost"], r.data.rows,
      `Joint programmes (${job.meta.money})`, 40);
    csvLinks(document.getElementById("procurement-links"), job, job.results);
  }
}

/* ---------------- compare ---------------- */
async function initCompare() {
  const box = document.getElementById("compare-table");
  if (!box) return;
  const ids = box.dataset.ids.split(",");
  const r = await api("GET", "/api/compare?" + ids.map((i) => `ids=${i}`).join("&"));
  if (!r.ok) { box.textContent = errorDetail(r).message; return; }
  const rows = r.data.columns.filter((c) => c !== "scenario").map((c) => {
    const row = { measure: c };
    r.data.rows.forEach((s) => { row[s.scenario] = s[c]; });
    return row;
  });
  renderTable(box, [{ key: "measure", label: "Measure" }, ...r.data.rows.map((s) => ({ key: s.scenario, label: s.scenario }))],
    rows, "Scenarios side by side (gap_*: units missing per category)");
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  const init = { dashboard: initDashboard, scenarios: () => { initPresets(); initScenarios(); }, editor: initEditor, results: initResults, compare: initCompare, sources: initSources, country: initCountry }[page];
  /* every handler attached (an init may wait for /api/meta first): tests wait for this */
  Promise.resolve(init ? init() : null).finally(() => { document.body.dataset.ready = "true"; });
});
