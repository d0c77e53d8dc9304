/* The theme's own storage helpers, guarded. In a sandboxed learning-platform frame or under strict
 * privacy settings merely reading `localStorage` throws; Material's `__md_get` and `__md_set` do not
 * expect that, and its palette and navigation scripts would stop. Here a refused read is "nothing
 * stored" and a refused write is dropped, as the theme already does when a write fails. */
(function () {
  "use strict";
  function guarded(helper, refused) {
    if (typeof helper !== "function") return helper;
    return function () {
      try { return helper.apply(this, arguments); } catch (error) { return refused; }
    };
  }
  window.__md_get = guarded(window.__md_get, null);
  window.__md_set = guarded(window.__md_set, undefined);
})();
