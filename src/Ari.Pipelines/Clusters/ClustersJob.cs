using System.Globalization;
using System.Text.Json;
using Ari.Domain;
using Ari.Inference;
using Ari.IO;
using Ari.Nifti;
using Ari.Pipelines.Calibration;

namespace Ari.Pipelines.Clusters;

/// <summary>The outcome of <see cref="ClustersJob.Run"/>.</summary>
public sealed record ClustersResult(
    TdpClustersTable Table, AriClusterTree Tree, ClustersInputs Inputs, string OutputDirectory,
    IReadOnlyList<(string Step, double Seconds)> Seconds);

/// <summary>
/// `ari clusters` as a library call: read the maps, build the <see cref="AriClusterTree"/>, query it at each gamma,
/// apply the TDPChange steps, and write clusters_gamma-&lt;g&gt;.nii.gz, tdp_clusters.tsv, summary.json and
/// cluster_tree.bin all-or-nothing.
/// </summary>
public static class ClustersJob
{
    /// <summary>Runs the request and writes its output folder; nothing is written when an input is invalid.</summary>
    /// <param name="request">The inputs, levels and output folder.</param>
    /// <param name="log">Receives one line per step with its duration; null: silent.</param>
    /// <exception cref="AriException">Naming the option when an input is invalid.</exception>
    public static ClustersResult Run(ClustersRequest request, Action<string>? log = null)
    {
        foreach (double g in request.Gammas)
            if (!(g > 0 && g <= 1))
                throw new AriException($"--gamma: {Text(g)} is outside (0, 1]");
        if (request.Gammas.Count == 0) throw new AriException("--gamma: give at least one TDP level");
        if (request.Changes.Count > 0 && request.Gammas.Count != 1)
            throw new AriException("--delta: TDPChange steps need exactly one --gamma");
        var timer = new StepTimer(log);
        var inputs = timer.Run("read", "Reading the maps", () =>
            ClustersInputs.Load(request.Stat, request.PValues, request.Mask, request.Connectivity, request.TwoSided));
        var domain = inputs.Domain;
        ReuseDeadMemory();
        var vector = request.Template is { } templatePath
            ? TdpTemplate.LoadVector(templatePath, "template", domain.Count, request.Alpha, request.TwoSided)
            : null;
        var tree = timer.Run("tree", "Building the cluster tree", () => vector is null
            ? AriClusterTree.Build(inputs.PValues, domain, request.Alpha)
            : AriClusterTree.Build(inputs.PValues, domain, vector));

        ReuseDeadMemory();
        var gammas = request.Gammas.Distinct().ToArray();
        var queries = new List<(double Gamma, int Step, TdpCluster[] Clusters)>();
        foreach (double gamma in gammas)
            queries.Add((gamma, 0, timer.Run($"query_{Text(gamma)}", $"Clusters with TDP >= {Text(gamma)}", () => tree.Query(gamma))));
        if (request.Changes.Count > 0)
        {
            var current = queries[0].Clusters;
            for (int s = 0; s < request.Changes.Count; s++)
            {
                var change = request.Changes[s];
                int index = ClusterAt(domain, tree, current, change.AtMm, s);
                try { current = tree.Change(current, index, change.Delta); }
                catch (AriException e) { throw new AriException($"--delta: step {s + 1} ({Text(change.Delta)}): {e.Message}", e); }
                queries.Add((gammas[0], s + 1, current));
            }
        }

        var rows = new List<TdpClusterRow>();
        foreach (var (gamma, step, clusters) in queries)
            rows.AddRange(Rows(gamma, step, clusters, tree, domain, inputs.Stat, request.TwoSided));
        var table = new TdpClustersTable(rows, request.Changes.Count > 0);

        using var outputs = new OutputSet(request.OutputDirectory) { Inputs = [request.Stat, request.PValues, request.Mask, request.Template] };
        timer.Run("write", $"Writing {request.OutputDirectory}", () =>
        {
            var labels = new Volume<int>(domain.Grid); // one grid for every map, relabelled each time
            foreach (var (gamma, step, clusters) in queries)
            {
                string name = step == 0 ? $"clusters_gamma-{Text(gamma)}.nii.gz" : $"clusters_gamma-{Text(gamma)}_step-{step}.nii.gz";
                Label(labels, domain, tree, clusters);
                NiftiWriter.Write(outputs, name, labels, new NiftiWriteOptions { Descrip = $"ari clusters: TDP >= {Text(gamma)}" });
            }
            outputs.Write(TdpClustersTable.FileName, table.Write);
            outputs.Write(ClusterTreeFile.FileName, ClusterTreeFile.From(tree, domain, inputs.Stat).Write);
        });
        var seconds = timer.Steps.Append(("total", timer.TotalSeconds)).ToList();
        var summary = ClustersSummary.Of(request, inputs, tree, queries.Select(q => (q.Gamma, q.Step, q.Clusters.Length)), seconds);
        outputs.Write(ClustersSummary.FileName, summary.Write);
        outputs.Commit();
        return new ClustersResult(table, tree, inputs, outputs.Directory, seconds);
    }

    /// <summary>
    /// Collects the arrays of the step that just ended (the full-grid map after reading: 58 MB on a 1 mm brain; the
    /// tree's scratch after building) so that the next step reuses their memory: fresh memory costs page faults and
    /// kernel zeroing (about 1 ms per MB on a virtual machine), and the process's peak grows with it.
    /// </summary>
    private static void ReuseDeadMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>The index of the cluster holding the voxel nearest to a point in mm; errors name --at.</summary>
    private static int ClusterAt(GridDomain domain, AriClusterTree tree, TdpCluster[] clusters, Point3 mm, int step)
    {
        var v = domain.Grid.WorldToVoxel(mm);
        int i = (int)Math.Round(v.X), j = (int)Math.Round(v.Y), k = (int)Math.Round(v.Z);
        string where = string.Create(CultureInfo.InvariantCulture, $"{mm.X:0.###},{mm.Y:0.###},{mm.Z:0.###} mm");
        if (!domain.Grid.Contains(i, j, k))
            throw new AriException($"--at: {where} is outside the image");
        int position = domain.PositionOf(i, j, k);
        if (position >= 0)
            for (int n = 0; n < clusters.Length; n++)
                if (tree.Contains(clusters[n], position)) return n;
        throw new AriException($"--at: {where} (voxel {i}, {j}, {k}) is not inside any reported cluster{(step > 0 ? $" after step {step}" : "")}");
    }

    private static List<TdpClusterRow> Rows(double gamma, int step, TdpCluster[] clusters, AriClusterTree tree,
        GridDomain domain, double[] stat, bool twoSided)
    {
        var rows = new List<TdpClusterRow>(clusters.Length + 1);
        var inCluster = new bool[domain.Count];
        for (int n = 0; n < clusters.Length; n++)
        {
            var members = tree.Members(clusters[n]);
            foreach (int position in members) inCluster[position] = true;
            rows.Add(Measure(gamma, step, n + 1, members, clusters[n].TrueDiscoveries, domain, stat, twoSided));
        }
        int inside = 0;
        foreach (var cluster in clusters) inside += cluster.Size;
        var restArray = new int[domain.Count - inside]; // the clusters are disjoint
        for (int position = 0, n = 0; position < inCluster.Length; position++)
            if (!inCluster[position]) restArray[n++] = position;
        rows.Add(Measure(gamma, step, null, restArray, tree.Bounds.LowerBoundTrueDiscoveries(restArray), domain, stat, twoSided));
        return rows;
    }

    private static TdpClusterRow Measure(double gamma, int step, int? id, ReadOnlySpan<int> members, int trueDiscoveries,
        GridDomain domain, double[] stat, bool twoSided)
    {
        int size = members.Length;
        if (size == 0)
            return new TdpClusterRow(gamma, step, id, 0, 0, 0, double.NaN, double.NaN, new Point3(double.NaN, double.NaN, double.NaN),
                (-1, -1, -1), new Point3(double.NaN, double.NaN, double.NaN));
        int peak = -1;
        double best = double.NaN;
        double si = 0, sj = 0, sk = 0;
        foreach (int position in members)
        {
            double z = stat[position];
            double score = twoSided ? Math.Abs(z) : z;
            if (!double.IsNaN(score) && (peak < 0 || score > best)) { best = score; peak = position; }
            var (i, j, k) = domain.Voxel(position);
            si += i; sj += j; sk += k;
        }
        if (peak < 0) peak = members[0];
        var voxel = domain.Voxel(peak);
        return new TdpClusterRow(gamma, step, id, size, trueDiscoveries, size - trueDiscoveries, (double)trueDiscoveries / size,
            stat[peak], domain.Millimetres(peak), voxel, domain.Grid.VoxelToWorld(si / size, sj / size, sk / size),
            VoxelVolume.ClusterMm3(size, domain.Grid));
    }

    /// <summary>Labels 1..n (the clusters' order: largest first) on the grid, 0 elsewhere.</summary>
    private static void Label(Volume<int> labels, GridDomain domain, AriClusterTree tree, TdpCluster[] clusters)
    {
        Array.Clear(labels.Data);
        var indices = domain.VoxelIndices;
        for (int n = 0; n < clusters.Length; n++)
            foreach (int position in tree.Members(clusters[n])) labels.Data[indices[position]] = n + 1;
    }

    internal static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
