// Starts every GOV.UK Frontend component on the page (error summaries, radios, details...).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
