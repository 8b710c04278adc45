/* Borderlines: the search page runs Pagefind's interface. ?q= searches at once (the sidebar's search
   box sends it); ?outlet=, ?kind=, ?date= and ?topic= (each repeatable) preselect filters. */
(function () {
    "use strict";

    var FILTERS = ["outlet", "kind", "date", "topic"];

    function start() {
        var holder = document.getElementById("corpus-search");
        if (!holder || typeof PagefindUI === "undefined") {
            return;
        }
        var bundle = new URL(holder.getAttribute("data-bundle"), document.baseURI);
        var ui = new PagefindUI({
            element: "#corpus-search",
            bundlePath: bundle.href,
            // Results link into the site wherever it is served from, not only from a host's root.
            baseUrl: new URL("..", bundle).pathname,
            showSubResults: true,
            showImages: false,
            openFilters: FILTERS,
        });
        // Pagefind's box has only a title; screen readers need a label.
        var box = holder.querySelector(".pagefind-ui__search-input");
        if (box) {
            box.setAttribute("aria-label", "Search the sources and topic pages");
        }
        var params = new URLSearchParams(window.location.search);
        var chosen = {};
        FILTERS.forEach(function (name) {
            var values = params.getAll(name);
            if (values.length) {
                chosen[name] = values;
            }
        });
        if (Object.keys(chosen).length) {
            ui.triggerFilters(chosen);
        }
        var query = params.get("q");
        if (query) {
            ui.triggerSearch(query);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
