/* One plotly figure drawn in a Streamlit component frame with the partial plotly.js bundle
   (lianes_dash/ui/plotly_frame.py). Speaks Streamlit's component protocol by hand: no library,
   no inline script (the site's Content-Security-Policy allows this site's files only). */
"use strict";
(function () {
  // Streamlit's light theme for plotly as its own chart draws it (streamlit 1.67, the app's
  // .streamlit/config.toml): the placeholder colours of its Python template, and its layout.
  var PLACEHOLDERS = {
    "#000001": "#0068c9", "#000002": "#83c9ff", "#000003": "#ff2b2b", "#000004": "#ffabab",
    "#000005": "#29b09d", "#000006": "#7defa1", "#000007": "#ff8700", "#000008": "#ffd16a",
    "#000009": "#6d3fc0", "#000010": "#d5dae5", "#000011": "#e4f5ff", "#000012": "#c7ebff",
    "#000013": "#a6dcff", "#000014": "#83c9ff", "#000015": "#60b4ff", "#000016": "#3d9df3",
    "#000017": "#1c83e1", "#000018": "#0068c9", "#000019": "#0054a3", "#000020": "#004280",
    "#000021": "#7d353b", "#000022": "#bd4043", "#000023": "#ff4b4b", "#000024": "#ff8c8c",
    "#000025": "#ffc7c7", "#000026": "#a6dcff", "#000027": "#60b4ff", "#000028": "#1c83e1",
    "#000029": "#0054a3", "#000030": "#004280", "#000032": "#29b09d", "#000033": "#ff2b2b",
    "#000034": "#0068c9", "#000035": "#e6eaf1", "#000036": "#808495", "#000037": "#262730",
    "#000038": "#FFFFFF", "#000039": "rgba(47, 45, 43, 0.1)", "#000040": "rgba(252, 252, 251, 1)"
  };
  var THEME_LAYOUT = {"coloraxis":{"colorscale":[[0,"#e4f5ff"],[0.1111111111111111,"#c7ebff"],[0.2222222222222222,"#a6dcff"],[0.3333333333333333,"#83c9ff"],[0.4444444444444444,"#60b4ff"],[0.5555555555555556,"#3d9df3"],[0.6666666666666666,"#1c83e1"],[0.7777777777777778,"#0068c9"],[0.8888888888888888,"#0054a3"],[1,"#004280"]],"colorbar":{"thickness":16,"xpad":24,"ticklabelposition":"outside","outlinecolor":"transparent","outlinewidth":8,"len":0.75,"y":0.5745,"title":{"font":{"color":"#808495","size":14}},"tickfont":{"color":"#808495","size":12}}},"colorscale":{"diverging":[[0,"#7d353b"],[0.1111111111111111,"#bd4043"],[0.2222222222222222,"#ff4b4b"],[0.3333333333333333,"#ff8c8c"],[0.4444444444444444,"#ffc7c7"],[0.5555555555555556,"#a6dcff"],[0.6666666666666666,"#60b4ff"],[0.7777777777777778,"#1c83e1"],[0.8888888888888888,"#0054a3"],[1,"#004280"]],"sequential":[[0,"#e4f5ff"],[0.1111111111111111,"#c7ebff"],[0.2222222222222222,"#a6dcff"],[0.3333333333333333,"#83c9ff"],[0.4444444444444444,"#60b4ff"],[0.5555555555555556,"#3d9df3"],[0.6666666666666666,"#1c83e1"],[0.7777777777777778,"#0068c9"],[0.8888888888888888,"#0054a3"],[1,"#004280"]],"sequentialminus":[[0,"#e4f5ff"],[0.1111111111111111,"#c7ebff"],[0.2222222222222222,"#a6dcff"],[0.3333333333333333,"#83c9ff"],[0.4444444444444444,"#60b4ff"],[0.5555555555555556,"#3d9df3"],[0.6666666666666666,"#1c83e1"],[0.7777777777777778,"#0068c9"],[0.8888888888888888,"#0054a3"],[1,"#004280"]]},"colorway":["#0068c9","#83c9ff","#ff2b2b","#ffabab","#29b09d","#7defa1","#ff8700","#ffd16a","#6d3fc0","#d5dae5"],"font":{"color":"#808495","family":"\"Source Sans\", sans-serif","size":12,"weight":400},"title":{"color":"#2F2D2B","subtitleColor":"#2F2D2B","font":{"family":"\"Source Sans\", sans-serif","size":16,"color":"#2F2D2B"},"pad":{"l":4},"xanchor":"left","x":0},"legend":{"title":{"font":{"size":12,"color":"#808495"},"side":"top"},"valign":"top","bordercolor":"transparent","borderwidth":0,"font":{"size":12,"color":"#262730"}},"paper_bgcolor":"#FFFFFF","plot_bgcolor":"#FFFFFF","yaxis":{"ticklabelposition":"outside","zerolinecolor":"#e6eaf1","title":{"font":{"color":"#808495","size":14},"standoff":24},"tickcolor":"#e6eaf1","tickfont":{"color":"#808495","size":12},"gridcolor":"#e6eaf1","minor":{"gridcolor":"#e6eaf1"},"automargin":true},"xaxis":{"zerolinecolor":"#e6eaf1","gridcolor":"#e6eaf1","showgrid":false,"tickfont":{"color":"#808495","size":12},"tickcolor":"#e6eaf1","title":{"font":{"color":"#808495","size":14},"standoff":20},"minor":{"gridcolor":"#e6eaf1"},"zeroline":false,"automargin":true,"rangeselector":{"bgcolor":"#FFFFFF","bordercolor":"#e6eaf1","borderwidth":1,"x":0}},"margin":{"pad":8,"r":0,"l":0},"hoverlabel":{"bgcolor":"#FFFFFF","bordercolor":"rgba(47, 45, 43, 0.2)","font":{"color":"#808495","family":"\"Source Sans\", sans-serif","size":12}},"ternary":{"gridcolor":"#808495","bgcolor":"#FFFFFF","title":{"font":{"family":"\"Source Sans\", sans-serif","size":14}},"color":"#808495","aaxis":{"gridcolor":"#808495","linecolor":"#808495","tickfont":{"family":"\"Source Sans\", sans-serif","size":12}},"baxis":{"linecolor":"#808495","gridcolor":"#808495","tickfont":{"family":"\"Source Sans\", sans-serif","size":12}},"caxis":{"linecolor":"#808495","gridcolor":"#808495","tickfont":{"family":"\"Source Sans\", sans-serif","size":12}}}};
  var DEFAULT_HEIGHT = 450;
  var EMPTY = { selection: { points: [], point_indices: [], box: [], lasso: [] } };

  // The app's root: this frame lives at <root>component/<name>/index.html.
  var href = window.location.href;
  var ROOT = href.slice(0, href.indexOf("/component/") + 1);
  var chart = document.getElementById("chart");
  var plotly = null;   // Promise of the bundle loaded
  var drawn = false;
  var select = false;
  var lastValue = JSON.stringify(EMPTY);
  var height = 0;

  function send(type, extra) {
    var message = { isStreamlitMessage: true, type: type };
    for (var k in extra) message[k] = extra[k];
    window.parent.postMessage(message, "*");
  }

  function absolute(url) { return new URL(url, ROOT).href; }

  function loadOnce(bundle, font) {
    if (plotly) return plotly;
    var waits = [new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = absolute(bundle);
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    })];
    if (font && window.FontFace) {
      // Streamlit's own font file (titles are drawn in it), from this site; a failure is not fatal.
      var face = new FontFace("Source Sans", "url(" + absolute(font) + ")", { weight: "200 900" });
      document.fonts.add(face);
      waits.push(face.load().catch(function () {}));
    }
    plotly = Promise.all(waits);
    return plotly;
  }

  function themed(spec) {
    var fig = JSON.parse(spec.replace(/#0000[0-4][0-9]/g, function (c) { return PLACEHOLDERS[c] || c; }));
    var layout = fig.layout || {};
    layout.template = layout.template || {};
    layout.template.layout = JSON.parse(JSON.stringify(THEME_LAYOUT));  // plotly.js may write into it
    if (layout.title !== undefined && layout.title !== null) {
      var title = typeof layout.title === "string" ? { text: layout.title } : layout.title;
      if (typeof title.text === "string" && title.text) title.text = "<b>" + title.text + "</b>";
      layout.title = title;
    }
    (fig.data || []).forEach(function (trace) {
      if (typeof trace.geojson === "string") trace.geojson = absolute(trace.geojson);
    });
    fig.layout = layout;
    return fig;
  }

  function point(p) {
    var out = {
      curve_number: p.curveNumber, point_number: p.pointNumber, point_index: p.pointIndex,
      location: p.location, customdata: p.customdata, lat: p.lat, lon: p.lon,
      x: p.x, y: p.y, legendgroup: p.data && p.data.legendgroup
    };
    Object.keys(out).forEach(function (k) { if (out[k] === undefined || out[k] === null) delete out[k]; });
    return out;
  }

  function setValue(value) {
    var text = JSON.stringify(value);
    if (text === lastValue) return;
    lastValue = text;
    send("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  function listen(gd) {
    gd.on("plotly_selected", function (event) {
      if (!select || !event || !event.points) return;
      var points = event.points.map(point);
      var indices = points.map(function (p) { return p.point_index; }).filter(function (i) { return i !== undefined; });
      setValue({ selection: { points: points, point_indices: indices, box: [], lasso: [] } });
    });
    gd.on("plotly_deselect", function () { if (select) setValue(EMPTY); });
    gd.on("plotly_doubleclick", function () { if (select) setValue(EMPTY); });
  }

  // Streamlit's own « Fullscreen » button of its plotly toolbar (same icons), the frame's document shown full screen.
  var EXPAND = "M32 32C14.3 32 0 46.3 0 64v96c0 17.7 14.3 32 32 32s32-14.3 32-32V96h64c17.7 0 32-14.3 32-32s-14.3-32-32-32H32zM64 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v96c0 17.7 14.3 32 32 32h96c17.7 0 32-14.3 32-32s-14.3-32-32-32H64V352zM320 32c-17.7 0-32 14.3-32 32s14.3 32 32 32h64v64c0 17.7 14.3 32 32 32s32-14.3 32-32V64c0-17.7-14.3-32-32-32H320zM448 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v64H320c-17.7 0-32 14.3-32 32s14.3 32 32 32h96c17.7 0 32-14.3 32-32V352z";
  var COLLAPSE = "M160 64c0-17.7-14.3-32-32-32s-32 14.3-32 32v64H32c-17.7 0-32 14.3-32 32s14.3 32 32 32h96c17.7 0 32-14.3 32-32V64zM32 320c-17.7 0-32 14.3-32 32s14.3 32 32 32H96v64c0 17.7 14.3 32 32 32s32-14.3 32-32V352c0-17.7-14.3-32-32-32H32zM352 64c0-17.7-14.3-32-32-32s-32 14.3-32 32v96c0 17.7 14.3 32 32 32h96c17.7 0 32-14.3 32-32s-14.3-32-32-32H352V64zM320 320c-17.7 0-32 14.3-32 32v96c0 17.7 14.3 32 32 32s32-14.3 32-32V384h64c17.7 0 32-14.3 32-32s-14.3-32-32-32H320z";
  var labels = ["Fullscreen", "Close fullscreen"];
  function fullscreenButton() {
    var full = !!document.fullscreenElement;
    return {
      name: "fullscreen", title: labels[full ? 1 : 0],
      icon: { width: 600, height: 470, path: full ? COLLAPSE : EXPAND },
      click: function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else document.documentElement.requestFullscreen().catch(function () {});
      }
    };
  }
  var last = null;   // the layout and configuration last drawn
  document.addEventListener("fullscreenchange", function () {
    if (!drawn || !last) return;
    var full = !!document.fullscreenElement;
    last.layout = Object.assign({}, last.layout, {
      width: full ? window.innerWidth : Math.max(document.documentElement.clientWidth, 150),
      height: full ? window.innerHeight : height
    });
    last.config = Object.assign({}, last.config, { modeBarButtonsToAdd: [fullscreenButton()] });
    window.Plotly.react(chart, chart.data, last.layout, last.config);
  });

  function draw(args) {
    var fig = themed(args.spec);
    var config = args.config || {};
    var layout = fig.layout;
    select = !!args.select;
    if (config.topojsonURL) config.topojsonURL = absolute(config.topojsonURL);
    config.displaylogo = false;
    config.showSendToCloud = false;
    var remove = (config.modeBarButtonsToRemove || []).slice();
    ["lasso2d", "select2d", "sendChartToCloud"].forEach(function (b) { if (remove.indexOf(b) < 0) remove.push(b); });
    config.modeBarButtonsToRemove = remove;
    if (args.fullscreen) labels = args.fullscreen;
    config.modeBarButtonsToAdd = [fullscreenButton()];
    if (select) {
      layout.clickmode = layout.clickmode || "event+select";
      layout.hovermode = layout.hovermode || "closest";
      layout.dragmode = layout.dragmode || "pan";
    }
    layout.height = layout.height >= 10 ? layout.height : DEFAULT_HEIGHT;
    if (layout.height !== height) { height = layout.height; send("streamlit:setFrameHeight", { height: height }); }
    layout.width = Math.max(document.documentElement.clientWidth, 150);
    if (args.alt) { chart.setAttribute("role", "figure"); chart.setAttribute("aria-label", args.alt); }
    last = { layout: layout, config: config };
    return window.Plotly.react(chart, fig.data || [], layout, config).then(function (gd) {
      if (!drawn) { drawn = true; listen(gd); }
      // How many times this frame drew, for the tests and the benchmark (the figure itself: the div's data).
      document.documentElement.setAttribute("data-drawn", String(Number(document.documentElement.getAttribute("data-drawn") || 0) + 1));
    });
  }

  var pending = null;
  var busy = false;
  function render(args) {
    // The frame's height at once (the figure's), so the page does not jump once it is drawn.
    if (args.height && args.height !== height) { height = args.height; send("streamlit:setFrameHeight", { height: height }); }
    pending = args;
    if (busy) return;
    busy = true;
    loadOnce(args.bundle, args.font).then(function next() {
      var todo = pending;
      pending = null;
      return draw(todo).then(function () { if (pending) return next(); });
    }).catch(function (error) { console.error("chart", error); }).then(function () { busy = false; });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "streamlit:render") return;
    render(data.args || {});
  });
  window.addEventListener("resize", function () {
    if (!drawn) return;
    var width = Math.max(document.documentElement.clientWidth, 150);
    if (chart._fullLayout && chart._fullLayout.width !== width) window.Plotly.relayout(chart, { width: width });
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
