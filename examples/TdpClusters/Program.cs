// ARIbrain's vignette, "ARICluster examples", written with Ari
// =============================================================
//
// Given a TDP level gamma, find the largest clusters whose true discovery proportion is at least gamma (all
// bounds valid together at level alpha), then zoom one cluster in and out (Chen, Goeman, Krebs, Meijer & Weeda,
// arXiv 2206.13587). The data are the vignette's own (FSL's auditory example), from ../shared.
//
// Usage: dotnet run --project examples/TdpClusters [-- FOLDER_WITH_pvalue.nii.gz_AND_mask.nii.gz]

using System.Globalization;
using Ari.Domain;
using Ari.Inference;
using Ari.Masking;
using Ari.Nifti;

string folder = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "real", "fsl_auditory");

// Pmap <- RNifti::readNifti(".../pvalue.nii.gz"); mask <- RNifti::readNifti(".../mask.nii.gz"); mask <- mask!=0
var pmap = NiftiFile.Read(Path.Combine(folder, "pvalue.nii.gz"));
var mask = Mask.FromVolume(NiftiFile.Read(Path.Combine(folder, "mask.nii.gz")));

// (1) create an ARIBrainCluster-class object: aricluster <- ARIBrainCluster(Pmap = Pmap, mask = mask)
var domain = new GridDomain(mask, connectivity: 18);
var p = VoxelPValues.FromMap(mask.Extract<double>(pmap.Data));
var aricluster = AriClusterTree.Build(p, domain, alpha: 0.05);
Console.WriteLine($"The 0.95 confidence lower bound for the TDP concerning all nodes is {(double)aricluster.Bounds.TotalTrueDiscoveries / p.Length:0.######}");

// (2) answer query: find all maximal clusters given a TDP threshold
// tdpclusters <- TDPQuery(aricluster, threshold = 0.7); summary(tdpclusters)
var tdpclusters = aricluster.Query(0.7);
Summary(tdpclusters);

// (3) change query: change the size of the chosen cluster (the one holding voxel 17,57,38, one-based)
int v = domain.PositionOf(16, 56, 37);
// tdpchanges <- TDPChange(tdpclusters, v = c(17,57,38), tdpchg = 0.01)  # increase TDP bound / decrease cluster size
var tdpchanges = aricluster.Change(tdpclusters, Holding(tdpclusters, v), 0.01);
Summary(tdpchanges);
// tdpchanges <- TDPChange(tdpchanges, v = c(17,57,38), tdpchg = 0.01)   # further update the chosen cluster
tdpchanges = aricluster.Change(tdpchanges, Holding(tdpchanges, v), 0.01);
Summary(tdpchanges);
// tdpchanges <- TDPChange(tdpchanges, v = c(17,57,38), tdpchg = -0.01)  # decrease TDP bound / increase cluster size
tdpchanges = aricluster.Change(tdpchanges, Holding(tdpchanges, v), -0.01);
Summary(tdpchanges);

// The local minima of the p-value map (findLMs): the forest's leaves.
Console.WriteLine($"{aricluster.LocalMinima().Length:N0} local minima; {aricluster.StcCount:N0} supra-threshold clusters, {aricluster.AdmissibleCount:N0} admissible.");

int Holding(TdpCluster[] clusters, int position) => Array.FindIndex(clusters, c => aricluster.Contains(c, position));

// summary(tdpclusters): Size, TDN(lower), #TrueNull(upper), TDP(lower), max Z and its voxel (one-based, as ARIbrain)
void Summary(TdpCluster[] clusters)
{
    Console.WriteLine($"{"",-10}{"Size",8}{"TDN(lower)",12}{"#TrueNull(upper)",18}{"TDP(lower)",12}{"Stat",8}{"X",5}{"Y",5}{"Z",5}");
    for (int n = 0; n < clusters.Length; n++)
    {
        var c = clusters[n];
        int peak = -1;
        foreach (int position in aricluster.Members(c))
            if (peak < 0 || p[position] < p[peak]) peak = position;
        var (i, j, k) = domain.Voxel(peak);
        double z = Ari.Statistics.Normal.Isf(p[peak]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"Cluster" + (clusters.Length - n),-10}{c.Size,8}{c.TrueDiscoveries,12}{c.Size - c.TrueDiscoveries,18}{c.Tdp,12:0.0000000}{z,8:0.000}{i + 1,5}{j + 1,5}{k + 1,5}"));
    }
    Console.WriteLine();
}
