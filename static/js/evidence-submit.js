// Shared by the drawing and recording pages: send the form with a blob made in the browser as its file.
// Without JavaScript the same form posts a chosen file; this only adds the in-browser capture.
(function () {
  "use strict";
  window.pollinateEvidence = {
    submitWithBlob: function (form, blob, filename) {
      var data = new FormData(form);
      data.set("file", new File([blob], filename, { type: blob.type }));
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      return fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                                  headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          if (response.redirected) { window.location.assign(response.url); return; }
          return response.text().then(function (html) {
            document.open(); document.write(html); document.close();
          });
        })
        .catch(function () {
          if (button) { button.disabled = false; }
          window.alert(form.getAttribute("data-network-error") || "Could not save. Check the connection and try again.");
        });
    }
  };
})();
