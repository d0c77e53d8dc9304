/* Accessible names Material's templates leave out (axe: aria-dialog-name). */
(function () {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.getAttribute("placeholder"));
  }
})();
