using KonektoSync.Domain;
using KonektoSync.Extract.Engines.Sql;
using KonektoSync.Extract.Kit;
using KonektoSync.Extract.Profiles;
using Live = System.Collections.Generic.Dictionary<string, System.Collections.Generic.HashSet<string>>;

namespace KonektoSync.Tests.Extract.Programs.Platnik;

/// <summary>The T-SQL Płatnik's profile gives on a real SQL Server (tested as text: no SQL Server runs here).</summary>
public sealed class PlatnikQueryTextTests
{
    private static readonly ProgramProfile Profile =
        ProgramProfile.Load(ProgramId.Platnik, null).Match(p => p, p => throw new InvalidOperationException(p.Message));

    private static Live All()
    {
        var live = new Live(StringComparer.OrdinalIgnoreCase);
        foreach (var t in Profile.Items.Where(i => i.IsTable))
            live[t.Value] = Profile.ColumnsOf(t.Key["table.".Length..]).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return live;
    }

    private static string Sql(string query) =>
        QueryText.Build(Profile.Query(query).IfNone(() => throw new KeyNotFoundException(query)), Profile, SqlDialect.SqlServer,
            All(), "Płatnik", "PLATNIK").Match(q => q.Text, p => throw new InvalidOperationException(p.Message));

    [Fact]
    public void A_payer_s_DRA_are_read_by_the_payer_s_key_with_the_payer_joined_in_quoted_T_SQL()
    {
        var sql = Sql("zus");

        Assert.StartsWith("SELECT d.\"ID_DOKUMENT\", d.\"I_2_1IDDEKLS\", d.\"I_2_2OKRESDEKLAR\"", sql);
        Assert.Contains("FROM \"ZUSDRA\" d", sql);
        Assert.Contains("JOIN \"PLATNIK\" p ON p.\"ID\" = d.\"ID_PLATNIK\"", sql);
        Assert.Contains("d.\"ID_PLATNIK\" = @", sql);
        Assert.DoesNotContain("I_2_2OKRESDEKLAR] IN", sql); // every month is read: copies need the last earlier one
        Assert.EndsWith("ORDER BY d.\"I_2_2OKRESDEKLAR\", d.\"I_2_1IDDEKLS\", d.\"ID_DOKUMENT\"", sql);
    }

    [Fact]
    public void The_payers_are_the_rows_of_PLATNIK_in_key_order_each_with_its_DRA_newest_first()
    {
        var sql = Sql("firms");

        Assert.Contains("FROM \"PLATNIK\" p", sql);
        Assert.Contains("LEFT JOIN \"ZUSDRA\" d ON d.\"ID_PLATNIK\" = p.\"ID\"", sql);
        Assert.EndsWith("ORDER BY p.\"ID\", d.\"ID_DOKUMENT\" DESC", sql);
    }
}
