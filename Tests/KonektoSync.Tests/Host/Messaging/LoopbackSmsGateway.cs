using System.Net;

namespace KonektoSync.Tests.Host.Messaging;

/// <summary>An HTTP SMS gateway on the loopback (HttpListener): keeps each request and answers with <see cref="Status"/>.</summary>
public sealed class LoopbackSmsGateway : IDisposable
{
    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string Body);

    private readonly HttpListener listener = new();
    private readonly List<Request> requests = [];
    private readonly Task loop;

    public int Port { get; }
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
    public string Url => $"http://127.0.0.1:{Port}";

    public LoopbackSmsGateway()
    {
        Port = LoopbackSmtp.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    public IReadOnlyList<Request> Requests
    {
        get { lock (requests) return requests.ToList(); }
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(ctx.Request.InputStream, System.Text.Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var raw = ctx.Request.Url!.Query.TrimStart('?');
            var query = Form(raw);
            lock (requests)
                requests.Add(new Request(ctx.Request.HttpMethod, ctx.Request.Url.AbsolutePath, query,
                    ctx.Request.Headers["Authorization"], body));
            ctx.Response.StatusCode = (int)Status;
            ctx.Response.Close();
        }
    }

    /// <summary>application/x-www-form-urlencoded or a query, decoded as UTF-8.</summary>
    public static IReadOnlyDictionary<string, string> Form(string raw) =>
        raw.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
