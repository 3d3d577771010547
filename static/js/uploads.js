// Uploads with a limit (config.files.upload_limits writes it in data- attributes): a photo is
// downscaled here before it is sent, so a 20 MB phone photo crosses a slow connection as a few
// hundred KB; a file that cannot be made small enough is refused before anything is sent, with the
// message next to the field. Without JavaScript the server downscales and refuses in the same way.
(function () {
  "use strict";
  var FIELDS = "input[type=file][data-image-max-side]"; // other inputs with a limit: static/js/app.js
  var RESIZABLE = /^image\/(jpeg|png|webp)$/;
  var pending = new WeakMap(); // input → its files being prepared
  var canReplaceFiles = (function () {
    try { return Boolean(new DataTransfer().items); } catch (error) { return false; }
  })();

  function limitsOf(element) {
    var data = element.dataset;
    var maxBytes = parseInt(data.maxBytes, 10);
    return { maxBytes: maxBytes, requestBytes: parseInt(data.maxRequestBytes, 10) || maxBytes,
             side: parseInt(data.imageMaxSide, 10) || 0 };
  }

  // The photo at most `side` pixels on its longest side (upright, without its metadata), as PNG for a
  // PNG that stays small enough, else as JPEG; null when even that is too heavy.
  function downscale(file, limit) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, limit.side / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size <= limit.maxBytes) { bitmap.close(); return file; }
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      var context = canvas.getContext("2d");
      context.imageSmoothingQuality = "high";
      var attempts = (file.type === "image/png" ? [["image/png"]] : []).concat([["image/jpeg", 0.85], ["image/jpeg", 0.7]]);
      function attempt(index) {
        if (index === attempts.length) { bitmap.close(); return null; }
        var type = attempts[index][0];
        if (type === "image/jpeg") { // no transparency in JPEG: white, not black
          context.fillStyle = "#fff";
          context.fillRect(0, 0, canvas.width, canvas.height);
        }
        context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) { canvas.toBlob(resolve, type, attempts[index][1]); }).then(function (blob) {
          if (!blob || blob.size > limit.maxBytes) return attempt(index + 1);
          bitmap.close();
          var name = file.name.replace(/\.[^.\/]*$/, "") + (type === "image/png" ? ".png" : ".jpg");
          return new File([blob], name, { type: type, lastModified: file.lastModified });
        });
      }
      return attempt(0);
    });
  }

  // What to send instead of `file`: itself, a downscaled copy, or null when it cannot be sent.
  function fit(file, limit, mayReplace) {
    var image = limit.side > 0 && /^image\/(jpeg|png|gif|webp)$/.test(file.type);
    // The server downscales an image it receives (up to requestBytes); anything else must fit as it is.
    var asItIs = file.size <= (image ? limit.requestBytes : limit.maxBytes) ? file : null;
    if (!image || !mayReplace || !RESIZABLE.test(file.type) || !window.createImageBitmap) return Promise.resolve(asItIs);
    return downscale(file, limit).catch(function () { return asItIs; });
  }

  function noteFor(input) {
    var id = (input.id || input.name) + "-upload-note";
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("div");
      note.id = id;
      note.setAttribute("role", "status");
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
    }
    return note;
  }

  function say(input, text, isError) {
    var note = noteFor(input);
    // A live region announces a change, not the content it is created with: let it exist first.
    setTimeout(function () {
      note.className = isError ? "errorlist" : "hint";
      note.textContent = text || "";
    }, 50);
  }

  document.querySelectorAll(FIELDS).forEach(noteFor);

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(FIELDS)) return;
    var limit = limitsOf(input);
    var files = Array.prototype.slice.call(input.files || []);
    var resizing = canReplaceFiles && limit.side > 0 && files.some(function (file) { return RESIZABLE.test(file.type); });
    input.setCustomValidity("");
    say(input, "", false);
    // Said only when it takes a while: a small picture is ready before anyone would hear it.
    var slow = resizing && setTimeout(function () { say(input, input.dataset.resizing, false); }, 300);
    var ready = Promise.all(files.map(function (file) { return fit(file, limit, canReplaceFiles); })).then(function (sent) {
      clearTimeout(slow);
      if (pending.get(input) !== ready) return; // another choice since
      pending.delete(input);
      if (sent.indexOf(null) !== -1) {
        input.setCustomValidity(input.dataset.tooBig);
        say(input, input.dataset.tooBig, true);
        return;
      }
      var replaced = sent.some(function (file, index) { return file !== files[index]; });
      if (replaced) {
        var transfer = new DataTransfer();
        sent.forEach(function (file) { transfer.items.add(file); });
        input.files = transfer.files;
      }
      say(input, replaced ? input.dataset.resized : "", false);
    });
    pending.set(input, ready);
  });

  // Captured before htmx or the browser sends the form: wait for photos being downscaled, and
  // keep a file that is too heavy from being sent (forms with novalidate included).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var inputs = Array.prototype.filter.call(form.elements || [], function (element) {
      return element.matches && element.matches(FIELDS);
    });
    var waiting = inputs.map(function (input) { return pending.get(input); }).filter(Boolean);
    var invalid = inputs.filter(function (input) { return input.validity.customError; })[0];
    if (!waiting.length && !invalid) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (invalid && !waiting.length) { invalid.focus(); return; }
    var submitter = event.submitter || null;
    Promise.all(waiting).then(function () {
      if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
    });
  }, true);

  // Rich text editors (CKEditor 5, django-ckeditor-5's hook): the same for a picture added from the
  // toolbar, dropped or pasted; the editor shows the message when it cannot be sent.
  document.querySelectorAll("textarea[data-image-max-side]").forEach(function (area) {
    if (!window.ckeditorRegisterCallback) return;
    window.ckeditorRegisterCallback(area.id, function (editor) {
      if (!editor.plugins.has("FileRepository")) return;
      var repository = editor.plugins.get("FileRepository");
      var createAdapter = repository.createUploadAdapter;
      if (!createAdapter) return;
      repository.createUploadAdapter = function (loader) {
        var adapter = createAdapter(loader);
        var upload = adapter.upload.bind(adapter);
        adapter.upload = function () {
          return loader.file.then(function (file) { return fit(file, limitsOf(area), true); }).then(function (file) {
            if (!file) throw area.dataset.tooBig;
            Object.defineProperty(loader, "file", { value: Promise.resolve(file), configurable: true });
            return upload();
          });
        };
        return adapter;
      };
    });
  });
})();
