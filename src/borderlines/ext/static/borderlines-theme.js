/* Furo's light/dark switch, run before the page paints (moved out of Furo's inline script so the
   site needs no inline script at all). */
document.body.dataset.theme = localStorage.getItem("theme") || "auto";
