namespace Ari.Reporting.Sections;

/// <summary>
/// The TDP-clusters viewer's script: decodes the embedded tree (post-order voxel list, admissible nodes' ranges, TDPs
/// and ancestors' largest TDPs) and, for the slider's gamma, labels the maximal admissible clusters with TDP &gt;= gamma
/// (ancestor &lt; gamma &lt;= tdp), largest first, over the quantized statistic; no server. `#gamma=0.9` in the address
/// sets the starting gamma. When done it sets data-ready on the section (tests wait for it).
/// </summary>
internal static class TdpClustersScript
{
    public const string Source = """
(function () {
  const section = document.getElementById('tdp-clusters');
  if (!section) return;
  const meta = JSON.parse(document.getElementById('tdp-tree-meta').textContent);
  function bytes(id) {
    const text = document.getElementById(id).textContent.trim();
    const raw = atob(text); const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out.buffer;
  }
  const vox = new Int32Array(bytes('tdp-tree-voxels'));
  const start = new Int32Array(bytes('tdp-tree-start'));
  const size = new Int32Array(bytes('tdp-tree-size'));
  const tdp = new Float64Array(bytes('tdp-tree-tdp'));
  const anc = new Float64Array(bytes('tdp-tree-ancestor'));
  const bg = new Uint8Array(bytes('tdp-tree-background'));
  const nx = meta.nx, ny = meta.ny, nz = meta.nz;
  const labels = new Int32Array(nx * ny * nz);
  const palette = [[230,25,75],[60,180,75],[255,225,25],[0,130,200],[245,130,48],[145,30,180],[70,240,240],[240,50,230],[210,245,60],[250,190,212],[0,128,128],[220,190,255]];
  const canvas = document.getElementById('tdp-canvas');
  const ctx = canvas.getContext('2d');
  canvas.width = nx; canvas.height = ny;
  const image = ctx.createImageData(nx, ny);
  const gammaInput = document.getElementById('tdp-gamma');
  const sliceInput = document.getElementById('tdp-slice');
  const status = document.getElementById('tdp-status');
  const list = document.getElementById('tdp-list');
  let clusters = [];

  function query(gamma) {
    labels.fill(0);
    clusters = [];
    for (let n = 0; n < tdp.length; n++)
      if (tdp[n] >= gamma && anc[n] < gamma) clusters.push(n);
    clusters.sort((a, b) => size[b] - size[a] || tdp[b] - tdp[a]);
    clusters.forEach((n, r) => { for (let q = start[n], e = start[n] + size[n]; q < e; q++) labels[vox[q]] = r + 1; });
  }
  function draw() {
    const k = +sliceInput.value;
    const data = image.data;
    for (let j = 0; j < ny; j++) {
      const row = (ny - 1 - j) * nx;
      for (let i = 0; i < nx; i++) {
        const v = i + nx * (j + ny * k), o = 4 * (row + i);
        const l = labels[v];
        if (l > 0) { const c = palette[(l - 1) % palette.length]; data[o] = c[0]; data[o + 1] = c[1]; data[o + 2] = c[2]; }
        else { const g = bg[v] === 0 ? 0 : 40 + Math.round(bg[v] * 0.7); data[o] = g; data[o + 1] = g; data[o + 2] = g; }
        data[o + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    document.getElementById('tdp-slice-value').textContent = 'k = ' + k;
  }
  function update() {
    const gamma = +gammaInput.value;
    document.getElementById('tdp-gamma-value').textContent = gamma.toFixed(2);
    query(gamma);
    let voxels = 0; clusters.forEach(n => voxels += size[n]);
    status.textContent = clusters.length + ' cluster' + (clusters.length === 1 ? '' : 's') + ' with TDP \u2265 ' + gamma.toFixed(2) + ', ' + voxels.toLocaleString('en-US') + ' voxels';
    section.dataset.clusters = String(clusters.length);
    section.dataset.sizes = clusters.map(n => size[n]).join(',');
    list.innerHTML = clusters.slice(0, 12).map((n, r) => {
      const c = palette[r % palette.length];
      return '<span class="tdp-chip"><i style="background:rgb(' + c.join(',') + ')"></i>' + (r + 1) + ': ' + size[n].toLocaleString('en-US') + ' vox, TDP ' + tdp[n].toFixed(3) + '</span>';
    }).join('') + (clusters.length > 12 ? '<span class="tdp-chip">\u2026 ' + (clusters.length - 12) + ' more</span>' : '');
    if (clusters.length > 0 && !sliceInput.dataset.touched) {
      // Show the slice through the largest cluster's middle.
      const n = clusters[0]; let sum = 0;
      for (let q = start[n]; q < start[n] + size[n]; q++) sum += Math.floor(vox[q] / (nx * ny));
      sliceInput.value = String(Math.round(sum / size[n]));
    }
    draw();
  }
  sliceInput.max = String(nz - 1);
  sliceInput.value = String(Math.floor(nz / 2));
  sliceInput.addEventListener('input', () => { sliceInput.dataset.touched = '1'; draw(); });
  gammaInput.addEventListener('input', update);
  const m = /gamma=([0-9.]+)/.exec(location.hash);
  if (m) gammaInput.value = m[1];
  update();
  section.dataset.ready = '1';
})();
""";
}
