/* Borderlines: show a citation's preview on hover, focus or tap; Escape closes it.
   Without this script every citation is still a plain link to its passage. */
(function () {
    "use strict";

    var current = null;
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;

    function close() {
        if (!current) {
            return;
        }
        current.classList.remove("corpus-open", "corpus-open-tapped");
        current.querySelector("a").setAttribute("aria-expanded", "false");
        current = null;
    }

    function open(wrapper) {
        if (current === wrapper) {
            return;
        }
        close();
        wrapper.classList.add("corpus-open");
        wrapper.querySelector("a").setAttribute("aria-expanded", "true");
        current = wrapper;
        fit(wrapper.querySelector(".corpus-preview"));
    }

    // Keep the preview inside the window on narrow screens.
    function fit(preview) {
        preview.style.left = "0px";
        var box = preview.getBoundingClientRect();
        var overflow = box.right - (document.documentElement.clientWidth - 8);
        if (overflow > 0) {
            preview.style.left = -Math.min(overflow, box.left - 8) + "px";
        }
    }

    function setUp(wrapper) {
        var link = wrapper.querySelector("a.corpus-cite, a.corpus-cite-source");
        var preview = wrapper.querySelector(".corpus-preview");
        if (!link || !preview) {
            return;
        }
        preview.id = wrapper.id + "-preview";
        preview.setAttribute("role", "tooltip");
        link.setAttribute("aria-describedby", preview.id);
        link.setAttribute("aria-expanded", "false");
        link.removeAttribute("title"); // the preview replaces the browser's own tooltip
        wrapper.addEventListener("mouseenter", function () { open(wrapper); });
        wrapper.addEventListener("mouseleave", function () { if (!coarse) { close(); } });
        link.addEventListener("focus", function () { open(wrapper); });
        link.addEventListener("blur", function () { if (!coarse) { close(); } });
        link.addEventListener("click", function (event) {
            // On touch, the first tap shows the preview and the second follows the link.
            if (coarse && !wrapper.classList.contains("corpus-open-tapped")) {
                event.preventDefault();
                open(wrapper);
                wrapper.classList.add("corpus-open-tapped");
            }
        });
    }

    document.querySelectorAll(".corpus-citation").forEach(setUp);
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
            close();
        }
    });
    document.addEventListener("click", function (event) {
        if (current && !current.contains(event.target)) {
            close();
        }
    });
    // Print the provenance panel open.
    window.addEventListener("beforeprint", function () {
        document.querySelectorAll("details.corpus-provenance").forEach(function (panel) {
            panel.open = true;
        });
    });
}());
