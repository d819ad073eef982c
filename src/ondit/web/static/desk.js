// The events desk: a map, a timeline of events per day that filters both by brushing, and a
// paged list. Every value from the database is written with textContent or as an attribute,
// never as HTML: names of actors, outlets and places may come from untrusted articles.
(function () {
  "use strict";

  var PAGE = 50;
  var DAY = 86400000;
  var PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476", "#9e9ac8",
    "#969696", "#e7ba52",
  ];

  var form = document.getElementById("filters");
  var mapEl = document.getElementById("map");
  var svg = document.getElementById("timeline");
  var rangeLabel = document.getElementById("brush-range");
  var clearButton = document.getElementById("brush-clear");
  var tbody = document.querySelector("#events tbody");
  var listStatus = document.getElementById("list-status");
  var prevButton = document.getElementById("prev");
  var nextButton = document.getElementById("next");
  var subTypes = JSON.parse(mapEl.getAttribute("data-sub-types") || "[]");

  var state = { offset: 0, brush: null, points: [], days: [], domain: null, fitted: false };

  // -- helpers --------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, String(attrs[name]));
    });
    return node;
  }

  function colour(sub) {
    var index = subTypes.indexOf(sub);
    return index < 0 ? "#555555" : PALETTE[index % PALETTE.length];
  }

  function filterParams() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      var text = String(value).trim();
      if (text !== "") {
        params.set(key, text);
      }
    });
    return params;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        return response.json().then(
          function (body) { throw new Error(typeof body.detail === "string" ? body.detail : response.statusText); },
          function () { throw new Error(response.statusText); }
        );
      }
      return response.json();
    });
  }

  function dayMs(iso) {
    return Date.parse(iso + "T00:00:00Z");
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function inBrush(date) {
    if (!state.brush) {
      return true;
    }
    return Boolean(date) && date >= state.brush[0] && date <= state.brush[1];
  }

  // -- map ------------------------------------------------------------------------------------

  var map = null;
  var markers = null;

  function popupFor(p) {
    var box = el("div", "map-popup");
    var link = el("a", null, (p.sub_event_type || p.event_type) + (p.location ? " — " + p.location : ""));
    link.setAttribute("href", "/events/" + encodeURIComponent(p.id));
    var title = el("strong");
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(el("span", null, (p.date || "date unknown") + " · " + p.n_outlets + " outlet" + (p.n_outlets === 1 ? "" : "s")));
    if (p.contested) {
      box.appendChild(el("div", "badge contested", "contested"));
    }
    return box;
  }

  function drawLegend() {
    var box = document.getElementById("map-legend");
    if (!box) {
      return;
    }
    box.replaceChildren();
    var present = [];
    state.points.forEach(function (f) {
      var sub = f.properties.sub_event_type || f.properties.event_type;
      if (present.indexOf(sub) < 0) {
        present.push(sub);
      }
    });
    present.sort(function (a, b) { return subTypes.indexOf(a) - subTypes.indexOf(b); });
    present.forEach(function (sub) {
      var row = el("div");
      var swatch = el("span", "swatch");
      swatch.style.background = colour(sub);
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(sub));
      box.appendChild(row);
    });
    var ring = el("div");
    ring.appendChild(el("span", "ring"));
    ring.appendChild(document.createTextNode("contested"));
    box.appendChild(ring);
    box.appendChild(el("div", null, "size: number of outlets"));
  }

  // The points to frame at first: those within CORE_KM of the median point when they are at least
  // half of all, so that one far-off event does not shrink the region most events are in.
  var CORE_KM = 2500;

  function core(points) {
    var middle = function (values) {
      var sorted = values.slice().sort(function (a, b) { return a - b; });
      return sorted[Math.floor(sorted.length / 2)];
    };
    var centre = L.latLng(middle(points.map(function (p) { return p[0]; })), middle(points.map(function (p) { return p[1]; })));
    var near = points.filter(function (p) { return centre.distanceTo(L.latLng(p[0], p[1])) <= CORE_KM * 1000; });
    return near.length * 2 >= points.length ? near : points;
  }

  function drawMarkers() {
    if (!markers) {
      return;
    }
    markers.clearLayers();
    var shown = 0;
    var bounds = [];
    state.points.forEach(function (f) {
      var p = f.properties;
      if (!inBrush(p.date)) {
        return;
      }
      var lonlat = f.geometry.coordinates;
      var marker = L.circleMarker([lonlat[1], lonlat[0]], {
        radius: 4 + 3 * Math.sqrt(Math.max(1, p.n_outlets)),
        fillColor: colour(p.sub_event_type || p.event_type),
        fillOpacity: 0.85,
        color: p.contested ? "#b3261e" : "#ffffff",
        weight: p.contested ? 3 : 1.2,
        dashArray: p.contested ? "4 3" : null,
        className: "ondit-marker" + (p.contested ? " ondit-contested" : ""),
      });
      marker.bindPopup(function () { return popupFor(p); });
      markers.addLayer(marker);
      bounds.push([lonlat[1], lonlat[0]]);
      shown += 1;
    });
    mapEl.setAttribute("data-markers", String(shown));
    if (!state.fitted && bounds.length) {
      map.fitBounds(core(bounds), { padding: [30, 30], maxZoom: 7 });
      state.fitted = true;
    }
  }

  function setUpMap() {
    if (typeof window.L === "undefined") {
      mapEl.textContent = "The map library is missing: run scripts/vendor_assets.sh.";
      return;
    }
    map = L.map(mapEl, { zoomSnap: 0.25, worldCopyJump: true });
    map.setView([33.3, 43.5], 5);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
    map.createPane("countries");
    map.getPane("countries").style.zIndex = "250";
    markers = L.layerGroup().addTo(map);
    var countriesUrl = mapEl.getAttribute("data-countries");
    if (typeof window.topojson !== "undefined" && countriesUrl) {
      getJSON(countriesUrl).then(function (topo) {
        var land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, {
          pane: "countries",
          interactive: false,
          style: { className: "ondit-country", color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
        }).addTo(map);
        mapEl.setAttribute("data-countries-loaded", "true");
      });
    }
  }

  function loadMap() {
    return getJSON("/api/map?" + filterParams().toString()).then(function (collection) {
      state.points = collection.features;
      drawLegend();
      drawMarkers();
    });
  }

  // -- timeline -------------------------------------------------------------------------------

  var M = { left: 28, right: 10, top: 8, bottom: 22 };
  var brushRect = null;
  var drag = null;

  function geometry() {
    var width = svg.clientWidth || 600;
    var height = svg.clientHeight || 120;
    return { width: width, height: height, inner: width - M.left - M.right, base: height - M.bottom };
  }

  function xOf(ms, g) {
    return M.left + ((ms - state.domain[0]) / (state.domain[1] - state.domain[0])) * g.inner;
  }

  function dayAt(px, g) {
    var share = Math.min(1, Math.max(0, (px - M.left) / g.inner));
    var ms = state.domain[0] + share * (state.domain[1] - state.domain[0]);
    return isoDay(Math.floor(ms / DAY) * DAY);
  }

  function drawTimeline() {
    svg.replaceChildren();
    brushRect = null;
    var g = geometry();
    if (!state.days.length) {
      state.domain = null;
      var empty = svgEl("text", { x: M.left, y: g.base / 2 });
      empty.textContent = "no dated events";
      svg.appendChild(empty);
      return;
    }
    var first = dayMs(state.days[0].date);
    var last = dayMs(state.days[state.days.length - 1].date) + DAY;
    var pad = Math.max(DAY, Math.round((last - first) * 0.02));
    state.domain = [first - pad, last + pad];
    var most = state.days.reduce(function (m, d) { return Math.max(m, d.count); }, 1);
    svg.appendChild(svgEl("line", { class: "axis", x1: M.left, x2: g.width - M.right, y1: g.base, y2: g.base }));
    state.days.forEach(function (d) {
      var x = xOf(dayMs(d.date), g);
      var w = Math.max(2, xOf(dayMs(d.date) + DAY, g) - x);
      var h = Math.max(2, (d.count / most) * (g.base - M.top));
      var bar = svgEl("rect", { class: "bar", x: x, y: g.base - h, width: w, height: h, "data-date": d.date, "data-count": d.count });
      if (!inBrush(d.date)) {
        bar.setAttribute("class", "bar outside");
      }
      var tip = svgEl("title");
      tip.textContent = d.date + ": " + d.count + " event" + (d.count === 1 ? "" : "s");
      bar.appendChild(tip);
      svg.appendChild(bar);
    });
    var startYear = new Date(state.domain[0]).getUTCFullYear();
    var endYear = new Date(state.domain[1]).getUTCFullYear();
    for (var year = startYear; year <= endYear; year += 1) {
      var ms = Date.UTC(year, 0, 1);
      if (ms < state.domain[0] || ms > state.domain[1]) {
        continue;
      }
      var x = xOf(ms, g);
      svg.appendChild(svgEl("line", { class: "axis", x1: x, x2: x, y1: g.base, y2: g.base + 4 }));
      var label = svgEl("text", { x: x + 2, y: g.base + 15 });
      label.textContent = String(year);
      svg.appendChild(label);
    }
    var most_label = svgEl("text", { x: 2, y: M.top + 8 });
    most_label.textContent = String(most);
    svg.appendChild(most_label);
    svg.setAttribute("data-from", isoDay(state.domain[0]));
    svg.setAttribute("data-to", isoDay(state.domain[1]));
    if (state.brush) {
      showBrush(xOf(dayMs(state.brush[0]), g), xOf(dayMs(state.brush[1]) + DAY, g));
    }
  }

  function showBrush(x0, x1) {
    var g = geometry();
    if (!brushRect) {
      brushRect = svgEl("rect", { class: "brush", y: M.top - 4, height: g.base - M.top + 4 });
      svg.appendChild(brushRect);
    }
    brushRect.setAttribute("x", String(Math.min(x0, x1)));
    brushRect.setAttribute("width", String(Math.max(1, Math.abs(x1 - x0))));
  }

  function localX(event) {
    var box = svg.getBoundingClientRect();
    return event.clientX - box.left;
  }

  function setBrush(range) {
    state.brush = range;
    if (range) {
      rangeLabel.textContent = range[0] + " – " + range[1];
      rangeLabel.setAttribute("data-from", range[0]);
      rangeLabel.setAttribute("data-to", range[1]);
      clearButton.hidden = false;
    } else {
      rangeLabel.textContent = "drag across the days to select them";
      rangeLabel.removeAttribute("data-from");
      rangeLabel.removeAttribute("data-to");
      clearButton.hidden = true;
    }
    drawTimeline();
    drawMarkers();
    state.offset = 0;
    loadList();
  }

  svg.addEventListener("pointerdown", function (event) {
    if (!state.domain) {
      return;
    }
    drag = { start: localX(event) };
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener("pointermove", function (event) {
    if (drag) {
      showBrush(drag.start, localX(event));
    }
  });
  svg.addEventListener("pointerup", function (event) {
    if (!drag) {
      return;
    }
    var start = drag.start;
    var end = localX(event);
    drag = null;
    if (Math.abs(end - start) < 3) {
      setBrush(null);
      return;
    }
    var g = geometry();
    setBrush([dayAt(Math.min(start, end), g), dayAt(Math.max(start, end), g)]);
  });
  clearButton.addEventListener("click", function () { setBrush(null); });
  window.addEventListener("resize", drawTimeline);

  function loadTimeline() {
    return getJSON("/api/timeline?" + filterParams().toString()).then(function (days) {
      state.days = days;
      drawTimeline();
    });
  }

  // -- list -----------------------------------------------------------------------------------

  function cell(row, text, className) {
    var td = el("td", className || null, text);
    row.appendChild(td);
    return td;
  }

  function eventRow(ev) {
    var row = el("tr");
    row.setAttribute("data-event-id", ev.id);
    row.setAttribute("data-date", ev.date || "");
    cell(row, ev.date || "—");
    var what = cell(row, null);
    var link = el("a", null, ev.sub_event_type || ev.event_type);
    link.setAttribute("href", "/events/" + encodeURIComponent(ev.id));
    what.appendChild(link);
    if (ev.contested) {
      what.appendChild(document.createTextNode(" "));
      what.appendChild(el("span", "badge contested", "contested"));
    }
    what.appendChild(el("div", "place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ") || "place unknown"));
    cell(row, [ev.actor1 || "?", ev.actor2 || "?"].join(" → "));
    cell(row, ev.outlets.join(", ") || "—").setAttribute("title", ev.n_outlets + " outlet(s), " + ev.n_documents + " report(s)");
    cell(row, ev.claim_statuses.join(", "));
    return row;
  }

  function loadList() {
    var params = filterParams();
    if (state.brush) {
      params.set("date_from", state.brush[0]);
      params.set("date_to", state.brush[1]);
    }
    params.set("offset", String(state.offset));
    params.set("limit", String(PAGE));
    listStatus.textContent = "loading…";
    return getJSON("/api/events?" + params.toString()).then(function (page) {
      tbody.replaceChildren.apply(tbody, page.items.map(eventRow));
      var shownTo = page.offset + page.items.length;
      listStatus.textContent = page.total
        ? (page.offset + 1) + "–" + shownTo + " of " + page.total + " events"
        : "no events match";
      listStatus.setAttribute("data-total", String(page.total));
      prevButton.disabled = page.offset === 0;
      nextButton.disabled = shownTo >= page.total;
    }).catch(function (error) {
      listStatus.textContent = "could not load events: " + error.message;
    });
  }

  prevButton.addEventListener("click", function () {
    state.offset = Math.max(0, state.offset - PAGE);
    loadList();
  });
  nextButton.addEventListener("click", function () {
    state.offset += PAGE;
    loadList();
  });

  // -- start ----------------------------------------------------------------------------------

  setUpMap();
  Promise.all([loadMap(), loadTimeline(), loadList()]).then(function () {
    document.body.setAttribute("data-ready", "true");
  }).catch(function (error) {
    listStatus.textContent = "could not load events: " + error.message;
  });
})();
