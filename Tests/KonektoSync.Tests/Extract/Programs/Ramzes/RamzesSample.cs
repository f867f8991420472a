using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Ramzes;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Ramzes;

/// <summary>The Ramzes sample of a Firebird fixture, written once on first use in the fixture's folder.</summary>
internal static class RamzesSample
{
    public static Task<(string Folder, SampleInfo Info)> Of(FirebirdFixture fb) => FirebirdSamples.Of(fb, "ramzes", () => new RamzesSampleWriter());
}
