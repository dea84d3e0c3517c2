/* The booking form (/appointments/new): without JavaScript its "refresh choices" button posts
   it back with narrower choices; with it, the choices follow the center, the department and
   the day as they change, fetched from /appointments/options. */
(function () {
  "use strict";
  var form = document.getElementById("appointment");
  if (!form) { return; }
  var center = form.querySelector("select[name=center]");
  var department = form.querySelector("select[name=department]");
  var item = form.querySelector("select[name=item]");
  var day = form.querySelector("input[name=day]");
  var slot = form.querySelector("select[name=slot]");
  var refresh = form.querySelector("button[name=refresh]");
  if (!center || !department || !item || !slot) { return; }
  if (refresh) { refresh.hidden = true; }
  var base = form.getAttribute("action") || window.location.pathname;
  var optionsUrl = base.replace(/new\/?(\?.*)?$/, "options");

  function fill(select, pairs, keep) {
    var first = select.options.length ? select.options[0] : null;
    var hint = first && first.value === "" ? first.text : "";
    while (select.options.length) { select.remove(0); }
    select.add(new Option(hint, ""));
    pairs.forEach(function (pair) {
      var option = new Option(pair[1], pair[0]);
      if (pair[0] === keep) { option.selected = true; }
      select.add(option);
    });
  }

  function update(changed) {
    var query = new URLSearchParams({
      center: center.value,
      department: changed === "center" ? "" : department.value,
      day: day ? day.value : ""
    });
    fetch(optionsUrl + "?" + query.toString(), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (!data) { return; }
      if (changed === "center") { fill(department, data.departments, ""); }
      if (changed !== "day") { fill(item, data.items, changed === "department" ? "" : item.value); }
      fill(slot, data.slots, slot.value);
    });
  }

  center.addEventListener("change", function () { update("center"); });
  department.addEventListener("change", function () { update("department"); });
  if (day) { day.addEventListener("change", function () { update("day"); }); }
}());
