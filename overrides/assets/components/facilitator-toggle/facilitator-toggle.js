/* Facilitator notes: hidden for learners until they ask for them (or arrive at #facilitator-notes). */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  VW.components["facilitator-toggle"] = function (root) {
    var button = root.querySelector("button[data-action=facilitator]");
    if (!button) return;
    var notes = document.getElementById(button.getAttribute("aria-controls"));

    function toggle() {
      var show = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(show));
      notes.hidden = !show;
      if (show) notes.scrollIntoView({ block: "start" });
    }

    button.addEventListener("click", toggle);
    button.hidden = false;
    if (location.hash === "#facilitator-notes") toggle();
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
