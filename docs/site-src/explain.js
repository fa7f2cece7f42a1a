/* explain.js: the explain page (templates/explain.html). The explanation is computed by tsan-verify explain's own C
 * code compiled to WebAssembly for WASI (harness/web/explain_page.c), which explain-wasm.js carries as base64 (a
 * script, not a fetch: the page works from file:// and offline). WASI is the module's interface to the system; the
 * module reads no file, clock or environment, so this page provides only what its C library asks for: writing
 * (its error messages, to the standard error stream), and exit. The pasted text goes in as UTF-8; what comes out is
 * what `tsan-verify explain - < report.txt` prints on its standard output, then on its standard error, with each
 * case a lesson line names linked to its page on this site (the text stays the same, character for character). */
(function () {
  "use strict";
  var form = document.getElementById("explain-form");
  if (!form || !window.WebAssembly) {
    if (form) document.getElementById("explain-status").textContent =
      "This browser cannot run WebAssembly, so it cannot explain a report: tsan-verify explain gives the same text.";
    return;
  }
  var input = document.getElementById("explain-input");
  var button = document.getElementById("explain-button");
  var status = document.getElementById("explain-status");
  var result = document.getElementById("explain-result");
  var pages = {};
  JSON.parse(form.getAttribute("data-pages") || "[]").forEach(function (page) { pages[page] = true; });
  var WASI_ENOSYS = 52;
  var EXIT_WORDS = {
    0: "the log proves that TSan ran and reported nothing.",
    1: "the log holds reports, each explained above.",
    2: "the log cannot be read or believed (the message above says why)."
  };

  function base64Bytes(text) {
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function Exit(code) { this.code = code; }

  // An instance of the module with WASI's functions: fd_write into `written` (the module writes to the standard
  // error stream only when it stops, such as out of memory), proc_exit as an exception, and every other function
  // WASI has answering ENOSYS ("not implemented"), which no path of the page's code reaches.
  function instantiate(module) {
    var written = [], instance = null;
    var wasi = {};
    WebAssembly.Module.imports(module).forEach(function (entry) {
      if (entry.kind === "function") wasi[entry.name] = function () { return WASI_ENOSYS; };
    });
    wasi.fd_write = function (fd, iovs, count, out) {
      var memory = instance.exports.memory.buffer, view = new DataView(memory), total = 0;
      for (var i = 0; i < count; i++) {
        var at = view.getUint32(iovs + 8 * i, true), length = view.getUint32(iovs + 8 * i + 4, true);
        written.push(new Uint8Array(memory.slice(at, at + length)));
        total += length;
      }
      view.setUint32(out, total, true);
      return 0;
    };
    wasi.proc_exit = function (code) { throw new Exit(code); };
    instance = new WebAssembly.Instance(module, {wasi_snapshot_preview1: wasi});
    instance.exports._initialize();
    return {exports: instance.exports, written: written};
  }

  var decoder = new TextDecoder("utf-8", {ignoreBOM: true});
  function text(exports, at, length) {
    return decoder.decode(new Uint8Array(exports.memory.buffer, at >>> 0, length >>> 0));
  }

  // {stdout, stderr, status} of `tsan-verify explain` on `report`.
  function explain(module, report) {
    var run = instantiate(module), exports = run.exports;
    var bytes = new TextEncoder().encode(report);
    try {
      var at = exports.page_input(bytes.length) >>> 0;
      new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
      var code = exports.page_explain();
      return {stdout: text(exports, exports.page_output(), exports.page_output_length()),
              stderr: text(exports, exports.page_error(), exports.page_error_length()), status: code};
    } catch (stop) {
      if (!(stop instanceof Exit)) throw stop;
      var message = run.written.map(function (chunk) { return decoder.decode(chunk); }).join("");
      return {stdout: "", stderr: message || "tsan-verify explain stopped (exit " + stop.code + ")\n",
              status: stop.code};
    }
  }

  // A line of the output as nodes: on a lesson line, each case name ("locks/lock_write_only_fixed", or its page
  // "locks/lock_write_only_fixed.html") that has a page on this site becomes a link to it.
  var CASE = /[A-Za-z0-9_]+\/[A-Za-z0-9_]+_(?:bug|fixed)(?:\.html)?/g;
  function appendLine(parent, line) {
    if (!/^\s*lesson: /.test(line)) {
      parent.appendChild(document.createTextNode(line));
      return;
    }
    var last = 0, match;
    CASE.lastIndex = 0;
    while ((match = CASE.exec(line)) !== null) {
      var page = match[0].replace(/\.html$/, "") + ".html";
      if (!pages[page]) continue;
      parent.appendChild(document.createTextNode(line.slice(last, match.index)));
      var link = document.createElement("a");
      link.href = page;
      link.textContent = match[0];
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  function block(id, className, label, content, linked) {
    var pre = document.createElement("pre");
    pre.id = id;
    pre.className = className;
    pre.setAttribute("role", "group");
    pre.setAttribute("aria-label", label);
    var lines = content.split("\n");
    lines.forEach(function (line, k) {
      if (linked) appendLine(pre, line); else pre.appendChild(document.createTextNode(line));
      if (k + 1 < lines.length) pre.appendChild(document.createTextNode("\n"));
    });
    return pre;
  }

  function show(outcome) {
    var parts = [];
    if (outcome.stdout)
      parts.push(block("explain-stdout", "explain-output", "the explanation", outcome.stdout, true));
    if (outcome.stderr)
      parts.push(block("explain-stderr", "explain-errors", "what tsan-verify explain says on its standard error",
                       outcome.stderr, false));
    var exit = document.createElement("p");
    exit.id = "explain-exit";
    exit.setAttribute("data-status", String(outcome.status));
    exit.textContent = "Exit status " + outcome.status + ": " + (EXIT_WORDS[outcome.status] || "unexpected.");
    parts.push(exit);
    result.replaceChildren.apply(result, parts);
  }

  var module = null;
  button.disabled = true;
  WebAssembly.compile(base64Bytes(window.casebookExplainWasm || "")).then(function (compiled) {
    module = compiled;
    button.disabled = false;
    status.textContent = "Ready: the explainer runs in this page.";
    form.setAttribute("data-ready", "true");
  }, function (error) {
    status.textContent = "The explainer could not be loaded (" + error.message + "): tsan-verify explain gives " +
      "the same text.";
    form.setAttribute("data-ready", "failed");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!module) return;
    try {
      show(explain(module, input.value));
    } catch (error) {
      show({stdout: "", stderr: "the explainer failed: " + error.message + "\n", status: 2});
    }
  });
})();
