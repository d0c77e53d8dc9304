/* Glossary tooltips (hooks/glossary.py writes them as links to the glossary with a described-by tip).
   Without this script they open on hover and keyboard focus. With it:
   - a tip is moved so that it stays inside the window (on a phone it is a panel along the bottom);
   - on a touch screen a tap opens the tip, with a link to the glossary entry; a second tap on the
     word, or a tap on that link, goes there; a tap elsewhere closes it;
   - Escape closes an open tip (WCAG 1.4.13, dismissible). */
(function () {
  var MARGIN = 8;
  var lastPointer = "mouse";

  function termOf(node) {
    return node && node.closest ? node.closest(".vw-term") : null;
  }

  function place(term) {
    var tip = term.querySelector(".vw-term__tip");
    if (!tip || getComputedStyle(tip).position === "fixed") return;  // a phone's bottom panel (site.css)
    tip.style.left = "0px";
    var width = document.documentElement.clientWidth;
    var box = tip.getBoundingClientRect();
    var shift = 0;
    if (box.right > width - MARGIN) shift = width - MARGIN - box.right;
    if (box.left + shift < MARGIN) shift = MARGIN - box.left;
    tip.style.left = shift + "px";
  }

  function addEntryLink(term) {
    var tip = term.querySelector(".vw-term__tip");
    var link = term.querySelector(".vw-term__link");
    var holder = term.closest("[data-glossary-more]");
    if (!tip || !link || !holder || tip.querySelector(".vw-term__more")) return;
    var more = document.createElement("a");
    more.className = "vw-term__more";
    more.href = link.getAttribute("href");
    more.textContent = holder.getAttribute("data-glossary-more");
    tip.appendChild(more);
  }

  function close(except) {
    document.querySelectorAll(".vw-term.is-open").forEach(function (term) {
      if (term !== except) term.classList.remove("is-open");
    });
  }

  function open(term) {
    close(term);
    addEntryLink(term);
    term.classList.remove("is-dismissed");
    term.classList.add("is-open");
    place(term);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!termOf(event.target)) close(null);
  });

  // A tap anywhere on the term: the tip that focus already showed may lie under the finger when it lifts.
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (!term || lastPointer === "mouse" || event.target.closest(".vw-term__more")) return;
    if (term.classList.contains("is-open")) return;  // second tap: the word's link is followed
    event.preventDefault();
    open(term);
  });

  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = termOf(event.target);
      if (term) place(term);
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".vw-term:hover, .vw-term:focus-within, .vw-term.is-open").forEach(function (term) {
      term.classList.add("is-dismissed");
      term.classList.remove("is-open");
    });
  });

  ["focusout", "mouseout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = termOf(event.target);
      if (term && !term.classList.contains("is-open")) term.classList.remove("is-dismissed");
    });
  });
})();
