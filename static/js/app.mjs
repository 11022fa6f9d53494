// Starts every GOV.UK Frontend component on the page (error summaries, radios, details...).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A table whose template did not put it in a scroll region gets one here, so that on a phone
// it scrolls sideways inside the region rather than widening the page. A table with no caption
// is named by the page's own word for a table (<body data-table-label>, in the page's language).
for (const table of document.querySelectorAll("table.govuk-table")) {
  if (table.closest(".app-table-scroll")) continue;
  const region = document.createElement("div");
  region.className = "app-table-scroll";
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", table.caption?.textContent.trim() || document.body.dataset.tableLabel || "");
  region.tabIndex = 0;
  table.before(region);
  region.append(table);
}
