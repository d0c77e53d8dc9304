/* Language menu: switching language keeps the section the reader is at. Section ids are the same
   in every language (README: "Add a page"), so the other language's page has the same anchor. */
(function () {
  function currentSection() {
    var line = Math.min(window.innerHeight * 0.3, 200);
    var found = "";
    document.querySelectorAll("article h2[id], article h3[id]").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) found = heading.id;
    });
    return found;
  }

  // When the menu opens (hover, focus, tap), before any link in it is followed.
  function keepSection(event) {
    var menu = event.target.closest && event.target.closest(".md-select");
    if (!menu || !menu.querySelector(".md-select__link[hreflang]")) return;
    var section = currentSection();
    menu.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      link.href = link.href.split("#")[0] + (section ? "#" + section : "");
    });
  }

  ["pointerdown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepSection);
  });
})();
