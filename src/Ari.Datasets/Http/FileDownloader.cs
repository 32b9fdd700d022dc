using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Ari.IO;

namespace Ari.Datasets.Http;

/// <summary>
/// Downloads files over HTTP(S) so that a destination either holds the whole, checked file or nothing:
/// the body goes to a hidden temporary file beside the destination, a dropped or stalled transfer is resumed
/// with an HTTP Range request (a few times, with growing pauses), the received length must equal the announced
/// one, the file must pass its check (<see cref="DownloadedFileCheck"/>: gzip + NIfTI for .nii.gz), and only then
/// is it renamed into place. Every failure is one <see cref="AriException"/> naming the URL and the file, and
/// removes the temporary file.
/// </summary>
internal sealed class FileDownloader : IDisposable
{
    private readonly HttpClient _client;

    public FileDownloader(DownloadOptions? options = null)
    {
        Options = options ?? DownloadOptions.Default;
        if (Options.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1");
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = Options.ConnectTimeout,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ari", "0.1.0"));
    }

    public DownloadOptions Options { get; }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destination"/> (its folder is created), replacing
    /// any file there only once the new one is complete and checked. <paramref name="check"/> overrides the
    /// check chosen by the destination's name; it throws an AriException saying what is wrong.
    /// </summary>
    /// <param name="url">An http or https URL.</param>
    /// <param name="destination">The file to create or replace.</param>
    /// <param name="progress">Receives byte counts as the file arrives; null for none.</param>
    /// <param name="check">Validates the complete temporary file (throwing an AriException); null: the check chosen by the destination's name.</param>
    /// <param name="cancel">Cancels the download (the temporary file is removed).</param>
    /// <param name="maxBytes">The largest size accepted for this file (default <see cref="DownloadOptions.MaxBytes"/>).</param>
    public async Task DownloadAsync(Uri url, string destination, Action<DownloadProgress>? progress = null,
        Action<string>? check = null, CancellationToken cancel = default, long? maxBytes = null)
    {
        if (url.Scheme is not ("http" or "https"))
            throw new AriException($"{url}: not an http(s) URL; {Path.GetFileName(destination)} was not downloaded");
        string full = Path.GetFullPath(destination);
        string name = Path.GetFileName(full);
        var createdFolders = OutputFolders.Create(destination, Path.GetDirectoryName(full)!, parameter: null);
        TemporaryFiles.RemoveStale(full, Options.StaleTempAge);
        check ??= DownloadedFileCheck.For(full);
        string temp = AtomicFile.TempNameFor(full);
        var state = new TransferState(url, name) { MaxBytes = maxBytes ?? Options.MaxBytes };
        bool saved = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(Options.FileDeadline);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
            {
                try { await TransferWithRetriesAsync(file, state, progress, deadline.Token); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new AriException($"{url}: the download did not complete within {Seconds(Options.FileDeadline)} ({Describe(state)} received); {name} was not saved");
                }
            }
            if (check is not null)
            {
                try { check(temp); }
                catch (AriException e) { throw new AriException($"{url}: the downloaded data is {e.Message}; {name} was not saved", e); }
            }
            File.Move(temp, full, overwrite: true);
            saved = true;
            progress?.Invoke(new DownloadProgress(name, state.Received, state.Total ?? state.Received) { Completed = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new AriException($"{full}: cannot write the download of {url}: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        finally
        {
            if (!saved) OutputFolders.RemoveIfEmpty(createdFolders);
        }
    }

    private async Task TransferWithRetriesAsync(FileStream file, TransferState state, Action<DownloadProgress>? progress, CancellationToken cancel)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await TransferOnceAsync(file, state, progress, cancel);
                return;
            }
            catch (InterruptedTransfer problem)
            {
                // A server never reached on the first try (offline, wrong host) fails at once; a transfer that
                // started is resumed until the attempts run out.
                if (!state.ServerAnswered)
                    throw new AriException($"{state.Url}: {problem.Message}; {state.Name} was not downloaded");
                if (attempt >= Options.MaxAttempts)
                    throw new AriException($"{state.Url}: download failed after {attempt} attempts ({problem.Message}); {state.Name} was not saved");
            }
            await Task.Delay(Options.RetryDelay * attempt, cancel);
        }
    }

    private async Task TransferOnceAsync(FileStream file, TransferState state, Action<DownloadProgress>? progress, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, state.Url);
        bool resuming = state.Received > 0;
        if (resuming)
        {
            request.Headers.Range = new RangeHeaderValue(state.Received, null);
            if (state.ETag is { IsWeak: false } etag) request.Headers.IfRange = new RangeConditionHeaderValue(etag);
        }
        using var response = await SendAsync(request, state, cancel);
        state.ServerAnswered = true;
        AcceptStatus(response, file, state, resuming);
        if (state.Total > state.MaxBytes)
            throw new AriException($"{state.Url}: the server announces {state.Total:N0} bytes, more than the {state.MaxBytes:N0} accepted; {state.Name} was not downloaded");
        file.SetLength(state.Received);
        file.Position = state.Received;

        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            while (true)
            {
                idle.CancelAfter(Options.IdleTimeout);
                int n;
                try { n = await body.ReadAsync(buffer, idle.Token); }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                { throw new InterruptedTransfer($"no data for {Seconds(Options.IdleTimeout)} after {Describe(state)}"); }
                catch (Exception e) when (e is IOException or HttpRequestException)
                { throw new InterruptedTransfer($"the connection dropped after {Describe(state)}"); }
                if (n == 0) break;
                long limit = state.Total ?? state.MaxBytes;
                if (state.Received + n > limit)
                {
                    if (state.Total is null)
                        throw new AriException($"{state.Url}: more than {state.MaxBytes:N0} bytes; {state.Name} was not saved");
                    Restart(file, state);
                    throw new InterruptedTransfer($"the server sent more than the {limit:N0} bytes it announced");
                }
                await file.WriteAsync(buffer.AsMemory(0, n), cancel);
                state.Received += n;
                progress?.Invoke(new DownloadProgress(state.Name, state.Received, state.Total));
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        if (state.Total is { } expected && state.Received < expected)
            throw new InterruptedTransfer($"the connection closed after {Describe(state)}");
        await file.FlushAsync(cancel);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TransferState state, CancellationToken cancel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Options.ResponseTimeout);
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new InterruptedTransfer($"no answer within {Seconds(Options.ResponseTimeout)}");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            // e.g. a redirect to file:// or another scheme HttpClient does not follow.
            throw new AriException($"{state.Url}: the request cannot be completed (redirected to {request.RequestUri}? {Innermost(e).Message}); {state.Name} was not downloaded", e);
        }
        catch (HttpRequestException e)
        {
            throw new InterruptedTransfer(e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => $"cannot resolve the host name {request.RequestUri?.Host} (offline?)",
                HttpRequestError.ConnectionError => $"cannot connect to {request.RequestUri?.Authority} ({Innermost(e).Message})",
                HttpRequestError.SecureConnectionError => $"secure connection failed ({Innermost(e).Message})",
                _ => $"request failed ({Innermost(e).Message})",
            });
        }
    }

    /// <summary>Reads the status and size of an answer into the transfer state, or says why the answer is no good.</summary>
    private static void AcceptStatus(HttpResponseMessage response, FileStream file, TransferState state, bool resuming)
    {
        int code = (int)response.StatusCode;
        var headers = response.Content.Headers;
        if (code == 206 && resuming)
        {
            var range = headers.ContentRange;
            long? total = range?.Length ?? (headers.ContentLength is { } part ? state.Received + part : null);
            if (range?.From != state.Received || (state.Total is { } known && total is { } now && known != now))
            {
                Restart(file, state);
                throw new InterruptedTransfer("the server answered the resume request with another part of the file");
            }
            state.Total ??= total;
            return;
        }
        if (code == 200)
        {
            if (resuming) Restart(file, state); // the server ignored the Range request: start over
            state.Total = headers.ContentLength;
            state.ETag = response.Headers.ETag;
            return;
        }
        string reason = $"HTTP {code}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}";
        if (code == 416 && resuming)
        {
            Restart(file, state);
            throw new InterruptedTransfer($"the server refused to resume ({reason})");
        }
        if (code is 408 or 429 || code >= 500)
            throw new InterruptedTransfer($"the server answered {reason}");
        throw new AriException($"{state.Url}: the server answered {reason}; {state.Name} was not downloaded");
    }

    private static void Restart(FileStream file, TransferState state)
    {
        file.SetLength(0);
        state.Received = 0;
        state.Total = null;
        state.ETag = null;
    }

    private static string Describe(TransferState state) =>
        state.Total is { } total ? $"{state.Received:N0} of {total:N0} bytes" : $"{state.Received:N0} bytes";

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    private static void TryDelete(string path) => AtomicFile.TryDelete(path);

    public void Dispose() => _client.Dispose();

    private sealed class TransferState(Uri url, string name)
    {
        public Uri Url { get; } = url;
        public string Name { get; } = name;
        public long Received { get; set; }
        public long? Total { get; set; }
        public EntityTagHeaderValue? ETag { get; set; }
        public bool ServerAnswered { get; set; }
        public long MaxBytes { get; init; }
    }

    /// <summary>A transfer that may succeed if tried again (dropped, stalled, a transient server error).</summary>
    private sealed class InterruptedTransfer(string message) : Exception(message);
}
