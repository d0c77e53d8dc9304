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

  function keepSection(event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (!link) return;
    var section = currentSection();
    link.href = link.href.split("#")[0] + (section ? "#" + section : "");
  }

  ["click", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepSection);
  });
})();
