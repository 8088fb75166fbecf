// Selecting text in the report sets the quote of the form on the page: offsets in the stored text
// (in code points, as Python counts them), whatever line ends the browser shows.
(function () {
  "use strict";
  var box = document.getElementById("sillok-report");
  var source = document.getElementById("sillok-report-json");
  if (!box || !source) { return; }
  var text = JSON.parse(source.textContent);
  // The browser turns "\r\n" and "\r" into "\n"; map each shown UTF-16 index to a stored code-point index.
  var map = [];
  var cp = 0;
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) { cp++; continue; }
    map.push(cp);
    if (c >= 0xd800 && c <= 0xdbff) { map.push(cp); i++; }
    cp++;
  }
  map.push(cp);
  function offsetIn(node, offset) {
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    var total = 0;
    var n;
    while ((n = walker.nextNode())) {
      if (n === node) { return total + offset; }
      total += n.nodeValue.length;
    }
    return null;
  }
  function pick() {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var r = sel.getRangeAt(0);
    if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) { return; }
    var a = offsetIn(r.startContainer, r.startOffset);
    var b = offsetIn(r.endContainer, r.endOffset);
    if (a === null || b === null || b <= a) { return; }
    var start = map[a], end = map[b];
    var shown = Array.from(text).slice(start, end).join("");
    document.querySelectorAll(".sillok-quote-pick").forEach(function (p) {
      p.querySelector(".sillok-qs").value = start;
      p.querySelector(".sillok-qe").value = end;
      p.querySelector(".sillok-quote-preview").textContent = shown;
    });
  }
  box.addEventListener("mouseup", pick);
  box.addEventListener("keyup", pick);
  document.addEventListener("selectionchange", function () { window.clearTimeout(box._t); box._t = window.setTimeout(pick, 150); });
})();
