/* After a failed submit, focus moves to the error summary (GOV.UK pattern), so a screen
   reader reads it and a keyboard user starts there. Without this file the summary's
   autofocus attribute does the same in browsers that support it.
   A link in the summary focuses its field and scrolls the field's label or legend into
   view, not just the input. */
(function () {
  "use strict";

  function labelOf(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset && fieldset.querySelector("legend") && input.type.match(/^(radio|checkbox)$/)) {
      return fieldset.querySelector("legend");
    }
    return document.querySelector("label[for='" + CSS.escape(input.id) + "']") || input;
  }

  function start() {
    var summary = document.getElementById("error-summary");
    if (!summary) {
      return;
    }
    if (document.activeElement !== summary) {
      summary.focus();
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!input) {
        return;
      }
      event.preventDefault();
      labelOf(input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
