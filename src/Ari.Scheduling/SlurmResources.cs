namespace Ari.Scheduling;

/// <summary>What each SLURM task asks for (#SBATCH lines); null leaves the cluster's default.</summary>
/// <param name="Partition">--partition</param>
/// <param name="Time">--time, in SLURM's formats (minutes, MM:SS, HH:MM:SS, D-HH:MM)</param>
/// <param name="Memory">--mem, e.g. 4G</param>
internal sealed record SlurmResources(string? Partition = null, string? Time = null, string? Memory = null)
{
    /// <summary>Refuses values that would break the script (a newline, a quote) or that SLURM cannot read.</summary>
    public void Validate()
    {
        Check("partition", Partition, c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ',');
        Check("time", Time, c => char.IsDigit(c) || c is ':' or '-');
        Check("mem", Memory, c => char.IsDigit(c) || c is 'K' or 'M' or 'G' or 'T' or 'k' or 'm' or 'g' or 't');
    }

    private static void Check(string parameter, string? value, Func<char, bool> allowed)
    {
        if (value is null) return;
        if (value.Length == 0 || !value.All(allowed))
            throw AriException.For(parameter, $"'{value}' is not a value SLURM's --{parameter} accepts");
    }
}
