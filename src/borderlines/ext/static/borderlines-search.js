/* Borderlines: the search page runs Pagefind's interface. ?q= searches at once (the sidebar's search
   box sends it); ?outlet=, ?kind=, ?date=, ?topic= and ?entity= (each repeatable) preselect filters. */
(function () {
    "use strict";

    var FILTERS = ["outlet", "kind", "date", "topic", "entity"];

    function start() {
        var holder = document.getElementById("corpus-search");
        if (!holder || typeof PagefindUI === "undefined") {
            return;
        }
        // The site is indexed in several bundles (pagefind/<name>/); the first also holds the interface.
        var bundles = holder.getAttribute("data-bundles").split(" ").map(function (path) {
            return new URL(path, document.baseURI);
        });
        // Results link into the site wherever it is served from, not only from a host's root.
        var site = new URL("../..", bundles[0]).pathname;
        var ui = new PagefindUI({
            element: "#corpus-search",
            bundlePath: bundles[0].href,
            baseUrl: site,
            // The interface sets the excerpt length of the first bundle only (12 words with sub-results).
            mergeIndex: bundles.slice(1).map(function (bundle) {
                return { bundlePath: bundle.href, baseUrl: site, excerptLength: 12 };
            }),
            showSubResults: true,
            showImages: false,
            openFilters: FILTERS.filter(function (name) { return name !== "entity"; }),
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
