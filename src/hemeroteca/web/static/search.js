// The static mirror's search page: Pagefind's UI over the index built with the mirror,
// started with the query of the address (?q=…) so that the header's search box works.
const script = document.currentScript;  // set only while this file runs, not in the listener
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: script.dataset.bundle,
    baseUrl: script.dataset.base,
    showSubResults: true,
    showImages: false,
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
