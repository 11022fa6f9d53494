// Copies the GOV.UK Frontend files Cradle serves (script and images) from node_modules into
// static/, so the running service never reaches out to a CDN. The crest is never shown (Cradle
// is not a GOV.UK service) but the compiled CSS names it, and the manifest storage needs it.
import { cpSync, mkdirSync } from "node:fs";

const dist = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/govuk/assets/images", { recursive: true });
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(`${dist}/${file}`, `static/govuk/${file}`);
}
mkdirSync("static/vendor/plotly", { recursive: true });
// The cartesian partial bundle (heatmaps, bars, scatter) is a third of the full plotly.js.
cpSync(
  "node_modules/plotly.js-cartesian-dist-min/plotly-cartesian.min.js",
  "static/vendor/plotly/plotly-cartesian.min.js",
);
for (const file of ["favicon.ico", "favicon.svg", "govuk-icon-180.png", "govuk-icon-mask.svg", "govuk-crest.svg"]) {
  cpSync(`${dist}/assets/images/${file}`, `static/govuk/assets/images/${file}`);
}
