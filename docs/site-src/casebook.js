/* casebook.js: the index's search and filters (state kept in the URL's #hash so a filtered view can be linked,
 * e.g. cases.html#folder=locks&role=mistake&kind=data%20race&q=rwlock), and on case pages a flash on the line a frame link
 * jumps to. Plain JS, no network, works from file://. */
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
      writeHash({ q: search.value, folder: folder.value, role: role.value, kind: kind.value });
    }

    var state = readHash();
    search.value = state.q || "";
    folder.value = state.folder || "";
    kind.value = state.kind || "";
    role.value = state.role || "";
    if (folder.value !== (state.folder || "")) folder.value = "";
    if (kind.value !== (state.kind || "")) kind.value = "";
    if (role.value !== (state.role || "")) role.value = "";
    search.addEventListener("input", apply);
    folder.addEventListener("change", apply);
    kind.addEventListener("change", apply);
    role.addEventListener("change", apply);
    apply();
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
    window.addEventListener("hashchange", flashTarget);
    flashTarget();
  }
  document.body.setAttribute("data-ready", "yes");
})();
