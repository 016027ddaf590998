// The year-end report form, made quicker to fill in. The page works without
// this: the server checks everything and shows the results after saving.
//
// - The achievement rate and level, as the DXer types the actual value.
// - Only the inputs of the chosen basis of the hours saved, and the hours
//   that basis gives.
// The server works the rate, level and hours out (GET data-url?…) by the same
// rules it stores the report with, so the preview never disagrees with it.
(function () {
  "use strict";

  function preview(url, show) {
    var asked = 0;
    return function (query) {
      var number = ++asked;
      if (query === null) { show(null); return; }
      fetch(url + "?" + query, {
        credentials: "same-origin", headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) { if (number === asked) { show(result); } })
        .catch(function () { if (number === asked) { show(null); } });
    };
  }

  function debounce(action) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(action, 150);
    };
  }

  function rate() {
    var input = document.querySelector("[data-rate-actual]");
    var box = document.getElementById("rate-preview");
    if (!input || !box) { return; }
    var rateOut = box.querySelector("[data-rate]");
    var levelOut = box.querySelector("[data-level]");
    var ask = preview(box.dataset.url, function (result) {
      var ok = result && result.level;
      rateOut.textContent = ok && result.rate !== null ? result.rate + "%" : "—";
      levelOut.textContent = ok ? result.level : "—";
    });
    input.addEventListener("input", debounce(function () {
      var value = input.value.trim();
      ask(value ? "actual=" + encodeURIComponent(value) : null);
    }));
  }

  function basis() {
    var section = document.querySelector("[data-basis]");
    var box = document.getElementById("hours-preview");
    if (!section || !box) { return; }
    var choices = section.querySelectorAll("[data-basis-choice]");
    var groups = section.querySelectorAll("[data-basis-inputs]");
    var hoursOut = box.querySelector("[data-hours]");
    var ask = preview(box.dataset.url, function (result) {
      hoursOut.textContent = result && result.hours !== null ? result.hours : "—";
    });

    function chosen() {
      for (var i = 0; i < choices.length; i++) {
        if (choices[i].checked) { return choices[i].value; }
      }
      return "direct";
    }

    function update() {
      var current = chosen();
      groups.forEach(function (group) {
        group.hidden = group.dataset.basisInputs !== current;
      });
      if (current === "direct") {
        var typed = section.querySelector("[data-basis-input=hours_saved]");
        hoursOut.textContent = typed && typed.value.trim() ? typed.value.trim() : "—";
        return;
      }
      var parts = ["basis=" + encodeURIComponent(current)];
      section.querySelectorAll("[data-basis-inputs=" + current + "] [data-basis-input]")
        .forEach(function (input) {
          parts.push(input.dataset.basisInput + "=" + encodeURIComponent(input.value.trim()));
        });
      ask(parts.join("&"));
    }

    choices.forEach(function (choice) { choice.addEventListener("change", update); });
    section.querySelectorAll("[data-basis-input]").forEach(function (input) {
      input.addEventListener("input", debounce(update));
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.fetch) { return; }
    rate();
    basis();
  });
}());
