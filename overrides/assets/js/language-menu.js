/* Language menu: switching language keeps the section the reader is at. Section ids are the same
   in every language (README: "Add a page"), so the other language's page has the same anchor. */
(function () {
  // The last section heading that has scrolled up to just under the header (none at the top of the page).
  function currentSection() {
    var line = 100;
    var found = "";
    if (window.scrollY <= 0) return found;
    document.querySelectorAll("article h2[id], article h3[id]").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) found = heading.id;
    });
    return found;
  }

  // When the menu opens (hover, focus or tap on its button), before any link in it is followed.
  function keepSection(event) {
    var menu = event.target.closest && event.target.closest(".md-select");
    if (!menu || event.target.closest(".md-select__inner") || !menu.querySelector(".md-select__link[hreflang]")) return;
    var section = currentSection();
    menu.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      link.href = link.href.split("#")[0] + (section ? "#" + section : "");
    });
  }

  ["pointerdown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepSection);
  });
})();
