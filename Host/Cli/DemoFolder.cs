using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Host.Cli;

/// <summary>
/// Where `demo` may write. Without a folder it makes a new one of its own, unique per run. A given
/// folder or data folder that exists (a data folder: that is not empty) is refused unless
/// --force; with --force the demo still refuses when its own places (raks/, fakt/, the data
/// folder) hold files an earlier demo did not list in the folder's manifest, and it removes only
/// the files so listed. The manifest is written after the demo, listing every file it made.
/// </summary>
public sealed class DemoFolder
{
    public const string ManifestName = "konektosync-demo.manifest";

    public string Root { get; }
    public string DataDir { get; }

    private DemoFolder(string root, string dataDir) => (Root, DataDir) = (root, dataDir);

    private string Manifest => Path.Combine(Root, ManifestName);

    /// <summary>The folders the demo writes into (each only with files it made).</summary>
    private IEnumerable<string> Places =>
        [Path.Combine(Root, "raks"), Path.Combine(Root, "fakt"), Path.Combine(Root, "platnik"), Path.Combine(Root, "BUCH"),
            Path.Combine(Root, "StreamSoft"), Path.Combine(Root, "symfonia"), .. DemoCommand.FirebirdFolders.Select(f => Path.Combine(Root, f)), DataDir];

    /// <summary>Chooses and checks the folders; on --force, removes what an earlier demo listed as its own.</summary>
    public static Either<Problem, DemoFolder> Prepare(string? folder, string? dataDir, bool force)
    {
        if (folder is null)
        {
            var fresh = Directory.CreateTempSubdirectory("konektosync-demo-").FullName;
            return Check(new DemoFolder(fresh, Full(dataDir) ?? Path.Combine(fresh, "data")), force);
        }
        var root = Path.GetFullPath(folder);
        if (File.Exists(root))
            return Problem.Of("demo.not-a-folder", $"{root} is a file, not a folder: give the demo a new folder", root);
        if (Directory.Exists(root) && !force)
            return Problem.Of("demo.exists",
                $"{root} exists: the demo writes only into a new folder; give a new one, or add --force to write beside what is there (files the demo did not make are never removed)",
                root);
        return Check(new DemoFolder(root, Full(dataDir) ?? Path.Combine(root, "data")), force);
    }

    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);

    private static Either<Problem, DemoFolder> Check(DemoFolder demo, bool force)
    {
        if (File.Exists(demo.DataDir))
            return Problem.Of("demo.not-a-folder", $"{demo.DataDir} is a file, not a folder: give the demo a new folder", demo.DataDir);
        if (!force && Directory.Exists(demo.DataDir) && Directory.EnumerateFileSystemEntries(demo.DataDir).Any())
            return Problem.Of("demo.exists",
                $"{demo.DataDir} exists: the demo writes only into a new folder; give a new one, or add --force to write beside what is there (files the demo did not make are never removed)",
                demo.DataDir);
        var own = demo.Listed();
        var foreign = demo.Places.Where(Directory.Exists)
            .SelectMany(p => Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories))
            .FirstOrDefault(f => !own.Contains(f));
        if (foreign is not null)
            return Problem.Of("demo.foreign-file",
                $"{foreign} was not made by the demo, and the demo never removes such files: give the demo a new folder",
                foreign);
        foreach (var f in own.Where(File.Exists)) File.Delete(f);
        return demo;
    }

    /// <summary>The files an earlier demo listed as its own, inside its places only.</summary>
    private System.Collections.Generic.HashSet<string> Listed()
    {
        if (!File.Exists(Manifest)) return new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var places = Places.Select(p => p + Path.DirectorySeparatorChar).ToArray();
        return File.ReadAllLines(Manifest)
            .Where(l => l.Length > 0 && Path.IsPathFullyQualified(l) && Path.GetFullPath(l) == l)
            .Where(l => places.Any(p => l.StartsWith(p, StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Lists every file now in the demo's places as the demo's own (kept with those of earlier demos).</summary>
    public void WriteManifest()
    {
        var files = Places.Where(Directory.Exists)
            .SelectMany(p => Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        File.WriteAllLines(Manifest, files);
    }
}
