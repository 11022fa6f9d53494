// Draws every chart on the page. Each chart is a plotly figure (data and layout) that the
// server wrote with Django's json_script into <script type="application/json" id="...">, and an
// element <div data-chart="that-id"> where it goes. The same numbers are always in a table
// beside the chart, so a page without JavaScript loses nothing.
const config = { responsive: true, displaylogo: false, displayModeBar: false };

for (const element of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(element.dataset.chart);
  if (!source || !window.Plotly) continue;
  const figure = JSON.parse(source.textContent);
  window.Plotly.newPlot(element, figure.data, figure.layout, config);
}
