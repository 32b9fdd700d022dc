using System.Globalization;
using System.Runtime.InteropServices;

namespace Ari.Platform;

/// <summary>
/// Asks Linux to back the managed heap with 2 MB transparent huge pages (madvise MADV_HUGEPAGE on the large
/// anonymous reservations, which is where the GC commits its regions).
/// </summary>
/// <remarks>
/// A 1 mm brain touches a few hundred MB of fresh arrays; with 4 kB pages that is ~90,000 page faults, which
/// on a virtual machine cost more than the analysis itself (0.6-0.8 s of system time for `ari tdp`). With
/// huge pages it is a few hundred faults. Kernels in THP mode "madvise" (the common default) honour this;
/// in mode "always" it is a no-op and in "never" it is ignored. Any failure is silently harmless: the heap
/// keeps 4 kB pages. Set ARI_NO_HUGE_PAGES=1 to skip it.
/// </remarks>
public static partial class TransparentHugePages
{
    const int MadviseHugePage = 14; // MADV_HUGEPAGE
    const long MinimumMapping = 32L << 20; // below this: thread stacks and small arenas, left alone

    /// <summary>Advises huge pages for the managed heap's reservations; call once, early in Main.</summary>
    public static void AdviseManagedHeap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("ARI_NO_HUGE_PAGES") is "1")
            return;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
                if (AnonymousRange(line) is var (start, length) && length >= MinimumMapping)
                    _ = Madvise((nint)start, (nuint)length, MadviseHugePage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException
                                      or EntryPointNotFoundException)
        {
        }
    }

    /// <summary>The address range of an anonymous mapping line of /proc/self/maps, or null.</summary>
    internal static (ulong Start, long Length)? AnonymousRange(string line)
    {
        // "7faacf230000-7fb685514000 ---p 00000000 00:00 0" (anonymous: inode 0 and no path)
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 || fields[4] != "0") return null;
        int dash = fields[0].IndexOf('-');
        if (dash < 0
            || !ulong.TryParse(fields[0].AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(fields[0].AsSpan(dash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
            || end <= start)
            return null;
        return (start, (long)(end - start));
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
