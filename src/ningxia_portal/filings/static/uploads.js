/* Materials of the apply and supplement forms: each file chosen is sent at once to the
   stash of accepted uploads (/filings/@@stash), with its upload progress shown; the form
   then posts the stash entries (ticked "uid" checkboxes) instead of the files. Without
   this script the form posts its files itself. */
(function () {
  "use strict";

  var pending = new WeakMap(); // form -> uploads under way

  function setPending(form, delta) {
    var n = (pending.get(form) || 0) + delta;
    pending.set(form, n);
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = n > 0;
    });
    var notice = form.querySelector(".upload-wait");
    if (notice && n === 0) { notice.hidden = true; }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function keptEntry(input, data) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.name = "uid";
    box.value = data.uid;
    box.checked = true;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", "kept-upload-label", input.dataset.keptLabel));
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", "kept-upload-name", data.filename));
    label.appendChild(document.createTextNode(" "));
    label.appendChild(el("span", "kept-upload-size", "(" + (data.size / 1024).toFixed(1) + " KB)"));
    return label;
  }

  function send(input, list, file) {
    var form = input.form;
    var id = "upload-" + Math.random().toString(36).slice(2);
    var item = el("li", "upload-progress");
    var name = el("label", "upload-name", file.name);
    name.htmlFor = id;
    var bar = el("progress");
    bar.id = id;
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", input.dataset.progressLabel.replace("${name}", file.name));
    var percent = el("span", "upload-percent", "0%");
    percent.setAttribute("aria-live", "polite");
    item.appendChild(name);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(bar);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(percent);
    list.appendChild(item);

    function show(value) {
      bar.value = value;
      percent.textContent = value + "%";
    }

    function fail(message) {
      item.classList.add("upload-failed");
      item.appendChild(el("span", "upload-error text-danger", " " + message));
      setPending(form, -1);
    }

    var body = new FormData();
    body.append("csrf_token", form.querySelector("input[name=csrf_token]").value);
    body.append("upload", file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", input.dataset.stashUrl);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable && event.total > 0) {
        show(Math.min(99, Math.floor((event.loaded * 100) / event.total)));
      }
    });
    xhr.addEventListener("load", function () {
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status === 200 && data && data.uid) {
        show(100);
        item.classList.add("upload-done");
        item.appendChild(document.createTextNode(" "));
        item.appendChild(keptEntry(input, data));
        setPending(form, -1);
      } else {
        fail((data && data.error) || input.dataset.failedText);
      }
    });
    xhr.addEventListener("error", function () { fail(input.dataset.failedText); });
    setPending(form, 1);
    xhr.send(body);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" ||
        !input.dataset.stashUrl || !input.files.length) {
      return;
    }
    var list = input.closest(".multi-upload").querySelector(".upload-list");
    Array.prototype.forEach.call(input.files, function (file) { send(input, list, file); });
    input.value = ""; // the form posts the stash entries, not the files
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((pending.get(form) || 0) > 0) {
      event.preventDefault();
      var notice = form.querySelector(".upload-wait");
      if (!notice) {
        var input = form.querySelector("input[data-wait-text]");
        notice = el("p", "upload-wait alert alert-info", input ? input.dataset.waitText : "");
        notice.setAttribute("role", "status");
        form.insertBefore(notice, form.firstChild);
      }
      notice.hidden = false;
    }
  }, true);
})();
