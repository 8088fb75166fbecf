// The incident map: approximate province areas and one circle per place, all from this server (no tiles).
(function () {
  "use strict";
  var el = document.getElementById("sillok-map");
  if (!el || typeof L === "undefined") { return; }
  var map = L.map(el, { attributionControl: true }).setView([40.3, 127.3], 6);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Province areas approximate (drawn from gazetteer centres), not boundaries");
  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }
  getJSON(el.dataset.provinces).then(function (data) {
    var layer = L.geoJSON(data, {
      style: { color: "#7a8ca0", weight: 1, fillColor: "#ffffff", fillOpacity: 0.7 },
      onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name + " (approximate)"); }
    }).addTo(map);
    layer.bringToBack();
    map.fitBounds(layer.getBounds());
  });
  getJSON(el.dataset.points).then(function (data) {
    var layer = L.geoJSON(data, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {
          radius: 4 + 3 * Math.sqrt(f.properties.count), color: "#8b0000", weight: 1, fillOpacity: 0.5
        });
      },
      onEachFeature: function (f, layer) {
        var div = document.createElement("div");
        div.textContent = f.properties.label + ": " + f.properties.count + " incident(s)";
        layer.bindPopup(div);
      }
    }).addTo(map);
    el.dataset.loaded = String(data.features.length);
  });
})();
