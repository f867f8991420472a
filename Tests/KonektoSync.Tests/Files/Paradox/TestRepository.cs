namespace KonektoSync.Tests.Files.Paradox;

/// <summary>Where the repository and the shared fixtures sit, found from the test binaries.</summary>
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

    /// <summary>
    /// A folder under the shared fixtures, which sit at ../shared next to the repository
    /// (or next to a parent folder of it, for a checkout in a worktree folder).
    /// </summary>
    public static string SharedFixtures(string name)
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", name);
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"fixture folder shared/fixtures/{name} not found next to {Root} or its parents; " +
            "check out the shared fixtures at ../shared relative to the repository");
    }
}
