/* Look (beheer): the sample follows the colours while they are typed, with their contrast.
   Without JavaScript the "Show a preview" button does the same on the server. */
(function () {
  "use strict";
  var sample = document.querySelector("[data-look-sample]");
  var box = document.querySelector("[data-look-colours]");
  if (!sample || !box) { return; }
  var HEX = /^#[0-9a-fA-F]{6}$/;
  var fields = {
    theme_primary: { property: "--portal-primary", against: "#ffffff" },
    theme_primary_dark: { property: "--portal-primary-dark", against: "#ffffff" },
    theme_accent_bg: { property: "--portal-accent-bg", against: "#1a1a1a" }
  };

  function channel(value) {
    var c = value / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  function luminance(hex) {
    var r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  Object.keys(fields).forEach(function (name) {
    var input = box.querySelector('[name="' + name + '"]');
    var shown = document.querySelector('[data-ratio-for="' + name + '"]');
    if (!input) { return; }
    input.addEventListener("input", function () {
      var value = input.value.trim();
      if (!HEX.test(value)) { return; }
      sample.style.setProperty(fields[name].property, value);
      if (shown) { shown.textContent = contrast(value, fields[name].against).toFixed(1); }
    });
  });
}());
