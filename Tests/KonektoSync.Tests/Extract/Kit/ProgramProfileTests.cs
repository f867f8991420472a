using KonektoSync.Domain;
using KonektoSync.Extract.Profiles;

namespace KonektoSync.Tests.Extract.Kit;

public sealed class ProgramProfileTests
{
    private static ProgramProfile Layouts(string? dir = null) => ProgramProfile.Load(ProgramId.Optima, "layouts",
        typeof(ProgramProfileTests).Assembly, "KonektoSync.Tests.Extract.Kit.Example.layouts.profile.json", dir)
        .Match(p => p, p => throw new InvalidOperationException(p.Message));

    [Fact]
    public void Every_item_keeps_its_status_and_source_and_documented_is_a_status()
    {
        var item = Layouts().Item("table.declarations");

        Assert.Equal(("documented", "https://example.org/vendor-manual#deklaracje"), (item.Status, item.Source));
        Assert.Equal("model", Layouts().Item("table.companies").Status);
    }

    [Fact]
    public void An_override_file_renames_an_item_and_marks_it_as_the_office_s()
    {
        var dir = Directory.CreateTempSubdirectory("konektosync-profile-").FullName;
        File.WriteAllText(Path.Combine(dir, "layouts.profile.json"), """{ "items": { "table.declarations": { "value": "cdn.Deklaracje" } } }""");

        var item = Layouts(dir).Item("table.declarations");

        Assert.Equal(("cdn.Deklaracje", "override"), (item.Value, item.Status));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Every_query_of_the_product_profiles_names_only_items_the_profile_has()
    {
        foreach (var program in new[] { ProgramId.Raks, ProgramId.Fakt })
        {
            var profile = ProgramProfile.Load(program, null).Match(p => p, p => throw new InvalidOperationException(p.Message));
            foreach (var q in profile.Queries.Values)
            {
                var tables = q.Tables.ToDictionary(t => t.Alias, t => t.Table);
                Assert.All(ProgramProfile.QueryColumns(q), c => Assert.True(profile.Has($"column.{tables[c.Alias]}.{c.Column}"), $"{q.Name}: {c}"));
            }
        }
    }
}
