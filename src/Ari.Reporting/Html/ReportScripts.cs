namespace Ari.Reporting.Html;

/// <summary>The report's small inline scripts.</summary>
internal static class ReportScripts
{
    /// <summary>Click a header of a table.sortable to sort by it (numbers numerically via data-value), click again to reverse.</summary>
    public const string SortableTables = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          var heads = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(heads, function (th, column) {
            th.addEventListener("click", function () {
              var ascending = th.getAttribute("aria-sort") !== "ascending";
              Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              var key = function (row) {
                var cell = row.cells[column];
                var v = cell.getAttribute("data-value");
                return v !== null ? parseFloat(v) : cell.textContent.trim().toLowerCase();
              };
              rows.sort(function (a, b) {
                var x = key(a), y = key(b);
                if (typeof x === "number" && typeof y === "number") {
                  if (isNaN(x)) return 1; if (isNaN(y)) return -1;
                  return ascending ? x - y : y - x;
                }
                return ascending ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """;

    /// <summary>
    /// Starts NiiVue from the gzip+base64 bundle embedded in the page (DecompressionStream), loads the template and
    /// the two maps from embedded .nii.gz data and wires the overlay choice. Problems are shown in the page.
    /// </summary>
    public const string Viewer = """
        (function () {
          var status = document.getElementById("viewer-status");
          var readout = document.getElementById("viewer-readout");
          var config = JSON.parse(document.getElementById("viewer-config").textContent);
          function data(id) { return document.getElementById(id).textContent.trim(); }
          function bytes(b64) { var s = atob(b64), a = new Uint8Array(s.length); for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i); return a; }
          async function gunzip(b64) {
            var stream = new Blob([bytes(b64)]).stream().pipeThrough(new DecompressionStream("gzip"));
            return await new Response(stream).text();
          }
          function fixed(v, digits) { return (Math.abs(v) < 1e-12 ? 0 : v).toFixed(digits); }
          // The figures' own colours (cold_hot above and below the threshold, inferno for TDP), sampled by Ari.
          var maps = config.colormaps;
          async function start() {
            if (typeof DecompressionStream === "undefined") { status.textContent = "This browser cannot unpack the viewer (no DecompressionStream)."; return; }
            var probe = document.createElement("canvas");
            if (!probe.getContext("webgl2")) { status.textContent = "The interactive viewer needs WebGL2, which this browser does not offer; the figures above show the same maps."; return; }
            (0, eval)(await gunzip(data("niivue-bundle")));
            var nv = new niivue.Niivue({ backColor: [0, 0, 0, 1], show3Dcrosshair: true, isColorbar: true, crosshairColor: [0.2, 0.8, 0.2, 1], logLevel: "warn" });
            await nv.attachToCanvas(document.getElementById("viewer-canvas"));
            nv.addColormap("ari_z_positive", maps.zPositive);
            nv.addColormap("ari_z_negative", maps.zNegative);
            nv.addColormap("ari_tdp", maps.tdp);
            var template = await niivue.NVImage.loadFromBase64({ base64: data("volume-template"), name: "template.nii.gz", colormap: "gray", colorbarVisible: false });
            var z = await niivue.NVImage.loadFromBase64({ base64: data("volume-z"), name: "z_score.nii.gz", colormap: "ari_z_positive", colormapNegative: "ari_z_negative",
              cal_min: config.threshold, cal_max: config.zMax, cal_minNeg: -config.zMax, cal_maxNeg: -config.threshold, opacity: 1 });
            var tdp = await niivue.NVImage.loadFromBase64({ base64: data("volume-tdp"), name: "tdp.nii.gz", colormap: "ari_tdp", cal_min: 1e-6, cal_max: 1, opacity: 0 });
            tdp.colorbarVisible = false;
            nv.addVolume(template); nv.addVolume(z); nv.addVolume(tdp);
            nv.setSliceType(nv.sliceTypeMultiplanar);
            // The readout: "x=34 y=-28 z=58 mm, z=3.96, TDP=0.77".
            function show() {
              var mm = nv.frac2mm(nv.scene.crosshairPos);
              var vox = function (img) { var v = img.mm2vox([mm[0], mm[1], mm[2]]); return img.getValue(v[0], v[1], v[2]); };
              var zv = vox(z), tv = vox(tdp);
              readout.textContent = "x=" + fixed(mm[0], 0) + " y=" + fixed(mm[1], 0) + " z=" + fixed(mm[2], 0) + " mm, z=" + fixed(zv, 2) + ", TDP=" + fixed(Math.abs(tv), 2);
            }
            function goTo(point) {
              nv.scene.crosshairPos = nv.mm2frac(point);
              nv.updateGLVolume();
              show();
            }
            if (config.peak) goTo(config.peak);
            document.querySelectorAll("input[name=overlay]").forEach(function (radio) {
              radio.addEventListener("change", function () {
                var showZ = radio.value === "z";
                z.colorbarVisible = showZ;
                tdp.colorbarVisible = !showZ;
                nv.setOpacity(1, showZ ? 1 : 0);
                nv.setOpacity(2, showZ ? 0 : 1);
                nv.updateGLVolume();
              });
            });
            nv.onLocationChange = function () { show(); };
            // A click on a row of a table with peaks moves the cross to the peak.
            document.querySelectorAll("tr[data-peak]").forEach(function (row) {
              row.addEventListener("click", function () {
                goTo(row.getAttribute("data-peak").split(",").map(Number));
                document.querySelectorAll("tr.selected").forEach(function (r) { r.classList.remove("selected"); });
                row.classList.add("selected");
              });
            });
            window.ariViewer = { nv: nv, goTo: goTo };
            status.textContent = "Click or drag in the views to move the cross; scroll to change slices; click a table row to go to its peak.";
          }
          start().catch(function (e) { status.textContent = "The viewer could not start: " + (e && e.message ? e.message : e); });
        })();
        """;
}
