using System.Runtime.InteropServices;

namespace Ari.Nifti.Gzip;

/// <summary>
/// A forward-only stream of the decompressed bytes of a gzip file, as Python's gzip module (and so nibabel)
/// reads it: every member of a concatenation, zero padding after a member ignored, CRC-32 and length of each
/// member checked. A file that ends inside a member is truncated; bytes after the last member that are neither
/// zeros nor another member are refused. Large reads decompress straight into the caller's buffer.
/// Every problem is a <see cref="NiftiFormatException"/> naming the file.
/// </summary>
internal sealed unsafe class GzipInflateStream : Stream
{
    /// <summary>The input buffer: 1 MB (a few for small files: opening a tiny file allocates little).</summary>
    private const int MaxInputSize = 1 << 20;

    private readonly int _inputSize;
    private readonly Stream _file;
    private readonly string _path;
    private readonly byte[] _input;
    private readonly ZlibNative.ZStream* _z;
    private bool _finished;
    private bool _disposed;
    private long _position;

    public GzipInflateStream(Stream file, string path, long fileLength)
    {
        _file = file;
        _path = path;
        _inputSize = (int)Math.Clamp(fileLength, 4096, MaxInputSize);
        _input = GC.AllocateUninitializedArray<byte>(_inputSize, pinned: true);
        _z = (ZlibNative.ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZlibNative.ZStream));
        int rc = ZlibNative.InflateInit2(_z, ZlibNative.GzipWindowBits);
        if (rc != ZlibNative.Ok)
        {
            NativeMemory.Free(_z);
            throw new NiftiFormatException(path, $"cannot start gzip decompression (zlib error {rc})");
        }
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished || buffer.IsEmpty) return 0;
        fixed (byte* output = buffer)
        {
            _z->NextOut = output;
            _z->AvailOut = (uint)buffer.Length;
            while (_z->AvailOut > 0 && !_finished)
            {
                if (_z->AvailIn == 0 && Fill() == 0)
                    throw new NiftiFormatException(_path, "truncated gzip data: the file ends inside a compressed member");
                int rc = ZlibNative.Inflate(_z, ZlibNative.NoFlush);
                switch (rc)
                {
                    case ZlibNative.Ok:
                        break;
                    case ZlibNative.StreamEnd:
                        AfterMember();
                        break;
                    case ZlibNative.BufferError when _z->AvailIn == 0:
                        break;
                    case ZlibNative.DataError:
                        throw new NiftiFormatException(_path, DataErrorText());
                    case ZlibNative.MemoryError:
                        throw new InsufficientMemoryException("zlib ran out of memory");
                    default:
                        throw new NiftiFormatException(_path, $"corrupt gzip data (zlib error {rc}{MessageSuffix()})");
                }
            }
            int written = buffer.Length - (int)_z->AvailOut;
            _z->NextOut = null;
            _z->AvailOut = 0;
            _position += written;
            return written;
        }
    }

    /// <summary>After a member's trailer: skip zero padding, then start the next member or finish.</summary>
    private void AfterMember()
    {
        while (true)
        {
            if (_z->AvailIn == 0 && Fill() == 0) { _finished = true; return; }
            if (*_z->NextIn != 0) break;
            _z->NextIn++;
            _z->AvailIn--;
        }
        if (_z->AvailIn < 2) Fill();
        if (_z->AvailIn < 2 || _z->NextIn[0] != 0x1f || _z->NextIn[1] != 0x8b)
            throw new NiftiFormatException(_path, "corrupt gzip data: bytes after the end of the compressed data are neither zero padding nor another gzip member");
        int rc = ZlibNative.InflateReset2(_z, ZlibNative.GzipWindowBits);
        if (rc != ZlibNative.Ok)
            throw new NiftiFormatException(_path, $"cannot restart gzip decompression (zlib error {rc})");
    }

    /// <summary>Moves unread input to the front and reads more; returns the bytes added.</summary>
    private int Fill()
    {
        fixed (byte* start = _input)
        {
            int left = (int)_z->AvailIn;
            if (left > 0 && _z->NextIn != start)
                Buffer.MemoryCopy(_z->NextIn, start, _inputSize, left);
            int got;
            try { got = _file.Read(_input, left, _inputSize - left); }
            catch (IOException e) { throw new NiftiFormatException(_path, $"cannot read: {e.Message}", e); }
            _z->NextIn = start;
            _z->AvailIn = (uint)(left + got);
            return got;
        }
    }

    private string DataErrorText()
    {
        string message = MessageText();
        return message switch
        {
            "incorrect data check" => "gzip CRC error: the decompressed data does not match the file's CRC-32 checksum (the file is corrupt)",
            "incorrect length check" => "gzip length error: the decompressed size does not match the file's trailer (the file is corrupt)",
            "incorrect header check" or "unknown compression method" or "unknown header flags set" =>
                $"corrupt gzip header ({message})",
            "" => "corrupt gzip data",
            _ => $"corrupt gzip data ({message})",
        };
    }

    private string MessageText() => _z->Message == null ? "" : Marshal.PtrToStringUTF8((nint)_z->Message) ?? "";

    private string MessageSuffix() => MessageText() is { Length: > 0 } m ? ": " + m : "";

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            _ = ZlibNative.InflateEnd(_z); // nothing to do about a failure while releasing
            NativeMemory.Free(_z);
            if (disposing) _file.Dispose();
        }
        base.Dispose(disposing);
    }

    ~GzipInflateStream() => Dispose(false);
}
