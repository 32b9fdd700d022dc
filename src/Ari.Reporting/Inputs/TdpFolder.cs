using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Reporting.Inputs;

/// <summary>What `ari tdp --out DIR` wrote: summary.json, clusters.tsv and tdp.nii.gz.</summary>
public sealed record TdpFolder(string Directory, JsonSummary Summary, TsvTable Clusters, string TdpPath)
{
    public const string Option = "--tdp";

    public IEnumerable<string> Files => [System.IO.Path.Combine(Directory, "summary.json"), Clusters.Path, TdpPath];

    public static TdpFolder Open(string directory)
    {
        GlmFolder.RequireFolder(directory, Option);
        var summary = JsonSummary.Read(System.IO.Path.Combine(directory, "summary.json"), Option);
        var clusters = TsvTable.Read(System.IO.Path.Combine(directory, "clusters.tsv"), Option);
        foreach (string column in new[] { "cluster_id", "size", "tdp" }) clusters.Column(column, Option);
        string tdpPath = System.IO.Path.Combine(directory, "tdp.nii.gz");
        if (!File.Exists(tdpPath)) throw new AriException($"{tdpPath}: no such file ({Option})");
        return new TdpFolder(directory, summary, clusters, tdpPath);
    }

    public Volume<double> ReadTdp()
    {
        try { return NiftiFile.Read(TdpPath); }
        catch (AriException e) { throw new AriException($"{e.Message} ({Option})", e); }
    }
}
