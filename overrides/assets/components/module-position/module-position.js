/* Module pages on a phone: a bar at the bottom says where the learner is in the module and what is
   left ("Part 3 of 9: Reflection", with a link to the next part). It is bound to the module's table of
   contents, which wide screens show beside the page and which, without JavaScript, is in the menu. */
(function (VW) {
  "use strict";
  VW.components = VW.components || {};

  VW.components["module-position"] = function () {
    var toc = document.querySelector(".md-sidebar--secondary nav.md-nav--secondary");
    if (!toc) return;
    var ui = VW.ui;
    var parts = [];
    toc.querySelectorAll(":scope > ul > li > a.md-nav__link").forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target) parts.push({ title: link.textContent.trim(), href: link.getAttribute("href"), target: target });
    });
    if (parts.length < 2) return;

    var bar = document.createElement("nav");
    bar.className = "vw-progress";
    bar.setAttribute("aria-label", ui.module_progress);
    bar.innerHTML = '<div class="vw-progress__bar" aria-hidden="true"></div><span class="vw-progress__text"></span><a></a>';
    var fill = bar.querySelector(".vw-progress__bar");
    var text = bar.querySelector(".vw-progress__text");
    var next = bar.querySelector("a");
    next.textContent = ui.module_progress_next + " \u2192";
    document.body.appendChild(bar);
    document.body.classList.add("vw-has-progress");

    var shown = -1;
    function update() {
      var line = window.innerHeight * 0.3;
      var current = 0;
      parts.forEach(function (part, index) {
        if (part.target.getBoundingClientRect().top <= line) current = index;
      });
      if (current === shown) return;
      shown = current;
      var step = ui.module_progress_step.replace("{step}", current + 1).replace("{steps}", parts.length);
      text.textContent = step + ": " + parts[current].title;
      fill.style.width = ((current + 1) / parts.length * 100) + "%";
      var following = parts[current + 1];
      next.hidden = !following;
      if (following) {
        next.href = following.href;
        next.setAttribute("aria-label", ui.module_progress_next + ": " + following.title);
      }
    }

    var pending = false;
    window.addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; update(); });
    }, { passive: true });
    window.addEventListener("resize", update);
    update();
  };
})(window.VerbindendWerken = window.VerbindendWerken || {});
