/* Department choices that follow the chosen center, for any form that opts in with
   <div data-cascade data-cascade-form="FORM-ID" data-cascade-url=".../centers/">
   (optional data-cascade-choose: the text of the empty first option). The departments
   come from <centers>/<code>/departments.json. Without this script the form's "refresh"
   button posts the form back for the same result. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("[data-cascade]"), function (cascade) {
    var form = document.getElementById(cascade.getAttribute("data-cascade-form"));
    var center = form && form.querySelector("select[name=center]");
    var department = form && form.querySelector("select[name=department]");
    var refresh = form && form.querySelector("button[name=refresh]");
    if (!center || !department) { return; }
    if (refresh) { refresh.hidden = true; }
    center.addEventListener("change", function () {
      var url = cascade.getAttribute("data-cascade-url") +
        encodeURIComponent(center.value) + "/departments.json";
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { return { departments: [] }; }
          return response.json();
        })
        .then(function (data) {
          var first = department.options[0];
          department.innerHTML = "";
          if (first && first.value === "") {
            first.textContent = cascade.getAttribute("data-cascade-choose") || first.textContent;
            department.appendChild(first);
          }
          data.departments.forEach(function (d) {
            var option = document.createElement("option");
            option.value = d.value;
            option.textContent = d.title;
            department.appendChild(option);
          });
          department.value = "";
          department.dispatchEvent(new Event("change", { bubbles: true }));
        })
        .catch(function () { if (refresh) { refresh.hidden = false; } });
    });
  });
}());
