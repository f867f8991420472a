namespace KonektoSync.Tests;

/// <summary>Where the repository and its test fixtures sit, found from the test binaries.</summary>
public static class TestRepository
{
    /// <summary>The folder holding KonektoSync.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KonektoSync.sln"))) return dir.FullName;
        throw new InvalidOperationException(
            $"KonektoSync.sln not found above {AppContext.BaseDirectory}; run the tests from the repository");
    }

    /// <summary>A folder of the repository's test fixtures (Tests/fixtures/&lt;name&gt;; see its README).</summary>
    public static string Fixtures(string name)
    {
        var folder = Path.Combine(Root, "Tests", "fixtures", name);
        return Directory.Exists(folder) ? folder : throw new InvalidOperationException(
            $"fixture folder {folder} is missing from the repository");
    }
}
