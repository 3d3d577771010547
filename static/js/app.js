// Small enhancements; every page works without them.
(function () {
  "use strict";
  // "Lire à voix haute": the browser's own speech synthesis, shown only where it exists.
  document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
    if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
    var wrapper = button.closest("[hidden]");
    if (wrapper) wrapper.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        button.textContent = label;
        return;
      }
      var target = document.getElementById(button.dataset.readAloud);
      var utterance = new SpeechSynthesisUtterance(target.innerText);
      utterance.lang = target.lang || document.documentElement.lang || "fr";
      utterance.onend = function () { button.textContent = label; };
      button.textContent = button.dataset.labelStop;
      window.speechSynthesis.speak(utterance);
    });
  });
  // Lesson tables become cards on a phone (.table-cards): cells labelled here, not in the stored HTML.
  document.querySelectorAll(".lesson-body table").forEach(function (table) {
    var head = table.tHead && table.tHead.rows[0], each = Array.prototype.forEach;
    if (!head || table.querySelector("[colspan],[rowspan]")) return;
    each.call(table.tBodies, function (body) {
      each.call(body.rows, function (row) {
        each.call(row.cells, function (cell, i) {
          if (head.cells[i]) cell.setAttribute("data-label", head.cells[i].textContent.trim());
        });
      });
    });
    table.classList.add("table-cards");
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // Web exercises: one tab per file (without JavaScript, every file is shown, one under the other).
  document.querySelectorAll("[data-file-tabs]").forEach(function (box, boxIndex) {
    var panels = box.querySelectorAll("[data-file-panel]");
    if (panels.length < 2) return;
    var list = document.createElement("div");
    list.className = "file-tablist";
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", box.dataset.label || "Fichiers");
    var tabs = [];
    function select(index, focus) {
      tabs.forEach(function (tab, i) {
        tab.setAttribute("aria-selected", String(i === index));
        tab.tabIndex = i === index ? 0 : -1;
        panels[i].hidden = i !== index;
      });
      if (focus) tabs[index].focus();
    }
    panels.forEach(function (panel, i) {
      var label = panel.querySelector("label");
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = "file-tab-" + boxIndex + "-" + i;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = label ? label.textContent : "…";
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      tab.addEventListener("click", function () { select(i, false); });
      tab.addEventListener("keydown", function (event) {
        var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        select((next + tabs.length) % tabs.length, true);
      });
      tabs.push(tab);
      list.appendChild(tab);
    });
    box.insertBefore(list, box.firstChild);
    select(0, false);
  });
  // Live preview at a phone or a desktop width; a desktop page is scaled down to fit.
  var previewWidth = 375;
  function sizePreview() {
    var frame = document.querySelector("#preview iframe");
    if (!frame) return;
    var box = frame.parentNode;
    var available = box.clientWidth;
    var scale = previewWidth > available ? available / previewWidth : 1;
    frame.style.width = previewWidth + "px";
    frame.style.maxWidth = "none";
    frame.style.transform = scale < 1 ? "scale(" + scale + ")" : "";
    box.style.height = scale < 1 ? (frame.offsetHeight * scale + 2) + "px" : "";
    box.style.overflow = "hidden";
  }
  document.querySelectorAll("[data-preview-widths]").forEach(function (group) {
    group.hidden = false;
    group.querySelectorAll("[data-width]").forEach(function (button) {
      button.addEventListener("click", function () {
        previewWidth = parseInt(button.dataset.width, 10);
        group.querySelectorAll("[data-width]").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        sizePreview();
      });
    });
    sizePreview();
    window.addEventListener("resize", sizePreview);
    document.body.addEventListener("htmx:afterSwap", sizePreview);
  });
  // File inputs with a size limit: a file over it is refused before anything is sent (slow
  // connections), with the message next to the field; the server checks again. Photos: uploads.js.
  document.querySelectorAll("input[type=file][data-max-bytes]:not([data-image-max-side])").forEach(function (input) {
    var note = document.createElement("p");
    note.className = "errorlist";
    note.id = input.id + "-too-big";
    note.setAttribute("role", "alert");
    note.hidden = true;
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("change", function () {
      var limit = parseInt(input.dataset.maxBytes, 10);
      var tooBig = Array.prototype.some.call(input.files || [], function (file) { return file.size > limit; });
      input.setCustomValidity(tooBig ? input.dataset.tooBig : "");
      note.textContent = tooBig ? input.dataset.tooBig : "";
      note.hidden = !tooBig;
      if (tooBig) {
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + note.id).trim());
      }
    });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        if (!input.checkValidity()) { event.preventDefault(); input.focus(); }
      });
    }
  });
  window.addEventListener("pagehide", function () {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  });
})();
