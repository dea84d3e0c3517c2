/* The portal's own page behaviour, from a file: the Content-Security-Policy
   (web/headers.py) runs no inline script and no inline event handler, so what the
   templates (and deform's widget templates, overridden in web/templates/deform/) used to
   say inline is said here, read from data attributes. Loaded at the end of <body>. */
(function () {
  "use strict";

  function each(selector, root, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  /* The region picker works as a plain form; with JavaScript it submits on change. */
  each(".region-form", null, function (form) {
    var submit = form.querySelector(".region-submit");
    var select = form.querySelector("select");
    if (!submit || !select) { return; }
    submit.hidden = true;
    select.addEventListener("change", function () { form.submit(); });
  });

  /* <select data-submit-on-change data-clears="ID">: changing it empties the field ID (the
     choices that depended on it) and sends its form again (the search's center). */
  each("select[data-submit-on-change]", null, function (select) {
    select.addEventListener("change", function () {
      var cleared = document.getElementById(select.getAttribute("data-clears") || "");
      if (cleared) { cleared.value = ""; }
      select.form.submit();
    });
  });

  /* <button data-print>: the browser's print dialog (a notice). */
  each("[data-print]", null, function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  /* deform: what its widgets' inline scripts registered with deform.addCallback (run by
     deform.load when the document is ready, and by deform.addSequenceItem for an item
     added to a sequence), registered here for the elements of the page. */
  var deform = window.deform;
  var $ = window.jQuery;
  if (!deform || !$) { return; }

  function dateSupported() {
    var input = document.createElement("input");
    input.setAttribute("type", "date");
    input.value = "x";  // a browser that has a date input refuses a value that isn't one
    return input.type === "date" && input.value !== "x";
  }

  function register(root) {
    /* <input data-deform-date="{pickadate options}">: a date picker only where the browser
       has no date input of its own (deform's dateinput.pt). */
    $(root).find("[data-deform-date]").addBack("[data-deform-date]").each(function () {
      var input = this;
      deform.addCallback(input.id, function (oid) {
        var $input = $("#" + oid);
        if ((input.type !== "date" || !dateSupported()) && $.fn.pickadate) {
          $input.pickadate(JSON.parse(input.getAttribute("data-deform-date") || "{}"));
        }
      });
    });
    /* A sequence's add/remove/order buttons shown as its lengths allow (sequence.pt). */
    $(root).find(".deform-seq").addBack(".deform-seq").each(function () {
      deform.addCallback(this.id, function (oid) {
        var $seq = $("#" + oid);
        var $before = $seq.find(".deform-insert-before").last();
        var orderable = parseInt($before.attr("orderable") || "0", 10);
        deform.processSequenceButtons($seq,
          parseInt($before.attr("min_len") || "0", 10),
          parseInt($before.attr("max_len") || "100000", 10),
          parseInt($before.attr("now_len") || "0", 10),
          orderable);
        if (orderable && $.fn.sortable) { sortable($seq.find("#" + oid + "-orderable")); }
      });
    });
  }

  function sortable($container) {
    var adjustment;
    $container.sortable({
      handle: ".deform-order-button, .card-header",
      containerSelector: "#" + $container.attr("id"),
      itemSelector: ".deform-seq-item",
      placeholder: '<i class="bi bi-arrow-right"></i>',
      onDragStart: function ($item, container, _super) {
        var offset = $item.offset();
        var pointer = container.rootGroup.pointer;
        adjustment = { left: pointer.left - offset.left, top: pointer.top - offset.top };
        _super($item, container);
      },
      onDrag: function ($item, position) {
        $item.css({ left: position.left - adjustment.left, top: position.top - adjustment.top });
      }
    });
  }

  register(document);

  /* A new item's widgets: deform runs the callbacks registered when the item's HTML goes
     in (its inline scripts did that), under the item's new ids. */
  var addSequenceItem = deform.addSequenceItem;
  deform.addSequenceItem = function (protonode, before) {
    register($(decodeURIComponent(protonode.attr("prototype"))));
    return addSequenceItem.call(deform, protonode, before);
  };

  /* The add and remove buttons (their onclick attributes in deform's templates). */
  $(document).on("click", ".deform-seq-add", function (event) {
    event.preventDefault();
    deform.appendSequenceItem(this);
  });
  $(document).on("click", ".deform-close-button", function (event) {
    event.preventDefault();
    deform.removeSequenceItem(this);
  });
}());
