using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Ognik;
using KonektoSync.Tests.Extract.Firebird;

namespace KonektoSync.Tests.Extract.Programs.Ognik;

/// <summary>The Ognik sample of a Firebird fixture, written once on first use in the fixture's folder.</summary>
internal static class OgnikSample
{
    public static Task<(string Folder, SampleInfo Info)> Of(FirebirdFixture fb) => FirebirdSamples.Of(fb, "ognik", () => new OgnikSampleWriter());
}
