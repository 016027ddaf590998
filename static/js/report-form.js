// Show the achievement rate and level as the DXer types the actual value.
// The page works without this: the server shows them after saving.
(function () {
  "use strict";

  function readNumber(text) {
    // Full-width digits and thousands separators, as the server accepts them.
    var plain = text
      .replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[，,]/g, "")
      .replace(/．/g, ".")
      .replace(/[－−]/g, "-")
      .trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) { return null; }
    return parseFloat(plain);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-rate-actual]");
    var preview = document.getElementById("rate-preview");
    if (!input || !preview) { return; }
    var baseline = parseFloat(preview.dataset.baseline);
    var target = parseFloat(preview.dataset.target);
    var thresholds = [
      ["A", parseFloat(preview.dataset.a)],
      ["B", parseFloat(preview.dataset.b)],
      ["C", parseFloat(preview.dataset.c)],
    ];
    var rateOut = preview.querySelector("[data-rate]");
    var levelOut = preview.querySelector("[data-level]");

    function update() {
      var actual = readNumber(input.value);
      if (actual === null || target === baseline) {
        rateOut.textContent = "—";
        levelOut.textContent = "—";
        return;
      }
      var rate = (actual - baseline) / (target - baseline) * 100;
      var level = "D";
      for (var i = 0; i < thresholds.length; i++) {
        if (rate >= thresholds[i][1]) { level = thresholds[i][0]; break; }
      }
      rateOut.textContent = (Math.round(rate * 10) / 10).toFixed(1) + "%";
      levelOut.textContent = level;
    }

    input.addEventListener("input", update);
  });
}());
