// Draws every chart on the page. Each chart is a plotly figure (data and layout) that the
// server wrote with Django's json_script into <script type="application/json" id="...">, and an
// element <div data-chart="that-id"> where it goes. The same numbers are always in a table
// beside the chart, so a page without JavaScript loses nothing.
//
// Below GOV.UK's tablet width a figure is drawn with its `narrow` changes (smaller type,
// wrapped titles and labels); a figure whose `narrow` is null gives way to its table there.
// Turning a phone or resizing a window redraws each chart for the width it now has.
const config = { responsive: true, displaylogo: false, displayModeBar: false };
const wide = window.matchMedia("(min-width: 40.0625em)");

// The figure for a phone: `narrow.layout` replaces top-level layout properties, and each
// entry of `narrow.data` replaces properties of the trace in the same place.
function forPhone(figure) {
  const changes = figure.narrow;
  const layout = { ...figure.layout, ...(changes.layout || {}) };
  const data = figure.data.map((trace, i) => ({ ...trace, ...((changes.data || [])[i] || {}) }));
  return { data, layout };
}

function draw(element, figure) {
  if (wide.matches || figure.narrow === undefined) {
    window.Plotly.react(element, figure.data, figure.layout, config);
  } else if (figure.narrow === null) {
    window.Plotly.purge(element);
    element.replaceChildren();
  } else {
    const phone = forPhone(figure);
    window.Plotly.react(element, phone.data, phone.layout, config);
  }
}

for (const element of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(element.dataset.chart);
  if (!source || !window.Plotly) continue;
  const figure = JSON.parse(source.textContent);
  draw(element, figure);
  wide.addEventListener("change", () => draw(element, figure));
}
