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
          var config = JSON.parse(document.getElementById("viewer-config").textContent);
          function data(id) { return document.getElementById(id).textContent.trim(); }
          function bytes(b64) { var s = atob(b64), a = new Uint8Array(s.length); for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i); return a; }
          async function gunzip(b64) {
            var stream = new Blob([bytes(b64)]).stream().pipeThrough(new DecompressionStream("gzip"));
            return await new Response(stream).text();
          }
          async function start() {
            if (typeof DecompressionStream === "undefined") { status.textContent = "This browser cannot unpack the viewer (no DecompressionStream)."; return; }
            var probe = document.createElement("canvas");
            if (!probe.getContext("webgl2")) { status.textContent = "The interactive viewer needs WebGL2, which this browser does not offer; the figures above show the same maps."; return; }
            (0, eval)(await gunzip(data("niivue-bundle")));
            var nv = new niivue.Niivue({ backColor: [0, 0, 0, 1], show3Dcrosshair: true, isColorbar: true, crosshairColor: [0.2, 0.8, 0.2, 1], logLevel: "warn" });
            await nv.attachToCanvas(document.getElementById("viewer-canvas"));
            var template = await niivue.NVImage.loadFromBase64({ base64: data("volume-template"), name: "template.nii.gz", colormap: "gray", colorbarVisible: false });
            var z = await niivue.NVImage.loadFromBase64({ base64: data("volume-z"), name: "z_score.nii.gz", colormap: "warm", colormapNegative: "winter",
              cal_min: config.threshold, cal_max: config.zMax, opacity: 1 });
            var tdp = await niivue.NVImage.loadFromBase64({ base64: data("volume-tdp"), name: "tdp.nii.gz", colormap: "inferno", cal_min: 1e-6, cal_max: 1, opacity: 0 });
            tdp.colorbarVisible = false;
            nv.addVolume(template); nv.addVolume(z); nv.addVolume(tdp);
            nv.setSliceType(nv.sliceTypeMultiplanar);
            if (config.peak) { nv.scene.crosshairPos = nv.mm2frac(config.peak); nv.updateGLVolume(); }
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
            nv.onLocationChange = function (location) { if (location && location.string) status.textContent = location.string; };
            status.textContent = "Click or drag in the views to move the cross; scroll to change slices.";
          }
          start().catch(function (e) { status.textContent = "The viewer could not start: " + (e && e.message ? e.message : e); });
        })();
        """;
}
