// Runs first in <body>, before anything is drawn: tells GOV.UK Frontend's CSS that scripts
// run here. An external file, not an inline script, so the CSP needs no nonce or hash.
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
