// planparse review page: search and filters. Allowed by the page's CSP through its SHA-256
// hash; reads only data-* attributes and text, writes only `hidden`, classes and counts
// (never HTML), uses no eval and no network.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("section.item"));
  var unitRows = Array.prototype.slice.call(document.querySelectorAll("table.by-unit tbody tr"));
  var parts = Array.prototype.slice.call(document.querySelectorAll("h2.part"));
  var field = function (name) { return form.elements.namedItem(name); };
  var shown = document.getElementById("filter-count");
  var outline = {};
  Array.prototype.slice.call(document.querySelectorAll("nav.outline li > a:not(.unit-filter)")).forEach(function (a) {
    outline[(a.getAttribute("href") || "").slice(1)] = a;
  });

  function units(item) {
    return Array.prototype.slice.call(item.querySelectorAll(".x-unit")).map(function (el) {
      return { unit: el.getAttribute("data-unit") || "", role: el.getAttribute("data-role") || "" };
    });
  }
  var facts = items.map(function (item) {
    return {
      item: item,
      text: (item.textContent || "").toLowerCase(),
      units: units(item),
      deadline: item.getAttribute("data-deadline") || "",
      doubt: item.getAttribute("data-doubt") === "true"
    };
  });

  function wanted() {
    return {
      text: (field("q").value || "").trim().toLowerCase(),
      unit: field("unit").value,
      role: field("role").value,
      from: field("from").value,
      to: field("to").value,
      doubt: field("doubt").checked
    };
  }

  function keeps(fact, want) {
    if (want.text && fact.text.indexOf(want.text) < 0) { return false; }
    if (want.unit || want.role) {
      var hit = fact.units.some(function (u) {
        return (!want.unit || u.unit === want.unit) && (!want.role || u.role === want.role);
      });
      if (!hit) { return false; }
    }
    if (want.from || want.to) {
      if (!fact.deadline) { return false; }
      if (want.from && fact.deadline < want.from) { return false; }
      if (want.to && fact.deadline > want.to) { return false; }
    }
    if (want.doubt && !fact.doubt) { return false; }
    return true;
  }

  function apply() {
    var want = wanted();
    var count = 0;
    var visible = {};
    facts.forEach(function (fact) {
      var keep = keeps(fact, want);
      fact.item.hidden = !keep;
      var link = outline[fact.item.id];
      if (link) { link.classList.toggle("filtered-out", !keep); }
      if (keep) { count += 1; visible[fact.item.getAttribute("data-id")] = true; }
    });
    parts.forEach(function (h2) {
      var next = h2.nextElementSibling;
      var any = false;
      while (next && next.tagName !== "H2") {
        if (next.classList.contains("item") && !next.hidden) { any = true; }
        next = next.nextElementSibling;
      }
      h2.hidden = !any;
    });
    unitRows.forEach(function (row) {
      row.hidden = !visible[row.getAttribute("data-item")] ||
        (want.unit !== "" && row.getAttribute("data-unit") !== want.unit) ||
        (want.role !== "" && row.getAttribute("data-role") !== want.role);
    });
    shown.textContent = String(count);
    document.body.classList.toggle("filtering", count !== facts.length);
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  Array.prototype.slice.call(document.querySelectorAll("nav.outline a.unit-filter")).forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      field("unit").value = link.getAttribute("data-unit") || "";
      apply();
      form.scrollIntoView();
    });
  });
  form.hidden = false;
  apply();
}());
