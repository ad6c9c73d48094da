// Drawing canvas: pen, eraser, colour, size, undo, start again. Saved as a PNG through the evidence form.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }

  ready(function () {
    var box = document.querySelector("[data-draw]");
    var form = document.querySelector("[data-evidence-form=drawing]");
    if (!box || !form) { return; }
    var canvas = box.querySelector("[data-canvas]");
    var ctx = canvas.getContext("2d");
    var colour = box.querySelector("[data-colour]");
    var size = box.querySelector("[data-size]");
    var tool = "pen";
    var history = [];
    var drawing = false;
    var dirty = false;
    box.hidden = false;

    function blank() { ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height); }
    blank();

    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: (event.clientX - rect.left) * canvas.width / rect.width,
               y: (event.clientY - rect.top) * canvas.height / rect.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      history.push(ctx.getImageData(0, 0, canvas.width, canvas.height));
      if (history.length > 30) { history.shift(); }
      drawing = true;
      dirty = true;
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.lineWidth = Number(size.value) * (tool === "eraser" ? 3 : 1);
      ctx.strokeStyle = tool === "eraser" ? "#ffffff" : colour.value;
      ctx.lineTo(p.x + 0.01, p.y);
      ctx.stroke();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var p = point(event);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    box.querySelectorAll("[data-tool]").forEach(function (button) {
      button.addEventListener("click", function () {
        tool = button.getAttribute("data-tool");
        box.querySelectorAll("[data-tool]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      });
    });
    box.querySelector("[data-undo]").addEventListener("click", function () {
      if (history.length) { ctx.putImageData(history.pop(), 0, 0); }
    });
    box.querySelector("[data-clear]").addEventListener("click", function () {
      history.push(ctx.getImageData(0, 0, canvas.width, canvas.height));
      blank();
      dirty = false;
    });
    form.addEventListener("submit", function (event) {
      var fileInput = form.querySelector("input[type=file]");
      // A chosen file wins over an untouched canvas; a drawing wins over nothing.
      if (!dirty || (fileInput && fileInput.files.length)) { return; }
      event.preventDefault();
      canvas.toBlob(function (blob) { window.pollinateEvidence.submitWithBlob(form, blob, "drawing.png"); }, "image/png");
    });
  });
})();
