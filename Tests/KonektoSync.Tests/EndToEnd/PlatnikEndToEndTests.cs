using System.Text.Json;
using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Platnik;
using KonektoSync.Tests.Host;
using static KonektoSync.Tests.EndToEnd.Office;

namespace KonektoSync.Tests.EndToEnd;

/// <summary>
/// The manual's Płatnik case end to end through the command line: firms in Raks, their owners' ZUS in
/// Płatnik (the Access stand-in); payers matched to firms with the counts in `firms`, a payer filing
/// DRA only in some months copied forward and marked so (across January flagged), one payer of no firm.
/// </summary>
[Collection("EndToEnd")]
public sealed class PlatnikEndToEndTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private Office? _office;
    private readonly string _folder = NewTemp("platnik-e2e");

    public void Dispose()
    {
        _cli.Dispose();
        _office?.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private static IEnumerable<(string Period, string Origin)> Zus(JsonElement show, string subject) =>
        show.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "zus" && e.GetProperty("subject").GetString() == subject)
            .Select(e => (e.GetProperty("period").GetString()!, e.GetProperty("fields").EnumerateArray()
                .Single(f => f.GetProperty("key").GetString() == "origin").GetProperty("value").GetString()!));

    [Fact]
    public async Task Payers_are_matched_to_Raks_firms_months_without_DRA_are_copied_and_an_unmatched_payer_is_listed()
    {
        _office = await Office.Write(7, 5, 2, SampleCases.None, SampleCases.None);
        var owners = _office.Raks.Firms.Select(f => Digits(f.Nip)).Where(n => Nip.Create(n).IsSuccess).Take(3).ToArray();
        var platnik = await new PlatnikSampleWriter().Write(_folder,
            new SampleSpec(11, 1, Year, owners.Select(n => new SampleFirm(n, "")).ToList(), SampleCases.MissingDeclaration), CancellationToken.None);
        var someMonths = platnik.Firms[1];
        var stranger = Digits(platnik.Firms[^1].Nip);

        Ok(_cli.Run("init"));
        Ok(_cli.Run("programs", "set", "raks", $"path={_office.RaksFolder}", "serverType=embedded", "user=SYSDBA"));
        Ok(_cli.Run("programs", "set", "platnik", "storage=access", $"path={_folder}", $"driver={PlatnikSampleWriter.StandInDriver}"));
        Ok(_cli.Run("settings", "--copy-zus-forward", "on", "--match-payers", "on"));
        Ok(_cli.Run("programs", "check"));
        Ok(_cli.Run("firms", "select", "--all"));
        Ok(_cli.Run([.. new[] { "firms", "source" }, .. owners, "--zus", "platnik"]));
        var firms = Ok(_cli.Run("firms", "--json")).Json;
        var sync = _cli.Run("sync", "--from", $"{Year}-01", "--to", $"{Year}-12", "--kinds", "zus", "--json");
        var show = Ok(_cli.Run("panel", "show", owners[1], "--json")).Json;
        var warnings = Ok(_cli.Run("log", "--warnings", "--json")).Json.EnumerateArray().ToList();

        var rows = firms.GetProperty("firms").EnumerateArray().ToDictionary(f => f.GetProperty("nip").GetString()!);
        Assert.All(owners, n => Assert.Equal(1, rows[n].GetProperty("payers").GetInt32()));
        Assert.Equal(["platnik"], rows[stranger].GetProperty("programs").EnumerateArray().Select(p => p.GetString()));
        var unmatched = Assert.Single(firms.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "payer.unmatched");
        Assert.Contains("PESEL", unmatched.GetProperty("remedy").GetString());
        Assert.True(sync.Exit == 0, sync.Err);
        var zus = Zus(show, someMonths.Name).ToDictionary(z => z.Period, z => z.Origin);
        Assert.Equal(12, zus.Count);
        Assert.Equal(["03", "04", "08"], zus.Where(z => z.Value == "Filed").Select(z => z.Key[5..]).Order());
        Assert.All(zus.Where(z => !new[] { "03", "04", "08" }.Contains(z.Key[5..])), z => Assert.Equal("Copied", z.Value));
        var across = Assert.Single(warnings, w => w.GetProperty("code").GetString() == "zus.copied-across-year");
        Assert.Equal($"{Year}-01", across.GetProperty("period").GetString());
        Assert.Equal(owners[1], across.GetProperty("firm").GetString());
    }
}
