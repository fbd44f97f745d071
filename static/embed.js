// Draws the chart of an embed document (lianes_dash/server/embed_document.py): its figure and
// plotly.js configuration come as JSON in the page, so that no inline script is needed.
(function () {
  var data = JSON.parse(document.getElementById("lianes-figure").textContent);
  var config = Object.assign({}, data.config, { responsive: true });
  Plotly.newPlot("lianes-chart", data.figure.data, data.figure.layout, config);
})();
