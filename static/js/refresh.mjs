// A page with a [data-refresh-while-running] region (a queued import's progress) reloads
// itself every few seconds until the server stops sending the region.
const region = document.querySelector("[data-refresh-while-running]");
if (region) {
  setTimeout(() => window.location.reload(), 3000);
}
