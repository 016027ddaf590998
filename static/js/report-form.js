// Show the achievement rate and level as the DXer types the actual value.
// The server works them out (GET data-url?actual=…) by the same rule it
// stores the report's level with, so the preview never disagrees with it.
// The page works without this: the server shows them after saving.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-rate-actual]");
    var preview = document.getElementById("rate-preview");
    if (!input || !preview || !window.fetch) { return; }
    var rateOut = preview.querySelector("[data-rate]");
    var levelOut = preview.querySelector("[data-level]");
    var timer = null;
    var asked = 0;

    function show(rate, level) {
      rateOut.textContent = rate === null ? "—" : rate + "%";
      levelOut.textContent = level || "—";
    }

    function ask() {
      var value = input.value.trim();
      var number = ++asked;
      if (!value) { show(null, ""); return; }
      var url = preview.dataset.url + "?actual=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (number !== asked) { return; }  // a later keystroke asked again
          if (result) { show(result.rate, result.level); } else { show(null, ""); }
        })
        .catch(function () { if (number === asked) { show(null, ""); } });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
    });
  });
}());
