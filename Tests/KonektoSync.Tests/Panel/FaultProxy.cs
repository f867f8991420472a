using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KonektoSync.Tests.Panel;

/// <summary>What the proxy does with one request.</summary>
internal enum ProxyAction
{
    /// <summary>Pass the request to the server and its answer back.</summary>
    Forward,
    /// <summary>Answer 500 without asking the server.</summary>
    Fail500,
    /// <summary>Never answer (the client's timeout ends it).</summary>
    Stall,
    /// <summary>Pass the request to the server, then drop the connection before its answer.</summary>
    DropAfterForward,
    /// <summary>Pass the request to the server and keep its answer back until the proxy is disposed.</summary>
    HoldAnswer,
    /// <summary>Close the connection without asking the server, as a server that is not there.</summary>
    Close,
}

/// <summary>
/// A loopback HTTP/1.1 proxy in front of a panel server that injects faults: one request per
/// connection (it asks the server to close after each), the next action taken from a script
/// (then <see cref="ProxyAction.Forward"/>); while <see cref="Down"/> it closes every connection
/// at once, as a panel that is not there.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri upstream;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ProxyAction> script = new();
    private readonly Task accepting;

    public FaultProxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = Accept();
    }

    public Uri Url { get; }

    public volatile bool Down;

    /// <summary>Completed when a <see cref="ProxyAction.HoldAnswer"/> request has been answered by the server.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Requests;

    public void Then(params ProxyAction[] actions)
    {
        foreach (var a in actions) script.Enqueue(a);
    }

    public int ScriptLeft => script.Count;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<ProxyAction>> pathScripts = new();

    /// <summary>The next actions for requests to <paramref name="path"/> (before the general script).</summary>
    public void OnPath(string path, params ProxyAction[] actions)
    {
        var queue = pathScripts.GetOrAdd(path, _ => new ConcurrentQueue<ProxyAction>());
        foreach (var a in actions) queue.Enqueue(a);
    }

    /// <summary>How many requests to <paramref name="path"/> the proxy saw.</summary>
    public int RequestsTo(string path) => seen.TryGetValue(path, out var n) ? n : 0;

    private readonly ConcurrentDictionary<string, int> seen = new();

    private ProxyAction Next(byte[] request)
    {
        var line = Encoding.ASCII.GetString(request, 0, Math.Max(0, Array.IndexOf(request, (byte)'\r'))).Split(' ');
        var path = line.Length > 1 ? line[1].Split('?')[0] : "";
        seen.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (pathScripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var forPath)) return forPath;
        return script.TryDequeue(out var a) ? a : ProxyAction.Forward;
    }

    private async Task Accept()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => Handle(client));
        }
    }

    private async Task Handle(TcpClient client)
    {
        using var _ = client;
        try
        {
            if (Down) return;
            var stream = client.GetStream();
            var request = await ReadRequest(stream);
            if (request is null) return;
            Interlocked.Increment(ref Requests);
            var action = Next(request);
            switch (action)
            {
                case ProxyAction.Close:
                    return;
                case ProxyAction.Fail500:
                    await stream.WriteAsync("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                    return;
                case ProxyAction.Stall:
                    await Task.Delay(Timeout.Infinite, stop.Token);
                    return;
            }
            using var server = new TcpClient();
            await server.ConnectAsync(upstream.Host, upstream.Port);
            var up = server.GetStream();
            await up.WriteAsync(request);
            if (action == ProxyAction.Forward)
            {
                await up.CopyToAsync(stream, stop.Token);
                return;
            }
            // the server has handled the request once its answer starts
            var first = new byte[1];
            await up.ReadExactlyAsync(first, stop.Token);
            if (action == ProxyAction.HoldAnswer)
            {
                Held.TrySetResult();
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
    }

    // One request: its head with "Connection: close" in place of any connection header, and its body.
    private static async Task<byte[]?> ReadRequest(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWith(head, "\r\n\r\n"u8))
        {
            if (await stream.ReadAsync(one) == 0) return null;
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n").Where(l => l.Length > 0).ToList();
        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim())).FirstOrDefault();
        var kept = lines.Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase)).Append("Connection: close");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return [.. Encoding.ASCII.GetBytes(string.Join("\r\n", kept) + "\r\n\r\n"), .. body];
    }

    private static bool EndsWith(List<byte> bytes, ReadOnlySpan<byte> end) =>
        bytes.Count >= end.Length && bytes.Skip(bytes.Count - end.Length).SequenceEqual(end.ToArray());

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await accepting; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
