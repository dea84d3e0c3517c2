/* 我要投诉: the department choices follow the chosen city or county.
   Without this script the form's refresh button posts the form back for the new choices. */
(function () {
  "use strict";
  var page = document.querySelector(".complaint-new");
  if (!page) { return; }
  var form = page.querySelector("form");
  var center = form && form.querySelector("select[name=center]");
  var department = form && form.querySelector("select[name=department]");
  var refresh = form && form.querySelector("button[name=refresh]");
  if (!center || !department || !window.fetch) { return; }
  if (refresh) { refresh.hidden = true; }
  center.addEventListener("change", function () {
    var url = page.getAttribute("data-departments-url") + "?center=" + encodeURIComponent(center.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var first = department.options[0];
        department.innerHTML = "";
        first.textContent = page.getAttribute("data-choose") || first.textContent;
        department.appendChild(first);
        data.departments.forEach(function (d) {
          var option = document.createElement("option");
          option.value = d.value;
          option.textContent = d.title;
          department.appendChild(option);
        });
        department.value = "";
        department.dispatchEvent(new Event("change"));
      })
      .catch(function () { if (refresh) { refresh.hidden = false; } });
  });
}());
