using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ari.Tests.Datasets;

/// <summary>How the test server answers one path.</summary>
public sealed class ServedFile(byte[] body)
{
    public byte[] Body { get; set; } = body;
    /// <summary>A status other than 200 is answered with a short text body.</summary>
    public int Status { get; set; } = 200;
    /// <summary>How many of the first answers are cut short (-1: all of them).</summary>
    public int TruncateTimes { get; set; }
    /// <summary>Body bytes sent by a cut-short answer before the connection is closed.</summary>
    public int TruncateAfter { get; set; }
    /// <summary>Instead of closing, a cut-short answer waits this long (a stalled server), then closes.</summary>
    public TimeSpan StallFor { get; set; }
    public bool HonourRange { get; set; } = true;
    /// <summary>Cut-short answers end with a normal close (FIN) instead of a reset.</summary>
    public bool GracefulCut { get; set; }
    /// <summary>Sends the body one byte at a time with this pause between bytes (a trickling server).</summary>
    public TimeSpan TrickleEvery { get; set; }
    /// <summary>Answers 302 with this Location instead of the body.</summary>
    public string? RedirectTo { get; set; }
    public int Requests;
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (free port) for download tests: one request per connection,
/// Content-Length always announced, Range "bytes=N-" answered with 206, and answers that can be cut short,
/// stalled or replaced by an error status. Records every request line and Range header.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LoopbackHttpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptLoop);
    }

    /// <summary>Download options for tests against this server: 4 attempts, short pauses and timeouts.</summary>
    public static Ari.Datasets.Http.DownloadOptions FastDownloads { get; } = new()
    {
        MaxAttempts = 4,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        IdleTimeout = TimeSpan.FromSeconds(2),
        ResponseTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public ConcurrentQueue<(string Path, string? Range)> Log { get; } = new();
    public int RequestCount => Log.Count;

    public ServedFile Serve(string path, byte[] body)
    {
        var file = new ServedFile(body);
        _files[path] = file;
        return file;
    }

    public void Stop()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener.Stop();
        try { _accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    public void Dispose() => Stop();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    private async Task Handle(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (path, range) = await ReadRequest(stream);
                if (path is null) return;
                Log.Enqueue((path, range));
                if (!_files.TryGetValue(path, out var file))
                {
                    await WriteStatus(stream, 404, "Not Found");
                    return;
                }
                int request = Interlocked.Increment(ref file.Requests);
                if (file.RedirectTo is { } location)
                {
                    string redirect = $"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(redirect));
                    return;
                }
                if (file.Status != 200)
                {
                    await WriteStatus(stream, file.Status, file.Status == 500 ? "Internal Server Error" : "Error");
                    return;
                }
                long from = 0;
                if (range is not null && file.HonourRange && range.StartsWith("bytes=") && range.EndsWith('-')
                    && long.TryParse(range.AsSpan(6, range.Length - 7), out long start) && start < file.Body.Length)
                    from = start;
                int length = file.Body.Length - (int)from;
                var head = new StringBuilder();
                head.Append(from > 0 ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
                head.Append($"Content-Length: {length}\r\nContent-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nConnection: close\r\n");
                if (from > 0) head.Append($"Content-Range: bytes {from}-{file.Body.Length - 1}/{file.Body.Length}\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
                bool cut = file.TruncateTimes < 0 || request <= file.TruncateTimes;
                int send = cut ? Math.Min(file.TruncateAfter, length) : length;
                if (file.TrickleEvery > TimeSpan.Zero)
                {
                    for (int b = 0; b < send && !_stop.IsCancellationRequested; b++)
                    {
                        await stream.WriteAsync(file.Body.AsMemory((int)from + b, 1));
                        await stream.FlushAsync();
                        await Task.Delay(file.TrickleEvery, _stop.Token).ContinueWith(_ => { });
                    }
                }
                else
                    await stream.WriteAsync(file.Body.AsMemory((int)from, send));
                await stream.FlushAsync();
                if (cut && file.StallFor > TimeSpan.Zero)
                    await Task.Delay(file.StallFor, _stop.Token).ContinueWith(_ => { });
                if (cut && !file.GracefulCut) client.Client.LingerState = new LingerOption(true, 0); // reset: the body ends early
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { }
        }
    }

    private static async Task<(string? Path, string? Range)> ReadRequest(NetworkStream stream)
    {
        var buffer = new byte[8192];
        int used = 0;
        while (used < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(used));
            if (n == 0) return (null, null);
            used += n;
            string text = Encoding.ASCII.GetString(buffer, 0, used);
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0) continue;
            var lines = text[..end].Split("\r\n");
            var parts = lines[0].Split(' ');
            string? range = lines.Skip(1).Where(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
                .Select(l => l[6..].Trim()).FirstOrDefault();
            return (parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null, range);
        }
        return (null, null);
    }

    private static async Task WriteStatus(NetworkStream stream, int status, string reason)
    {
        byte[] body = Encoding.ASCII.GetBytes(reason);
        string head = $"HTTP/1.1 {status} {reason}\r\nContent-Length: {body.Length}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
    }
}
