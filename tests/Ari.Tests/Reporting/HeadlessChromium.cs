using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ari.Tests.Reporting;

/// <summary>
/// Debian's chromium driven over the DevTools protocol: opens a page, waits until a script says it is ready,
/// collects console errors and uncaught exceptions, and takes a full-page screenshot.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and error-level log entries seen so far.</summary>
    public IReadOnlyList<string> Errors { get { lock (_errors) return _errors.ToList(); } }

    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync()
    {
        string exe = Executable ?? throw new InvalidOperationException("chromium is not installed (Debian package 'chromium'; .ci/run installs it)");
        string profile = Path.Combine(Path.GetTempPath(), "ari-chromium-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader", "--hide-scrollbars",
                     $"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1400,1000", "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var browser = new HeadlessChromium(process, profile);
        await browser.ConnectAsync();
        return browser;
    }

    private async Task ConnectAsync()
    {
        string portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException("chromium did not open its DevTools port");
            await Task.Delay(100);
        }
        int port = int.Parse(File.ReadAllLines(portFile)[0]);
        using var http = new HttpClient();
        JsonArray? targets = null;
        while (targets is null || !targets.Any(t => (string?)t!["type"] == "page"))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("chromium has no page target");
            targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            await Task.Delay(50);
        }
        string url = (string)targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!;
        await _socket.ConnectAsync(new Uri(url), CancellationToken.None);
        _receiving = Task.Run(ReceiveAsync);
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Page.enable");
    }

    public async Task NavigateAsync(string url, TimeSpan timeout)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        if (await Task.WhenAny(_loaded.Task, Task.Delay(timeout)) != _loaded.Task)
            throw new TimeoutException($"{url} did not finish loading in {timeout}");
    }

    /// <summary>Evaluates a JavaScript expression and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        return result["result"]?["value"];
    }

    /// <summary>Polls <paramref name="condition"/> (a JavaScript boolean expression) until true.</summary>
    public async Task WaitUntilAsync(string condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await EvaluateAsync(condition) is JsonValue v && v.TryGetValue(out bool ok) && ok) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"'{condition}' did not become true in {timeout}");
    }

    /// <summary>A PNG of the whole page at <paramref name="width"/> CSS pixels wide.</summary>
    public async Task<byte[]> ScreenshotAsync(int width)
    {
        int height = (int)(await EvaluateAsync("document.documentElement.scrollHeight"))!.GetValue<double>();
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
        });
        await Task.Delay(500); // let the viewer redraw at the new size
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String((string)shot["data"]!);
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending) _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        if (await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(60))) != reply.Task)
            throw new TimeoutException($"chromium did not answer {method}");
        var answer = await reply.Task;
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return answer["result"] ?? new JsonObject();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                Handle(node);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    private void Handle(JsonNode node)
    {
        if (node["id"] is { } idNode)
        {
            TaskCompletionSource<JsonNode>? reply;
            lock (_pending) _pending.Remove(idNode.GetValue<int>(), out reply);
            reply?.TrySetResult(node);
            return;
        }
        string? method = Text(node["method"]);
        var p = node["params"];
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.exceptionThrown":
                AddError("exception: " + (p?["exceptionDetails"]?["exception"]?["description"] ?? p?["exceptionDetails"]?["text"])?.ToString());
                break;
            case "Runtime.consoleAPICalled" when Text(p?["type"]) is "error" or "assert":
                AddError("console.error: " + string.Join(" ", p!["args"]!.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString())));
                break;
            case "Log.entryAdded" when Text(p?["entry"]?["level"]) == "error":
                AddError($"log ({p!["entry"]!["source"]}): {p["entry"]!["text"]}");
                break;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private void AddError(string text)
    {
        lock (_errors) _errors.Add(text);
    }

    public async ValueTask DisposeAsync()
    {
        try { await SendAsync("Browser.close"); } catch (Exception e) when (e is InvalidOperationException or TimeoutException or WebSocketException) { }
        _stop.Cancel();
        if (_receiving is not null) await Task.WhenAny(_receiving, Task.Delay(2000));
        if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _socket.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
