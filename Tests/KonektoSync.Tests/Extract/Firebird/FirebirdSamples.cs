using System.Collections.Concurrent;
using KonektoSync.Extract;

namespace KonektoSync.Tests.Extract.Firebird;

/// <summary>A program's sample in a Firebird fixture's folder, written once on first use (per fixture and folder name).</summary>
internal static class FirebirdSamples
{
    private static readonly ConcurrentDictionary<(string, string), Lazy<Task<(string, SampleInfo)>>> Written = new();

    public static Task<(string Folder, SampleInfo Info)> Of(FirebirdFixture fb, string name, Func<ISampleWriter> writer) =>
        Written.GetOrAdd((fb.Root, name), key => new Lazy<Task<(string, SampleInfo)>>(async () =>
        {
            var folder = FirebirdFixture.NewFolder(Path.Combine(key.Item1, name));
            var info = await writer().Write(folder, FirebirdFixture.Spec, CancellationToken.None);
            FirebirdFixture.Share(folder);
            return (folder, info);
        })).Value;
}
