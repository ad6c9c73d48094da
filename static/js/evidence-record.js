// Audio and video recording with MediaRecorder: start, stop, a running timer, a preview to play back,
// then the recording is sent through the evidence form. Browsers without MediaRecorder keep the file field.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }

  var TYPES = {
    audio: ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"],
    video: ["video/webm;codecs=vp8,opus", "video/webm", "video/mp4"]
  };

  function pickType(kind) {
    for (var i = 0; i < TYPES[kind].length; i++) {
      if (window.MediaRecorder.isTypeSupported(TYPES[kind][i])) { return TYPES[kind][i]; }
    }
    return "";
  }

  function extensionFor(type) {
    if (type.indexOf("mp4") !== -1) { return type.indexOf("audio") === 0 ? ".m4a" : ".mp4"; }
    if (type.indexOf("ogg") !== -1) { return ".ogg"; }
    return ".webm";
  }

  ready(function () {
    var box = document.querySelector("[data-recorder]");
    if (!box || !window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    var kind = box.getAttribute("data-recorder");
    var form = box.closest("form");
    var start = box.querySelector("[data-start]");
    var stop = box.querySelector("[data-stop]");
    var timer = box.querySelector("[data-timer]");
    var status = box.querySelector("[data-status]");
    var playback = box.querySelector("[data-playback]");
    var preview = box.querySelector("[data-preview]");
    var recorder = null;
    var chunks = [];
    var blob = null;
    var started = 0;
    var tick = null;
    box.hidden = false;

    function show(seconds) {
      var s = Math.floor(seconds % 60);
      timer.textContent = Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
    }

    start.addEventListener("click", function () {
      var constraints = kind === "video" ? { audio: true, video: { facingMode: "user" } } : { audio: true };
      navigator.mediaDevices.getUserMedia(constraints).then(function (stream) {
        var type = pickType(kind);
        recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
        chunks = [];
        blob = null;
        if (preview) { preview.srcObject = stream; preview.hidden = false; preview.play(); }
        recorder.addEventListener("dataavailable", function (e) { if (e.data.size) { chunks.push(e.data); } });
        recorder.addEventListener("stop", function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          if (preview) { preview.srcObject = null; preview.hidden = true; }
          blob = new Blob(chunks, { type: (recorder.mimeType || type || kind + "/webm").split(";")[0] });
          var player = document.createElement(kind);
          player.controls = true;
          player.src = URL.createObjectURL(blob);
          playback.replaceChildren(player);
          status.textContent = status.getAttribute("data-done") || "Recorded. Listen back, then save or record again.";
        });
        recorder.start(1000);
        started = Date.now();
        show(0);
        tick = window.setInterval(function () { show((Date.now() - started) / 1000); }, 250);
        start.disabled = true;
        stop.disabled = false;
        stop.focus();
        status.textContent = status.getAttribute("data-recording") || "Recording…";
      }).catch(function () {
        status.textContent = status.getAttribute("data-denied") ||
          "The browser did not allow recording. You can still choose a recording file below.";
      });
    });

    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") { recorder.stop(); }
      window.clearInterval(tick);
      start.disabled = false;
      stop.disabled = true;
      start.focus();
    });

    form.addEventListener("submit", function (event) {
      var fileInput = form.querySelector("input[type=file]");
      if (!blob || (fileInput && fileInput.files.length)) { return; }
      event.preventDefault();
      window.pollinateEvidence.submitWithBlob(form, blob, "recording" + extensionFor(blob.type));
    });
  });
})();
