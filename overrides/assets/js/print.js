/* Printing from the browser. The theme opens every folded block before printing; case discussions
   the reader has not opened stay folded on paper: this script runs before the theme's (the first of the
   page's scripts, overrides/main.html), so its listener marks them while they are still closed (print CSS in
   site.css hides what a marked block holds). Links in the text get their full address on paper. */
(function () {
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.vw-discussion").forEach(function (block) {
      block.toggleAttribute("data-print-folded", !block.open);
    });
    document.querySelectorAll("article p a[href], article li a[href], article td a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#" || link.matches(".vw-term__link, .headerlink, .md-button")) return;
      link.setAttribute("data-print-href", link.href.split("?")[0]);
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("[data-print-folded]").forEach(function (block) {
      block.removeAttribute("data-print-folded");
    });
  });
})();
