using System.Runtime.InteropServices;

namespace Ari.IO;

/// <summary>
/// A file's identity on Unix (device and inode, read with stat(2)): two names with the same identity are one
/// file (hard links, bind mounts, case variants on a case-insensitive disk). Null where it cannot be had
/// (Windows, a missing file, an old C library without the stat symbol): callers then rely on paths alone.
/// </summary>
internal readonly record struct FileIdentity(ulong Word0, ulong Inode)
{
    private static bool _unavailable;

    public static FileIdentity? Of(string path)
    {
        if (_unavailable || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return null;
        if (!OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return null;
        // struct stat begins with st_dev then st_ino (8 bytes at offset 8) on Linux x86-64 and arm64 and on
        // 64-bit macOS (where st_dev is 4 bytes followed by st_mode and st_nlink: the same for one file).
        var buffer = new byte[256];
        try
        {
            if (Stat(path, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
        return new FileIdentity(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
