/* Printing from the browser: the theme opens every folded block before printing. Case discussions
   the reader has not opened stay folded on paper (the theme opens them again as they were after). */
(function () {
  var folded = [];
  // Capture phase: runs before the theme's own listener on window, so it sees the blocks as they were.
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details.vw-discussion"), function (block) {
      return !block.open;
    });
  }, true);
  window.addEventListener("beforeprint", function () {
    folded.forEach(function (block) { block.open = false; });
  });
})();
