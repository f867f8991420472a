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

    // A profile of file names for the layouts no product program uses yet (Insert GT, Finka, Buchalter).
    private static ProgramProfile Files => ProgramProfile.Load(ProgramId.Optima, "layouts", typeof(LayoutTests).Assembly,
        "KonektoSync.Tests.Extract.Kit.Example.layouts.profile.json", null).Match(p => p, p => throw new Exception(p.Message));

    private static Place[] Places(Layout layout, string firm, string? database, int from, int to, Dictionary<string, string[]> folders) =>
        Layouts.FirmPlaces(layout, Files, "/srv", firm, database, from, to, Listing(folders), Combine).ToArray();

    [Fact]
    public void A_single_database_holds_every_firm()
    {
        var (root, shared) = Layouts.Resolve(new Layout.Single("catalog"), Files, "/srv", Combine);

        Assert.Equal(("/srv", new Place("main", "/srv/KONFIG.FDB")), (root, shared.Case as Place));
        Assert.Equal(new[] { new Place("main", "/srv/KONFIG.FDB") }, Places(new Layout.Single("catalog"), "7", null, 2024, 2024, []));
    }

    [Fact]
    public void A_server_catalog_is_the_configured_database_and_each_firm_has_the_database_it_lists()
    {
        var (_, shared) = Layouts.Resolve(new Layout.ServerCatalog("catalog"), Files, "CDN_KNF_Konfiguracja", Combine);

        Assert.Equal(new Place("catalog", "CDN_KNF_Konfiguracja"), shared.Case as Place);
        Assert.Equal(new[] { new Place("firm", "CDN_Firma_Demo") },
            Places(new Layout.ServerCatalog("catalog"), "3", "CDN_Firma_Demo", 2024, 2024, []));
    }

    [Fact]
    public void Databases_holding_every_table_of_a_firm_database_are_the_firms()
    {
        var layout = new Layout.FirmByTables(LanguageExt.Prelude.Seq("companies", "declarations"));
        var tables = new Dictionary<string, IReadOnlySet<string>>
        {
            ["/srv/FIRMA1"] = new System.Collections.Generic.HashSet<string>(["FIRMA", "DEKLARACJE", "X"], StringComparer.OrdinalIgnoreCase),
            ["/srv/FIRMA2"] = new System.Collections.Generic.HashSet<string>(["Firma"], StringComparer.OrdinalIgnoreCase),
            ["/srv/master"] = new System.Collections.Generic.HashSet<string>(["sysobjects"], StringComparer.OrdinalIgnoreCase),
        };

        var firms = Layouts.FirmsListed(layout, Files, "/srv", Listing(new() { ["/srv"] = ["FIRMA1", "FIRMA2", "master", "broken"] }),
            db => tables.GetValueOrDefault(db), Combine);

        Assert.Equal(new[] { "FIRMA1" }, firms.ToArray());
        Assert.Equal(new[] { new Place("firm", "/srv/FIRMA1") }, Places(layout, "FIRMA1", null, 2024, 2024, []));
    }

    [Fact]
    public void One_database_per_firm_and_year_gives_the_listed_years_of_the_read()
    {
        var layout = new Layout.FirmAndYear("firmYear");
        var folders = new Dictionary<string, string[]> { ["/srv"] = ["F0003_2022.FDB", "F0003_2023.FDB", "f0003_2024.fdb", "F0012_2024.FDB", "KONFIG.FDB"] };

        var places = Places(layout, "3", null, 2023, 2025, folders);
        var firms = Layouts.FirmsListed(layout, Files, "/srv", Listing(folders), _ => null, Combine);

        Assert.Equal(new[] { new Place("firm", "/srv/F0003_2023.FDB", 2023), new Place("firm", "/srv/F0003_2024.FDB", 2024) }, places);
        Assert.Equal(new[] { "0003", "0012" }, firms.ToArray());
    }

    [Fact]
    public void A_folder_per_firm_with_a_file_per_year_gives_the_firm_s_listed_years()
    {
        var layout = new Layout.FolderPerFirm("yearFile");
        var folders = new Dictionary<string, string[]>
        {
            ["/srv"] = ["KOWALSKI", "NOWAK", "ARCHIWUM"],
            ["/srv/KOWALSKI"] = ["KPR2023.DBF", "KPR2024.DBF"],
            ["/srv/NOWAK"] = ["KPR2024.DBF"],
            ["/srv/ARCHIWUM"] = ["stare.zip"],
        };

        var firms = Layouts.FirmsListed(layout, Files, "/srv", Listing(folders), _ => null, Combine);
        var places = Places(layout, "KOWALSKI", null, 2024, 2024, folders);

        Assert.Equal(new[] { "KOWALSKI", "NOWAK" }, firms.ToArray());
        Assert.Equal(new[] { new Place("firm", "/srv/KOWALSKI/KPR2024.DBF", 2024) }, places);
    }

    private static readonly ProgramProfile PcBiznes =
        ProgramProfile.Load(ProgramId.StreamSoftPcBiznes, null).Match(p => p, p => throw new Exception(p.Message));

    private static readonly Layout PcBiznesLayout = KonektoSync.Extract.Programs.StreamSoftPcBiznes.StreamSoftPcBiznesProgram.Definition.Layout;

    private static readonly Dictionary<string, string[]> StreamSoft = new()
    {
        ["/ss/Ala/DANE"] = ["0001", "0002", "pusty"],
        ["/ss/Ala/DANE/0001"] = ["2023", "2024", "kopia"],
        ["/ss/Ala/DANE/0002"] = ["2024"],
        ["/ss/Aga/DANE"] = ["0001", "0003"],
        ["/ss/Aga/DANE/0001"] = ["Prac.DB", "Wlas.DB", "2024"],
        ["/ss/Aga/DANE/0003"] = ["Prac.DB"],
    };

    [Fact]
    public void Firm_folders_of_several_parts_list_a_firm_of_any_part_and_a_yearly_part_needs_a_year_folder()
    {
        var firms = Layouts.FirmsListed(PcBiznesLayout, PcBiznes, "/ss", Listing(StreamSoft), _ => null, Combine);

        Assert.Equal(new[] { "0001", "0002", "0003" }, firms.ToArray());
    }

    [Fact]
    public void Firm_folders_give_each_part_s_databases_under_its_role_and_only_the_years_there_are()
    {
        Place[] Of(string firm) => Layouts.FirmPlaces(PcBiznesLayout, PcBiznes, "/ss", firm, null, 2023, 2024, Listing(StreamSoft), Combine).ToArray();

        Assert.Equal(new[]
        {
            new Place("ala", "/ss/Ala/DANE/0001/2023", 2023), new Place("ala", "/ss/Ala/DANE/0001/2024", 2024),
            new Place("aga", "/ss/Aga/DANE/0001"), new Place("agaYear", "/ss/Aga/DANE/0001/2024", 2024),
        }, Of("0001"));
        Assert.Equal(new[] { new Place("ala", "/ss/Ala/DANE/0002/2024", 2024) }, Of("0002"));
        Assert.Equal(new[] { new Place("aga", "/ss/Aga/DANE/0003") }, Of("0003"));
    }
}
