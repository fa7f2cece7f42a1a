/* casebook.js: the index's search and filters (state kept in the URL's #hash so a filtered view can be linked,
 * e.g. cases.html#folder=locks&role=mistake&kind=data%20race&q=rwlock&predict=1), predict mode, and on case pages a
 * flash on the line a frame link jumps to and the step-through's buttons. Plain JS, no network, works from file://. */
(function () {
  "use strict";

  function readHash() {
    var state = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) state[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
    });
    return state;
  }

  function writeHash(state) {
    var parts = [];
    Object.keys(state).forEach(function (key) {
      if (state[key]) parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(state[key]));
    });
    try {
      history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
    } catch (e) { /* a browser that refuses it on file:// keeps the old hash */ }
  }

  function setUpIndex() {
    var search = document.getElementById("search");
    var folder = document.getElementById("folder");
    var kind = document.getElementById("kind");
    var role = document.getElementById("role");
    var shown = document.getElementById("shown");
    var rows = Array.prototype.slice.call(document.querySelectorAll(".case-row"));
    if (!search || !folder || !kind || !role) return;

    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var count = 0;
      rows.forEach(function (row) {
        var ok = (!folder.value || row.getAttribute("data-folder") === folder.value) &&
                 (!role.value || row.getAttribute("data-role") === role.value) &&
                 (!kind.value || row.getAttribute("data-kinds").split("|").indexOf(kind.value) >= 0) &&
                 words.every(function (w) { return row.getAttribute("data-search").indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) count++;
      });
      shown.textContent = count + " of " + rows.length + " cases";
      document.body.setAttribute("data-shown", String(count));
      var predicting = !!(predict && predict.checked);
      document.body.setAttribute("data-predict", predicting ? "yes" : "no");
      predictLinks(predicting);
      writeHash({ q: search.value, folder: folder.value, role: role.value, kind: kind.value,
                  predict: predicting ? "1" : "" });
    }

    var state = readHash();
    search.value = state.q || "";
    folder.value = state.folder || "";
    kind.value = state.kind || "";
    role.value = state.role || "";
    if (folder.value !== (state.folder || "")) folder.value = "";
    if (kind.value !== (state.kind || "")) kind.value = "";
    if (role.value !== (state.role || "")) role.value = "";
    var predict = document.getElementById("predict");
    if (predict) {
      predict.checked = state.predict === "1" || /[?&]predict\b/.test(location.search);
      predict.addEventListener("change", apply);
    }
    search.addEventListener("input", apply);
    folder.addEventListener("change", apply);
    kind.addEventListener("change", apply);
    role.addEventListener("change", apply);
    apply();
  }

  /* Predict mode: the list's switch (a checkbox the stylesheet reads) is kept in the URL (#predict=1) and handed
   * on to the case pages as ?predict, where everything that gives the answer away stays hidden until the
   * exercise's first answer is opened; links along the path keep it. */
  function withPredict(href) {
    if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#" || !/\.html(#|$)/.test(href) ||
        /(^|\/)answers\.html/.test(href)) return href;
    var at = href.indexOf("#");
    var page = at < 0 ? href : href.slice(0, at), fragment = at < 0 ? "" : href.slice(at);
    return page.replace(/\?.*$/, "") + "?predict" + fragment;
  }

  function predictLinks(on) {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      if (!a.hasAttribute("data-href")) a.setAttribute("data-href", a.getAttribute("href"));
      var plain = a.getAttribute("data-href");
      a.setAttribute("href", on ? withPredict(plain) : plain);
    });
  }

  function setUpPredictOnCase() {
    if (!/[?&]predict\b/.test(location.search)) return;
    document.body.classList.add("predict");
    predictLinks(true);
    var first = document.querySelector("#exercise details.answer");
    if (first) first.addEventListener("toggle", function () {
      if (first.open) document.body.classList.remove("predict");
    });
  }

  /* A step-through (#steps on a case page): the list of steps becomes one step at a time, with buttons to go back
   * and on, one to show them all, and the arrow keys; what the current step is goes to a live region, which a
   * screen reader reads out. The buttons are made here: without the script the list shows every step and there is
   * no button that would do nothing. A button at the end of the list is marked aria-disabled, not disabled, so
   * that it keeps the keyboard's focus. */
  function setUpSteppers() {
    Array.prototype.forEach.call(document.querySelectorAll(".stepper"), function (box) {
      var list = box.querySelector("ol.steps");
      var items = list ? Array.prototype.slice.call(list.querySelectorAll("li.step")) : [];
      if (!items.length) return;
      var text = box.dataset;
      var bar = document.createElement("div");
      bar.className = "step-controls";
      function button(label, cls) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = cls;
        b.textContent = label;
        bar.appendChild(b);
        return b;
      }
      var previous = button(text.previous, "step-previous");
      var next = button(text.next, "step-next");
      var all = button(text.all, "step-all");
      all.setAttribute("aria-pressed", "false");
      var status = document.createElement("p");
      status.className = "step-status";
      status.setAttribute("aria-live", "polite");
      var keys = document.createElement("p");
      keys.className = "hint step-keys";
      keys.textContent = text.keys;
      box.insertBefore(bar, list);
      box.insertBefore(status, list);
      box.insertBefore(keys, bar);
      var current = 0, everything = false;

      function show(k) {
        current = Math.max(0, Math.min(items.length - 1, k));
        items.forEach(function (item, i) {
          item.hidden = !everything && i > current;
          item.classList.toggle("current", !everything && i === current);
          if (!everything && i === current) item.setAttribute("aria-current", "step");
          else item.removeAttribute("aria-current");
        });
        previous.setAttribute("aria-disabled", String(everything || current === 0));
        next.setAttribute("aria-disabled", String(everything || current === items.length - 1));
        all.setAttribute("aria-pressed", String(everything));
        status.textContent = everything ? text.allStatus :
          text.status.replace("{k}", current + 1).replace("{n}", items.length) + ": " +
          items[current].textContent.replace(/\s+/g, " ").trim();
      }
      previous.addEventListener("click", function () { if (!everything) show(current - 1); });
      next.addEventListener("click", function () { if (!everything) show(current + 1); });
      all.addEventListener("click", function () { everything = !everything; show(current); });
      box.addEventListener("keydown", function (event) {
        if (everything || event.altKey || event.ctrlKey || event.metaKey) return;
        var to = {ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: items.length - 1}[event.key];
        if (to === undefined) return;
        event.preventDefault();
        show(to);
      });
      box.classList.add("stepping");
      show(0);
    });
  }

  function flashTarget() {
    var id = location.hash.replace(/^#/, "");
    if (!/^L\d+$/.test(id)) return;
    var row = document.getElementById(id);
    if (!row) return;
    row.classList.remove("flash");
    void row.offsetWidth;
    row.classList.add("flash");
  }

  if (document.body.classList.contains("index")) {
    setUpIndex();
  } else {
    setUpPredictOnCase();
    setUpSteppers();
    window.addEventListener("hashchange", flashTarget);
    flashTarget();
  }
  document.body.setAttribute("data-ready", "yes");
})();
