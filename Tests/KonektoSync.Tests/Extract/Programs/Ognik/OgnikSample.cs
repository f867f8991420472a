using System.Collections.Concurrent;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Ognik;

/// <summary>The Ognik sample of a Firebird fixture, written once on first use in the fixture's folder.</summary>
internal static class OgnikSample
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(string, SampleInfo)>>> Written = new();

    public static Task<(string Folder, SampleInfo Info)> Of(FirebirdFixture fb) =>
        Written.GetOrAdd(fb.Root, root => new Lazy<Task<(string, SampleInfo)>>(async () =>
        {
            var folder = FirebirdFixture.NewFolder(Path.Combine(root, "ognik"));
            var info = await new OgnikSampleWriter().Write(folder, FirebirdFixture.Spec, CancellationToken.None);
            FirebirdFixture.Share(folder);
            return (folder, info);
        })).Value;
}
