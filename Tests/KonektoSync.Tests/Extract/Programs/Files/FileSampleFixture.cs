using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Files;

/// <summary>A sample of a table-file program written once for a test class in its own folder, removed at the end.</summary>
public abstract class FileSampleFixture(ISampleWriter writer, string folder) : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"konektosync-{writer.Program.Code()}-" + Guid.NewGuid().ToString("N")[..8]);
    public string Folder => Path.Combine(Root, folder);
    public SampleInfo Sample { get; private set; } = null!;

    public async Task InitializeAsync() => Sample = await writer.Write(Folder, FirebirdFixture.Spec, CancellationToken.None);

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
