/* Borderlines: entity marks. Hovering or focusing a mark shows its entity's preview (preferred name,
   type, description); Escape closes it. A switch at the top of the page turns the marks off (and on),
   remembered in localStorage. Without this script a mark is a plain link to the entity's page. */
(function () {
    "use strict";

    var KEY = "borderlines-entity-marks";
    var OFF = "corpus-entities-off";
    var marks = document.querySelectorAll("a.corpus-entity");
    if (!marks.length) {
        return;
    }
    var root = document.documentElement;
    var cards = {};
    document.querySelectorAll(".corpus-entity-card").forEach(function (card) {
        cards[card.getAttribute("data-entity")] = card;
    });
    var preview = document.createElement("span");
    preview.className = "corpus-entity-preview";
    preview.id = "corpus-entity-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    document.body.appendChild(preview);
    var current = null;

    function hide() {
        preview.hidden = true;
        if (current) {
            current.removeAttribute("aria-describedby");
        }
        current = null;
    }

    function show(mark) {
        var card = cards[mark.getAttribute("data-entity")];
        if (!card || root.classList.contains(OFF) || current === mark) {
            return;
        }
        hide();
        while (preview.firstChild) {
            preview.removeChild(preview.firstChild);
        }
        card.childNodes.forEach(function (child) {
            preview.appendChild(child.cloneNode(true));
        });
        preview.hidden = false;
        var box = mark.getBoundingClientRect();
        var width = document.documentElement.clientWidth;
        var left = Math.min(box.left, width - preview.offsetWidth - 8);
        preview.style.left = Math.max(8, left) + window.scrollX + "px";
        preview.style.top = box.bottom + window.scrollY + 4 + "px";
        mark.setAttribute("aria-describedby", preview.id);
        current = mark;
    }

    marks.forEach(function (mark) {
        mark.removeAttribute("title"); // the preview replaces the browser's own tooltip
        mark.addEventListener("mouseenter", function () { show(mark); });
        mark.addEventListener("mouseleave", hide);
        mark.addEventListener("focus", function () { show(mark); });
        mark.addEventListener("blur", hide);
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
            hide();
        }
    });

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "corpus-entity-toggle";
    toggle.textContent = "Mark names"; // a toggle button keeps its label; aria-pressed says its state
    toggle.title = "Mark the people, places and groups each page names, linking to their pages";

    function apply(on) {
        root.classList.toggle(OFF, !on);
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        marks.forEach(function (mark) {
            if (on) {
                mark.removeAttribute("tabindex");
            } else {
                mark.setAttribute("tabindex", "-1");
            }
        });
        if (!on) {
            hide();
        }
    }

    function remembered() {
        try {
            return window.localStorage.getItem(KEY) !== "off";
        } catch (error) {
            return true;
        }
    }

    toggle.addEventListener("click", function () {
        var on = root.classList.contains(OFF);
        apply(on);
        try {
            window.localStorage.setItem(KEY, on ? "on" : "off");
        } catch (error) {
            // storage refused (private mode): the choice lasts for this page only
        }
    });
    var main = document.querySelector('[role="main"]') || document.body;
    var heading = main.querySelector("h1");
    if (heading && heading.parentNode) {
        heading.parentNode.insertBefore(toggle, heading.nextSibling);
    } else {
        main.insertBefore(toggle, main.firstChild);
    }
    apply(remembered());
}());
