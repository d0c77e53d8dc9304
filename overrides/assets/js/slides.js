/* Slide decks: start reveal.js on the deck with its speaker view (key S: notes, next slide, timer).
 * Runs only where the page has a deck; everything comes from this site, nothing from another host. */
(function () {
  "use strict";
  var deck = document.querySelector(".reveal[data-deck]");
  if (!deck || !window.Reveal) return;
  window.Reveal.initialize({
    width: 1280,
    height: 720,
    margin: 0.04,
    center: false,
    hash: true,
    slideNumber: "c/t",
    transition: "none",
    navigationMode: "linear",
    plugins: window.RevealNotes ? [window.RevealNotes] : []
  });
})();
