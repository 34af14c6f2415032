/* kg network page: builds the vis-network view from the inlined JSON, then wires the legend
   (with a type filter), the search box and the details panel. Text is only ever set with
   textContent / vis' own innerText tooltips, never parsed as HTML. */
(function () {
  "use strict";

  var GLYPHS = {
    dot: "\u25CF", square: "\u25A0", diamond: "\u25C6", triangle: "\u25B2",
    triangleDown: "\u25BC", star: "\u2605", hexagon: "\u2B22"
  };

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = new Set();
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenTypes.has(n.type); }
  });

  var kg = { ready: false, stabiliseMs: null, iterations: null, hiddenTypes: hiddenTypes };
  window.kg = kg;
  window.nodes = nodes;
  window.edges = edges;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var progress = document.getElementById("kg-progress");
  var started = performance.now();
  var network = new vis.Network(
    document.getElementById("kg-graph"), { nodes: nodeView, edges: edges }, data.options
  );
  window.network = network;

  function finish(iterations) {
    if (kg.ready) { return; }
    network.setOptions({ physics: { enabled: false } });
    kg.stabiliseMs = Math.round(performance.now() - started);
    kg.iterations = iterations;
    kg.readyAt = Math.round(performance.now());
    kg.ready = true;
    progress.hidden = true;
    document.body.setAttribute("data-kg-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "Laying out " + nodes.length + " nodes\u2026 " +
      Math.round(100 * p.iterations / p.total) + "%";
  });
  network.on("stabilizationIterationsDone", function () {
    finish(data.options.physics.stabilization.iterations);
  });
  network.once("stabilized", function (p) { finish(p && p.iterations); });
  if (nodes.length === 0) { finish(0); }

  /* ---- legend and type filter ---- */
  var legend = document.getElementById("kg-legend");
  legend.appendChild(el("h3", null, "Nodes"));
  data.legend.types.forEach(function (t) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.value);
    box.addEventListener("change", function () {
      if (box.checked) { hiddenTypes.delete(t.value); } else { hiddenTypes.add(t.value); }
      nodeView.refresh();
    });
    var glyph = el("span", "kg-glyph", GLYPHS[t.shape] || GLYPHS.dot);
    glyph.style.color = t.color;
    label.appendChild(box);
    label.appendChild(glyph);
    label.appendChild(el("span", null, t.type));
    label.appendChild(el("span", "kg-count", "(" + t.count + ")"));
    legend.appendChild(label);
  });
  if (data.legend.stances.length) {
    legend.appendChild(el("h3", null, "Stance"));
    data.legend.stances.forEach(function (s) {
      var row = el("div", "kg-row");
      var line = el("span", "kg-line");
      line.style.borderTopColor = s.color;
      row.appendChild(line);
      row.appendChild(el("span", null, s.stance));
      legend.appendChild(row);
    });
    legend.appendChild(el("div", "kg-note", "Line width: weight"));
  }

  /* ---- details panel (click) ---- */
  var details = document.getElementById("kg-details");
  function showDetails(head, text) {
    document.getElementById("kg-details-head").textContent = head;
    document.getElementById("kg-details-text").textContent = text;
    details.hidden = false;
  }
  document.getElementById("kg-details-close").addEventListener("click", function () {
    details.hidden = true;
  });
  function showNode(id) {
    var n = nodes.get(id);
    if (n) { showDetails(n.fullLabel + (n.type ? " \u2014 " + n.type : ""), n.title); }
  }
  network.on("click", function (p) {
    if (p.nodes.length) {
      showNode(p.nodes[0]);
    } else if (p.edges.length) {
      var e = edges.get(p.edges[0]);
      var a = nodes.get(e.from), b = nodes.get(e.to);
      showDetails(a.fullLabel + " \u2192 " + b.fullLabel + " (" + e.label + ")", e.title);
    } else {
      details.hidden = true;
    }
  });

  /* ---- search ---- */
  var list = document.getElementById("kg-labels");
  var seenLabels = new Set();
  nodes.forEach(function (n) {
    if (seenLabels.has(n.fullLabel)) { return; }
    seenLabels.add(n.fullLabel);
    var opt = el("option");
    opt.value = n.fullLabel;
    list.appendChild(opt);
  });
  var message = document.getElementById("kg-message");
  function findNode(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var tests = [
      function (l) { return l === q; },
      function (l) { return l.indexOf(q) === 0; },
      function (l) { return l.indexOf(q) !== -1; }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = nodes.get({ filter: function (n) { return tests[i](n.fullLabel.toLowerCase()); } });
      if (hit.length) { return hit[0]; }
    }
    return null;
  }
  function focusNode(query) {
    var n = findNode(query);
    if (!n) {
      message.textContent = query.trim() ? "No node matches \u201C" + query.trim() + "\u201D" : "";
      return null;
    }
    message.textContent = "";
    if (hiddenTypes.has(n.type)) {
      hiddenTypes.delete(n.type);
      var box = legend.querySelector('input[data-type="' + CSS.escape(n.type) + '"]');
      if (box) { box.checked = true; }
      nodeView.refresh();
    }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(n.id);
    return n.id;
  }
  kg.focusNode = focusNode;
  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    focusNode(document.getElementById("kg-search-input").value);
  });
})();
