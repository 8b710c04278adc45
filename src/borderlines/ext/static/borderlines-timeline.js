/* Borderlines: filter the timeline by topic and by entity. Without this script the timeline shows
   every event and the (hidden) filters stay hidden. */
(function () {
    "use strict";

    function apply(timeline) {
        var wanted = {};
        timeline.querySelectorAll("select[data-filter]").forEach(function (select) {
            wanted[select.getAttribute("data-filter")] = select.value;
        });
        var shown = 0;
        timeline.querySelectorAll(".corpus-event").forEach(function (event) {
            var topics = (event.getAttribute("data-topics") || "").split(" ");
            var entities = (event.getAttribute("data-entities") || "").split(" ");
            var visible = (!wanted.topic || topics.indexOf(wanted.topic) >= 0) &&
                (!wanted.entity || entities.indexOf(wanted.entity) >= 0);
            event.hidden = !visible;
            shown += visible ? 1 : 0;
        });
        var count = timeline.querySelector(".corpus-timeline-count");
        count.textContent = shown + " of " + timeline.querySelectorAll(".corpus-event").length + " events shown";
    }

    function setUp(timeline) {
        var count = document.createElement("p");
        count.className = "corpus-timeline-count";
        count.setAttribute("role", "status");
        var filters = timeline.querySelectorAll(".corpus-timeline-filter");
        filters[filters.length - 1].after(count);
        filters.forEach(function (filter) {
            filter.hidden = false;
            filter.querySelector("select").addEventListener("change", function () {
                apply(timeline);
            });
        });
        apply(timeline);
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll(".corpus-timeline").forEach(setUp);
    });
})();
