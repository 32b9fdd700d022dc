using Ari.Platform;

namespace Ari.Tests.Platform;

public class TransparentHugePagesTests
{
    [Fact]
    public void Reads_anonymous_mappings_and_skips_files_and_named_areas()
    {
        Assert.Equal((0x7faacf230000UL, 0x7fb685514000L - 0x7faacf230000L),
            TransparentHugePages.AnonymousRange("7faacf230000-7fb685514000 ---p 00000000 00:00 0"));
        Assert.Equal((0x1000UL, 0x1000L), TransparentHugePages.AnonymousRange("1000-2000 rw-p 00000000 00:00 0 "));
        Assert.Null(TransparentHugePages.AnonymousRange("55d0c8a00000-55d0c8a21000 rw-p 00000000 00:00 0                          [heap]"));
        Assert.Null(TransparentHugePages.AnonymousRange("7f1c2e000000-7f1c2e200000 r-xp 00000000 08:01 1234567                    /usr/lib/libc.so.6"));
        Assert.Null(TransparentHugePages.AnonymousRange("2000-1000 rw-p 00000000 00:00 0"));
        Assert.Null(TransparentHugePages.AnonymousRange("garbage"));
    }

    [Fact]
    public void Marks_the_managed_heap_reservation_for_huge_pages_where_the_kernel_honours_advice()
    {
        const string Setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(Setting) || !File.ReadAllText(Setting).Contains("[madvise]")
            || Environment.GetEnvironmentVariable("ARI_NO_HUGE_PAGES") is "1")
            return; // nothing to observe: THP off, or on for everything already
        TransparentHugePages.AdviseManagedHeap();
        // smaps lists each mapping's VmFlags; "hg" is MADV_HUGEPAGE. The GC's reservation is the largest anonymous one.
        long largestAdvised = 0, largest = 0, current = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            bool header = !line.Split(' ', 2)[0].EndsWith(':'); // "start-end perms ..." vs "Key: value"
            if (header)
            {
                current = TransparentHugePages.AnonymousRange(line) is var (_, length) ? length : 0;
                largest = Math.Max(largest, current);
            }
            else if (line.StartsWith("VmFlags:") && line.Split(' ').Contains("hg")) largestAdvised = Math.Max(largestAdvised, current);
        }
        Assert.True(largest >= 1L << 30, $"no anonymous reservation of 1 GB or more (largest {largest >> 20} MB)");
        Assert.Equal(largest, largestAdvised);
    }
}
