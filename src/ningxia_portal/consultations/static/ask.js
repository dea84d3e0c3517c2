/* The consultation form: the department's choices follow the chosen center.
   Without this script the "refresh" button posts the form back for the same result. */
(function () {
  "use strict";
  var cascade = document.getElementById("consultation-cascade");
  var form = document.getElementById("consultation");
  if (!cascade || !form) { return; }
  var center = form.querySelector("select[name=center]");
  var department = form.querySelector("select[name=department]");
  var refresh = form.querySelector("button[name=refresh]");
  if (!center || !department) { return; }
  if (refresh) { refresh.hidden = true; }

  center.addEventListener("change", function () {
    var url = cascade.getAttribute("data-url") + "?center=" + encodeURIComponent(center.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (data) {
        var first = department.options[0];
        department.innerHTML = "";
        if (first && first.value === "") { department.appendChild(first); }
        data.departments.forEach(function (d) {
          var option = document.createElement("option");
          option.value = d.name;
          option.textContent = d.title;
          department.appendChild(option);
        });
        department.value = "";
        department.dispatchEvent(new Event("change", { bubbles: true }));
      })
      .catch(function () { if (refresh) { refresh.hidden = false; } });
  });
})();
