using KonektoSync.Domain;
using KonektoSync.Host.State;

namespace KonektoSync.Tests.Host;

/// <summary>
/// Rule 7 as the firm list shows it: payers kept in the state database as a payer program's
/// discovery reports them (given directly here: no Płatnik connector yet) are counted per firm
/// when *Dopasuj i przypisz płatników do firm* is on.
/// </summary>
public sealed class PayerListingTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Found()
    {
        var owner = new RawPerson("Jan", "Nowak", "44051401359", null, null, null, "Owner");
        using var state = StateStore.Open(Path.Combine(_cli.DataDir, "konektosync.db"));
        state.ReplaceFirms(ProgramId.Raks, [new RawFirm(ProgramId.Raks, "17", "8567346215", "Piekarnia Nowak", "Długa 5",
            "00-001", "Warszawa", null, null, null, [owner])]);
        state.ReplaceFirms(ProgramId.Platnik, [
            new RawFirm(ProgramId.Platnik, "P1", null, "NOWAK JAN", null, null, null, null, null, null,
                [owner with { Role = null }]),
            new RawFirm(ProgramId.Platnik, "P2", "8567346215", "PIEKARNIA NOWAK", null, null, null, null, null, null, []),
        ]);
    }

    [Fact]
    public void Firms_counts_the_payers_assigned_to_a_firm_when_matching_is_on_and_none_when_it_is_off()
    {
        Assert.Equal(0, _cli.Run("init").Exit);
        Found();

        var off = _cli.Run("firms", "--json");
        Assert.Equal(0, _cli.Run("settings", "--match-payers", "on").Exit);
        var on = _cli.Run("firms", "--json");
        var text = _cli.Run("firms");

        var offFirm = Assert.Single(off.Json.GetProperty("firms").EnumerateArray());
        Assert.Equal(0, offFirm.GetProperty("payers").GetInt32());
        var onFirm = Assert.Single(on.Json.GetProperty("firms").EnumerateArray());
        Assert.Equal(2, onFirm.GetProperty("payers").GetInt32());
        Assert.Equal(["platnik", "raks"], onFirm.GetProperty("programs").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(("raks", "default order"), (onFirm.GetProperty("basic").GetString(), onFirm.GetProperty("basicBy").GetString()));
        Assert.Contains("payers", text.Out);
        Assert.Matches(@"Piekarnia Nowak .*\s2$", text.Out.Split('\n').Single(l => l.Contains("Piekarnia")).TrimEnd());
    }
}
