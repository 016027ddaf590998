// The review tables' "select all" box, in the header of the tick column: shown
// only where scripts run (without them, each row is ticked on its own).
(function () {
  "use strict";

  function rowBoxes(table) {
    return Array.prototype.slice.call(
      table.querySelectorAll("tbody input[type=checkbox]")
    );
  }

  function follow(all, boxes) {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    all.checked = boxes.length > 0 && ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-select-all]");
    Array.prototype.forEach.call(boxes, function (all) {
      var table = all.closest("table");
      if (!table || rowBoxes(table).length === 0) {
        return;
      }
      var label = all.parentNode.querySelector("[data-select-label]");
      if (label) {
        label.hidden = true;
      }
      all.hidden = false;
      all.addEventListener("change", function () {
        rowBoxes(table).forEach(function (box) {
          box.checked = all.checked;
        });
      });
      table.addEventListener("change", function (event) {
        if (event.target !== all) {
          follow(all, rowBoxes(table));
        }
      });
    });
  });
})();
