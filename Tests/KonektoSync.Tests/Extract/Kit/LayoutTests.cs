using KonektoSync.Domain;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using LanguageExt;

namespace KonektoSync.Tests.Extract.Kit;

public sealed class LayoutTests
{
    private static readonly ProgramProfile Raks = ProgramProfile.Load(ProgramId.Raks, null).Match(p => p, p => throw new Exception(p.Message));
    private static string Combine(string root, string name) => root + "/" + name;

    private static Func<string, Seq<string>> Listing(Dictionary<string, string[]> folders) =>
        path => folders.TryGetValue(path, out var names) ? names.ToSeq() : [];

    [Fact]
    public void A_system_database_and_one_database_per_firm_name_the_firm_file_by_its_number()
    {
        var (root, shared) = Layouts.Resolve(new Layout.SystemAndFirms("system", "firm"), Raks, "/data", Combine);

        var places = Layouts.FirmPlaces(new Layout.SystemAndFirms("system", "firm"), Raks, root, "3", null, 2024, 2024,
            Listing([]), Combine);

        Assert.Equal(new Place("system", "/data/Raks3000.fdb"), shared);
        Assert.Equal(new[] { new Place("firm", "/data/F00003.fdb") }, places.ToArray());
    }

    [Fact]
    public void A_path_naming_the_system_file_stands_for_its_folder()
    {
        var (root, shared) = Layouts.Resolve(new Layout.SystemAndFirms("system", "firm"), Raks, "/data/RAKS3000.FDB", Combine);

        Assert.Equal("/data", root);
        Assert.Equal(new Place("system", "/data/RAKS3000.FDB"), shared);
    }
}
