using System.Runtime.InteropServices;

namespace Ari.IO;

/// <summary>
/// The one check every input goes through before it is opened: it must be a regular file (following
/// symlinks). A FIFO would block the open (and every read) forever, a device or socket never ends: they are
/// refused at once, before any open.
/// </summary>
public static partial class InputFile
{
    /// <summary>Why <paramref name="path"/> cannot be read as an input file, or null when it is a regular file.</summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "is a directory, not a file";
        if (!File.Exists(path))
        {
            string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            return folder is not null && !Directory.Exists(folder) ? "no such file (its folder does not exist)" : "no such file";
        }
        return Kind(path) switch
        {
            FileKind.Fifo => "is a FIFO (named pipe), not a regular file; Ari reads only regular files",
            FileKind.CharacterDevice or FileKind.BlockDevice => "is a device, not a regular file; Ari reads only regular files",
            FileKind.Socket => "is a socket, not a regular file; Ari reads only regular files",
            _ => null,
        };
    }

    /// <summary>
    /// The problem of an existing file that is not a regular file nor a directory (FIFO, device, socket), or null:
    /// for readers that report missing files and folders themselves.
    /// </summary>
    public static string? SpecialFileProblem(string path) =>
        File.Exists(path) && !Directory.Exists(path) ? Problem(path) : null;

    /// <summary>Throws an <see cref="AriException"/> naming the file unless it is a regular file.</summary>
    public static void EnsureRegular(string path)
    {
        if (Problem(path) is { } problem) throw new AriException($"{path}: {problem}");
    }

    /// <summary>Opens a regular file for reading, after <see cref="EnsureRegular"/>; errors name the file.</summary>
    public static FileStream OpenRead(string path, int bufferSize = 1 << 16)
    {
        EnsureRegular(path);
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize); }
        catch (FileNotFoundException e) { throw new AriException($"{path}: no such file", e); }
        catch (DirectoryNotFoundException e) { throw new AriException($"{path}: no such file (its folder does not exist)", e); }
        catch (UnauthorizedAccessException e) { throw new AriException($"{path}: permission denied", e); }
        catch (IOException e) { throw new AriException($"{path}: cannot open: {e.Message}", e); }
    }

    internal enum FileKind { Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, Other, Unknown }

    /// <summary>The file's type from stat(2) (through the runtime's own libSystem.Native), following symlinks.</summary>
    internal static unsafe FileKind Kind(string path)
    {
        if (OperatingSystem.IsWindows()) return FileKind.Unknown;
        // FileStatus of the runtime's PAL: Flags (int32), Mode (int32), ...; a generous buffer in case it grows.
        byte* status = stackalloc byte[512];
        int result;
        try { result = SystemNativeStat(path, status); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return FileKind.Unknown; }
        if (result != 0) return FileKind.Unknown;
        int mode = *(int*)(status + 4) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int SystemNativeStat(string path, byte* status);
}
