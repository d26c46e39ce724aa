/* europillar charts: draw every <figure class="chart"> with Observable Plot (vendored, no
   network), with hover values, and hand out its data (CSV) and image (SVG) from the page.
   The static SVG stays in the page for print, the PDF and readers without scripts. */
(function () {
  "use strict";
  var FLAG_COLOUR = "#CC79A7";
  var ONE_COLOUR = "#0072B2";

  function namer(spec, column) {
    var names = (spec.names || {})[column] || {};
    return function (value) { return Object.prototype.hasOwnProperty.call(names, value) ? names[value] : String(value); };
  }

  function number(value, decimals) {
    if (value === null || value === undefined || Number.isNaN(value)) return "no figure";
    if (typeof value !== "number") return String(value);
    var digits = Math.abs(value) >= 1000 ? Math.min(decimals, 1) : decimals;
    return value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function tipText(spec) {
    var xName = namer(spec, spec.x), sName = namer(spec, spec.series), fName = namer(spec, spec.facet);
    return function (d) {
      var parts = [];
      var bars = spec.kind === "bar" || spec.kind === "barh";
      if (spec.facet) parts.push(fName(d[spec.facet]));
      if (bars) parts.push(xName(d[spec.x]));  /* a bar reads "Estonia · NATO: 3.43 %" */
      if (spec.series && spec.kind !== "heat") parts.push(sName(d[spec.series]));
      var where = spec.kind === "heat" ? sName(d[spec.series]) + " · " + xName(d[spec.x]) : bars ? parts.pop() : xName(d[spec.x]);
      var value = number(d[spec.y], spec.decimals) + (spec.unit ? " " + spec.unit : "");
      if (spec.low && spec.high) {
        value += " (" + spec.low + " " + number(d[spec.low], spec.decimals) + ", " + spec.high + " " + number(d[spec.high], spec.decimals) + ")";
      }
      if (spec.flag && d[spec.flag]) value += " — " + spec.flag_label;
      return parts.concat([String(where) + ": " + value]).join(" · ");
    };
  }

  function colour(spec) {
    var domain = Object.keys(spec.colours);
    if (!domain.length) return undefined;
    return { domain: domain, range: domain.map(function (k) { return spec.colours[k]; }), legend: domain.length > 1, tickFormat: namer(spec, spec.series) };
  }

  function paint(spec) {
    /* the fill or stroke of a mark: by series, or the one colour when there is none */
    return spec.series || ONE_COLOUR;
  }

  function order(rows, key) {
    var seen = [];
    rows.forEach(function (r) { if (seen.indexOf(r[key]) < 0) seen.push(r[key]); });
    return seen;
  }

  function rules(spec, horizontal) {
    return spec.rules.map(function (r) {
      return horizontal
        ? Plot.ruleX([r.value], { stroke: "#444", strokeDasharray: "4,3" })
        : Plot.ruleY([r.value], { stroke: "#444", strokeDasharray: "4,3" });
    });
  }

  function labelWidth(rows, key, name) {
    var longest = 0;
    rows.forEach(function (r) { longest = Math.max(longest, String(name ? name(r[key]) : r[key]).length); });
    return Math.min(280, 14 + 6.6 * longest);
  }

  function valueWidth(spec, rows) {
    /* room for the value axis' tick labels, e.g. "1,200,000" */
    var top = 0;
    rows.forEach(function (r) { [spec.y, spec.high].forEach(function (k) { if (k && typeof r[k] === "number") top = Math.max(top, Math.abs(r[k])); }); });
    var digits = String(Math.round(top)).length;
    return Math.max(44, 14 + 7 * (digits + Math.floor((digits - 1) / 3) + (top < 10 ? 3 : 0)));
  }

  function sparse(values, most) {
    /* at most `most` tick labels on a long ordinal axis (a grid of many cells) */
    var step = Math.max(1, Math.ceil(values.length / most));
    return values.filter(function (_, i) { return i % step === 0; });
  }

  function marks(spec, rows) {
    var tip = tipText(spec);
    var m = [];
    var s = paint(spec);
    if (spec.kind === "line") {
      m.push(Plot.lineY(rows, { x: spec.x, y: spec.y, stroke: s }));
      m.push(Plot.dot(rows, { x: spec.x, y: spec.y, fill: s, r: 2.5 }));
      if (spec.flag) m.push(Plot.dot(rows.filter(function (d) { return d[spec.flag] && d[spec.y] !== null; }), { x: spec.x, y: spec.y, symbol: "times", stroke: FLAG_COLOUR, r: 5 }));
      m.push(Plot.tip(rows, Plot.pointer({ x: spec.x, y: spec.y, title: tip })));
    } else if (spec.kind === "band") {
      m.push(Plot.areaY(rows, { x: spec.x, y1: spec.low, y2: spec.high, fill: s, fillOpacity: 0.22 }));
      m.push(Plot.lineY(rows, { x: spec.x, y: spec.y, stroke: s }));
      m.push(Plot.tip(rows, Plot.pointerX({ x: spec.x, y: spec.y, title: tip })));
    } else if (spec.kind === "bar" || spec.kind === "barh") {
      var horizontal = spec.kind === "barh";
      var grouped = spec.series && !spec.stacked;
      var options = horizontal
        ? (grouped ? { fy: spec.x, y: s, x: spec.y, fill: s } : { y: spec.x, x: spec.y, fill: s })
        : (grouped ? { fx: spec.x, x: s, y: spec.y, fill: s } : { x: spec.x, y: spec.y, fill: s });
      options.title = tip;
      options.tip = true;
      m.push(horizontal ? Plot.barX(rows, options) : Plot.barY(rows, options));
    } else if (spec.kind === "heat") {
      m.push(Plot.cell(rows, { x: spec.x, y: spec.series, fill: spec.y, title: tip, tip: true, inset: 0.5 }));
    }
    return m.concat(rules(spec, spec.kind === "barh"));
  }

  function plotOptions(spec, rows, width) {
    var horizontal = spec.kind === "barh";
    var grouped = spec.series && !spec.stacked && (spec.kind === "bar" || horizontal);
    var categories = order(rows, spec.x);
    var xName = namer(spec, spec.x);
    var o = {
      width: width,
      className: "ep-plot",
      style: { fontSize: "12px", overflow: "visible" },
      marginBottom: 44,
      color: spec.kind === "heat" ? { scheme: "viridis", legend: true, label: spec.y_label } : colour(spec),
      marks: marks(spec, rows)
    };
    if (horizontal) {
      o.marginLeft = labelWidth(rows, spec.x, xName);
      o.marginRight = 24;
      o.x = { label: spec.y_label, grid: true, nice: true };
      if (grouped) { o.fy = { domain: categories, label: null, tickFormat: xName }; o.y = { axis: null, domain: order(rows, spec.series) }; }
      else o.y = { domain: categories, label: spec.x_label || null, tickFormat: xName };
      o.height = Math.max(160, 26 * categories.length * (grouped ? Math.max(1, order(rows, spec.series).length * 0.6) : 1) + 60);
    } else if (spec.kind === "bar") {
      o.marginLeft = valueWidth(spec, rows);
      o.y = { label: spec.y_label, grid: true, nice: true };
      if (grouped) { o.fx = { domain: categories, label: spec.x_label || null, tickRotate: categories.length > 8 ? -45 : 0, tickFormat: xName }; o.x = { axis: null, domain: order(rows, spec.series) }; }
      else o.x = { domain: categories, label: spec.x_label || null, tickRotate: categories.length > 8 ? -45 : 0, tickFormat: xName };
      if (categories.length > 8) o.marginBottom = 90;
      o.height = 340;
    } else if (spec.kind === "heat") {
      var rowsOrder = order(rows, spec.series), colsOrder = order(rows, spec.x);
      o.marginLeft = labelWidth(rows, spec.series, namer(spec, spec.series));
      o.x = { label: spec.x_label || null, domain: colsOrder, ticks: sparse(colsOrder, 8), tickFormat: namer(spec, spec.x) };
      o.y = { label: null, domain: rowsOrder, ticks: sparse(rowsOrder, 14), tickFormat: namer(spec, spec.series) };
      o.height = Math.max(160, 24 * order(rows, spec.series).length + 70);
    } else {
      o.marginLeft = valueWidth(spec, rows);
      o.marginRight = 24;
      o.x = { label: spec.x_label || null, tickFormat: "d" };
      o.y = { label: spec.y_label, grid: true, nice: true, zero: spec.kind !== "band" || undefined };
      o.height = 320;
    }
    return o;
  }

  function stripStyles(node) {
    /* Plot adds <style> elements; a strict CSP refuses inline styles, and charts.css
       carries the same rules for the class name set above. */
    node.querySelectorAll("style").forEach(function (s) { s.remove(); });
    if (node.tagName && node.tagName.toLowerCase() === "style") return null;
    return node;
  }

  function draw(figure) {
    var spec = JSON.parse(figure.querySelector("script.chart-spec").textContent);
    var live = figure.querySelector(".chart-live");
    var width = Math.max(320, Math.min(900, live.clientWidth || figure.clientWidth || 640));
    live.replaceChildren();
    if (spec.facet) {
      var grid = document.createElement("div");
      grid.className = "chart-facets";
      order(spec.rows, spec.facet).forEach(function (panel) {
        var rows = spec.rows.filter(function (r) { return r[spec.facet] === panel; });
        var cell = document.createElement("div");
        var title = document.createElement("p");
        title.className = "chart-facet-title";
        title.textContent = namer(spec, spec.facet)(panel);
        var o = plotOptions(spec, rows, Math.max(220, Math.floor(width / 3) - 12));
        o.height = 200;
        o.color = Object.assign({}, o.color || {}, { legend: false });
        cell.append(title, stripStyles(Plot.plot(o)));
        grid.append(cell);
      });
      live.append(grid);
    } else {
      live.append(stripStyles(Plot.plot(plotOptions(spec, spec.rows, width))));
    }
    if (spec.rules.length || (spec.flag && spec.rows.some(function (r) { return r[spec.flag]; }))) {
      var key = document.createElement("p");
      key.className = "chart-key";
      var items = spec.rules.map(function (r) { return "╌ " + r.label; });
      if (spec.flag && spec.rows.some(function (r) { return r[spec.flag]; })) items.push("× " + spec.flag_label);
      key.textContent = items.join("   ");
      live.append(key);
    }
    figure.classList.add("is-live");
  }

  function save(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function wireDownloads(figure) {
    figure.querySelectorAll("a[data-download]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        if (link.dataset.download === "csv") {
          var csv = JSON.parse(figure.querySelector("script.chart-csv").textContent);
          save(link.getAttribute("download"), "text/csv;charset=utf-8", "\ufeff" + csv);
        } else {
          var svg = figure.querySelector(".chart-static svg");
          var text = new XMLSerializer().serializeToString(svg);
          save(link.getAttribute("download"), "image/svg+xml", '<?xml version="1.0" encoding="utf-8"?>\n' + text);
        }
      });
    });
  }

  function init() {
    var figures = document.querySelectorAll("figure.chart");
    figures.forEach(function (figure) {
      wireDownloads(figure);
      try {
        if (window.Plot) draw(figure);
      } catch (error) {
        /* the static SVG stays visible; say why the interactive view is absent */
        figure.classList.remove("is-live");
        figure.dataset.error = String(error);
      }
    });
  }

  window.europillarCharts = { init: init, draw: draw };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
