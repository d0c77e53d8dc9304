/* Glossary tooltips: Escape hides an open tooltip (WCAG 1.4.13, dismissible). */
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".vw-term:hover, .vw-term:focus-within").forEach(function (term) {
    term.classList.add("is-dismissed");
  });
});
["focusout", "mouseout"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    var term = event.target.closest && event.target.closest(".vw-term");
    if (term) term.classList.remove("is-dismissed");
  });
});
