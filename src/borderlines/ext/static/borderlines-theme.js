/* Furo's light/dark switch, run before the page paints (moved out of Furo's inline script so the
   site needs no inline script at all); and entity marks off if the reader turned them off. */
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
if (localStorage.getItem("borderlines-entity-marks") === "off") {
    document.documentElement.classList.add("corpus-entities-off");
}
