using KonektoSync.Tests.Load;

namespace KonektoSync.Tests.Panel;

/// <summary>The OpenAPI document the panel server serves is the one checked into docs/.</summary>
public sealed class PanelOpenApiTests : IAsyncLifetime
{
    private readonly TempFolder folder = new();
    private PanelServerRig server = null!;

    public async Task InitializeAsync() => server = await PanelServerRig.Start(folder);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task The_served_openapi_document_is_the_one_in_docs()
    {
        using var client = server.Client();
        var served = await client.GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(TestRepository.Root, "docs", "panel-openapi.json");
        // KONEKTOSYNC_WRITE_OPENAPI=1 writes the served document to docs/ (then review the diff)
        if (Environment.GetEnvironmentVariable("KONEKTOSYNC_WRITE_OPENAPI") == "1")
            await File.WriteAllTextAsync(path, served.ReplaceLineEndings("\n").TrimEnd() + "\n");

        var checkedIn = await File.ReadAllTextAsync(path);

        Assert.Equal(checkedIn.ReplaceLineEndings("\n").TrimEnd(), served.ReplaceLineEndings("\n").TrimEnd());
        Assert.Contains("/api/v1/deliveries", served);
        Assert.Contains("/api/v1/firms/{nip}/approvals", served);
    }
}
