/* Lianes Dash deck: timer, keys, pause, remembered position.
   NOTE: every figure is drawn ONCE at load; moving between slides only toggles a class,
   so a deck left running for hours allocates nothing per slide (no leak, no flicker). */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("deck-config").textContent);
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var n = slides.length;
  var body = document.body;
  var bar = document.querySelector(".progress .bar");
  var position = document.querySelector(".controls .position");
  var pauseButton = document.querySelector('.controls [data-act="pause"]');
  var storeKey = "lianes-deck:" + (cfg.key || "");
  var current = 0;
  var paused = false;
  var timer = null;
  var idleTimer = null;
  var shown = 0; // transitions so far (tests check that a long run really ran)
  var intervalMs = Math.max(200, cfg.interval * 1000);

  function clamp(k) { return ((k % n) + n) % n; }

  function parentWindow() {
    try { if (window.parent !== window && window.parent.location.href) { return window.parent; } } catch (e) { /* cross-origin */ }
    return null;
  }

  function readStart() {
    var m = /diapo=(\d+)/.exec(window.location.hash || "");
    if (m) { return clamp(parseInt(m[1], 10) - 1); }
    // The slide asked by the address: the Streamlit page's (in its frame), or the kiosk document's own.
    var p = parentWindow();
    var q = new URLSearchParams((p || window).location.search).get("diapo");
    if (q && /^\d+$/.test(q)) { return clamp(parseInt(q, 10) - 1); }
    if (cfg.start) { return clamp(cfg.start - 1); }
    try {
      var saved = window.localStorage.getItem(storeKey);
      if (saved !== null && /^\d+$/.test(saved)) { return clamp(parseInt(saved, 10)); }
    } catch (e) { /* storage disabled */ }
    return 0;
  }

  function persist() {
    try { window.localStorage.setItem(storeKey, String(current)); } catch (e) { /* storage disabled */ }
    var p = parentWindow();
    try {
      // Served by the app (the kiosk document), the address keeps the slide as the page's did: ?diapo=.
      var w = p || (/^https?:$/.test(window.location.protocol) ? window : null);
      if (w) {
        var u = new URL(w.location.href);
        u.searchParams.set("diapo", String(current + 1));
        w.history.replaceState(w.history.state, "", u.toString());
      } else {
        window.history.replaceState(null, "", "#diapo=" + (current + 1));
      }
    } catch (e) { /* file:// or sandbox: localStorage is enough */ }
  }

  function restartBar() {
    bar.classList.remove("run");
    if (paused || n < 2) { bar.style.transform = "scaleX(0)"; return; }
    bar.style.transform = "";
    void bar.offsetWidth; // NOTE: restarts the CSS animation without creating an element
    bar.style.animationDuration = intervalMs + "ms";
    bar.classList.add("run");
  }

  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (!paused && n > 1) { timer = setTimeout(function () { show(current + 1); }, intervalMs); }
    restartBar();
  }

  function show(k) {
    k = clamp(k);
    shown += 1;
    if (slides[current]) {
      slides[current].classList.remove("active");
      slides[current].setAttribute("aria-hidden", "true");
    }
    current = k;
    slides[current].classList.add("active");
    slides[current].setAttribute("aria-hidden", "false");
    position.textContent = (current + 1) + " / " + n;
    body.setAttribute("data-slide", String(current + 1));
    persist();
    schedule();
  }

  function setPaused(value) {
    paused = value;
    body.classList.toggle("paused", paused);
    body.setAttribute("data-paused", paused ? "1" : "0");
    var labels = cfg.labels || {};
    pauseButton.setAttribute("aria-label", paused ? (labels.resume || "Reprendre") : (labels.pause || "Pause"));
    schedule();
  }

  function toggleFullscreen() {
    var doc = document;
    try {
      if (doc.fullscreenElement) { doc.exitFullscreen(); } else { doc.documentElement.requestFullscreen(); }
    } catch (e) { /* not allowed here: F11 works everywhere */ }
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.altKey || ev.metaKey) { return; }
    var k = ev.key;
    if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown") { show(current + 1); }
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp") { show(current - 1); }
    else if (k === " " || k === "Spacebar" || k === "p" || k === "P") { setPaused(!paused); }
    else if (k === "Home") { show(0); }
    else if (k === "End") { show(n - 1); }
    else if (k === "f" || k === "F") { toggleFullscreen(); }
    else if (k === "b" || k === "B" || k === ".") { body.classList.toggle("black"); }
    else { return; }
    ev.preventDefault();
    ev.stopPropagation();
  }

  function wakeControls() {
    body.classList.add("show-controls");
    body.classList.remove("idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () { body.classList.remove("show-controls"); body.classList.add("idle"); }, 2500);
  }

  document.querySelector(".controls").addEventListener("click", function (ev) {
    var act = ev.target && ev.target.getAttribute && ev.target.getAttribute("data-act");
    if (act === "prev") { show(current - 1); }
    else if (act === "next") { show(current + 1); }
    else if (act === "pause") { setPaused(!paused); }
    else if (act === "full") { toggleFullscreen(); }
  });
  window.addEventListener("keydown", onKey, true);
  document.addEventListener("mousemove", wakeControls, { passive: true });
  // Inside the Streamlit page the keys (a clicker's PageDown) reach the parent document.
  var p = parentWindow();
  if (p) { try { p.document.addEventListener("keydown", onKey, true); } catch (e) { /* cross-origin */ } }
  if (!cfg.exit) { var ex = document.querySelector(".controls .exit"); if (ex) { ex.remove(); } }

  // Figures: fonts follow the window (plotly sizes are pixels); drawn once, resized on demand.
  function scale() { return Math.max(0.55, Math.min(window.innerWidth / 1920, window.innerHeight / 1080)); }
  var BASE_FONT = 28;
  function fontLayout(layout, s) {
    var size = Math.round(BASE_FONT * s);
    layout.font = Object.assign({}, layout.font || {}, { size: size });
    layout.margin = { l: Math.round(8 * s), r: Math.round(70 * s), t: Math.round(8 * s), b: Math.round(8 * s) };
    if (layout.legend) { layout.legend = Object.assign({}, layout.legend, { font: { size: size } }); }
    return layout;
  }
  function fontTraces(data, s) {
    data.forEach(function (t) {
      if (t.type === "bar") { t.textfont = { size: Math.round(BASE_FONT * 1.05 * s) }; }
      if (t.colorbar) {
        t.colorbar.thickness = Math.round(24 * s);
        t.colorbar.len = 0.8;
        t.colorbar.title = Object.assign({}, t.colorbar.title || {}, { font: { size: Math.round(BASE_FONT * 0.85 * s) } });
      }
    });
    return data;
  }
  // A map's legend keeps a band of its own above the map (figures.legend_band): here fonts grow with the
  // window, so the band is measured once drawn, and the map's domain ends under the legend.
  function legendBand(el) {
    var lay = el.layout || {};
    var leg = lay.legend || {};
    if (!lay.geo || leg.orientation !== "v" || leg.y !== 1 || lay.showlegend === false) { return; }
    var box = el.querySelector(".legend");
    var size = el._fullLayout && el._fullLayout._size;
    if (!box || !size || !size.h) { return; }
    var top = Math.max(0.4, 1 - (box.getBoundingClientRect().height + 6) / size.h);
    window.Plotly.relayout(el, { "geo.domain.y": [0, top] });
  }
  var plots = [];
  function drawFigures() {
    if (!window.Plotly || plots.length) { return; }
    var s0 = scale();
    Object.keys(cfg.figures).forEach(function (i) {
      var el = document.querySelector('[data-figure="' + i + '"]');
      if (!el) { return; }
      var f = cfg.figures[i];
      var plotConfig = { staticPlot: true, responsive: true, displayModeBar: false, locale: "fr" };
      // The kiosk document: the basemaps from the app's own files (the standalone deck carries them).
      if (cfg.topojsonURL) { plotConfig.topojsonURL = cfg.topojsonURL; }
      window.Plotly.newPlot(el, fontTraces(f.data, s0), fontLayout(f.layout, s0), plotConfig).then(function () { legendBand(el); });
      plots.push(el);
    });
    var resizeTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        var s = scale();
        plots.forEach(function (el) {
          window.Plotly.relayout(el, fontLayout({ font: el.layout.font, legend: el.layout.legend }, s)).then(function () {
            legendBand(el);
          });
        });
      }, 250);
    });
  }
  var start = readStart();
  body.setAttribute("data-start", String(start + 1));
  show(start);
  window.lianesDeck = { show: show, setPaused: setPaused, current: function () { return current; }, shown: function () { return shown; }, count: n };
  // NOTE: the first slide is painted first; the figures are drawn after it, once plotly.js is
  // there (loaded without blocking the page when it is a file of its own, #deck-plotly): the
  // kiosk's first slide no longer waits for the 4.7 MB library. data-ready: everything drawn.
  function ready() {
    drawFigures();
    body.setAttribute("data-ready", "1");
  }
  function afterPaint() {
    requestAnimationFrame(function () { setTimeout(ready, 0); });
  }
  var lib = document.getElementById("deck-plotly");
  if (window.Plotly || !lib) {
    afterPaint();
  } else {
    lib.addEventListener("load", afterPaint);
    lib.addEventListener("error", ready);
  }
})();
