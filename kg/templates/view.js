// The page's controls: search, kind filters, reset, and the evidence panel.
// Document text is only ever put into the page with textContent, never as HTML.
(function () {
  "use strict";
  var nodes = new vis.DataSet(KG_DATA.nodes);
  var edges = new vis.DataSet(KG_DATA.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, KG_DATA.options);
  var panel = document.getElementById("kg-panel");
  var search = document.getElementById("kg-search");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#kg-kinds input"));

  function markStable() {
    document.body.setAttribute("data-stable", "1");
  }
  if (KG_DATA.options.physics.enabled === false) {
    network.once("afterDrawing", markStable);
  } else {
    // stop the simulation once stable, so a large page stays responsive
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      markStable();
    });
  }

  function element(tag, text, cls) {
    var el = document.createElement(tag);
    if (text) { el.textContent = text; }
    if (cls) { el.className = cls; }
    return el;
  }

  function showEvidence(heading, meta, evidence, count) {
    panel.replaceChildren(element("h2", heading), element("p", meta, "kg-meta"));
    var list = element("ol");
    evidence.forEach(function (e) {
      var item = element("li");
      item.appendChild(element("q", e.text));
      var source = [e.note, e.doc, e.date].filter(Boolean).join(" · ");
      item.appendChild(element("span", source, "kg-source"));
      list.appendChild(item);
    });
    if (!evidence.length) { list.appendChild(element("li", "no sentence: from the division table or an inference")); }
    panel.appendChild(list);
    if (count > evidence.length) { panel.appendChild(element("p", "… " + (count - evidence.length) + " more", "kg-meta")); }
  }

  function showNode(id) {
    var n = nodes.get(id);
    var aliases = n.aliases.length ? " · 别名 " + n.aliases.join("、") : "";
    showEvidence(n.label, n.kind + " · " + n.mentions + " mentions" + aliases, n.evidence, n.mentions);
  }

  function showEdge(id) {
    var e = edges.get(id);
    var heading = nodes.get(e.from).label + " → " + nodes.get(e.to).label;
    showEvidence(heading, e.relation + " · " + e.count + " sentences", e.evidence, e.count);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  function setKind(kind, visible) {
    var box = boxes.filter(function (b) { return b.dataset.kind === kind; })[0];
    if (box) { box.checked = visible; }
    nodes.update(nodes.getIds({filter: function (n) { return n.kind === kind; }})
      .map(function (id) { return {id: id, hidden: !visible}; }));
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () { setKind(box.dataset.kind, box.checked); });
  });

  function findNode(query) {
    var q = query.trim();
    if (!q) { return null; }
    var tests = [
      function (n) { return n.label === q; },
      function (n) { return n.aliases.indexOf(q) !== -1; },
      function (n) { return n.label.indexOf(q) !== -1 || n.aliases.some(function (a) { return a.indexOf(q) !== -1; }); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = nodes.get({filter: tests[i]});
      if (found.length) { return found[0]; }
    }
    return null;
  }

  function focusNode(query) {
    var n = findNode(query);
    if (!n) {
      panel.replaceChildren(element("p", "没有找到 not found: " + query, "kg-hint"));
      return null;
    }
    if (n.hidden) { setKind(n.kind, true); }
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: 1.0, animation: false});
    showNode(n.id);
    return n.id;
  }

  document.getElementById("kg-find").addEventListener("submit", function (event) {
    event.preventDefault();
    focusNode(search.value);
  });

  function reset() {
    boxes.forEach(function (box) { setKind(box.dataset.kind, true); });
    search.value = "";
    network.unselectAll();
    network.fit({animation: false});
    panel.replaceChildren(element("p", "点击节点或连线查看原句 · click a node or edge to see its sentences", "kg-hint"));
  }
  document.getElementById("kg-reset").addEventListener("click", reset);

  var names = document.getElementById("kg-names");
  nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });

  window.kgView = {network: network, nodes: nodes, edges: edges, focusNode: focusNode, setKind: setKind, reset: reset};
})();
