using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Panel;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// Rule 10 as the local panel applies it: after any sequence of deliveries (changed or unchanged
/// values, approving or not) and firm approvals, every value's approval and approval time are
/// those <see cref="Approval.OnDelivery"/> and <see cref="Approval.ApproveFirm"/> give.
/// </summary>
[Properties(MaxTest = 40)]
public class LocalPanelApprovalProperties
{
    /// <summary>A delivery of January's VAT-7 and PIT-4 (an amount of 0 leaves it out), or a firm approval.</summary>
    public sealed record Step(bool ApproveFirm, decimal Vat, decimal Pit, bool Approve)
    {
        public override string ToString() =>
            ApproveFirm ? "approve firm" : $"deliver VAT-7={Vat} PIT-4={Pit} approve={Approve}";
    }

    private static Gen<Step> Steps =>
        from approveFirm in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from vat in Gen.Elements(0m, 1m, 2m)
        from pit in Gen.Elements(0m, 1m, 2m)
        from approve in Gen.Elements(true, false)
        select new Step(approveFirm, vat, pit, approve);

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Noon;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed record Held(string Hash, ApprovalState State, string? At);

    private static string Stamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    [Property]
    public Property The_panel_holds_the_approvals_rule_10_gives() =>
        Prop.ForAll(Steps.ListOf().Resize(8).ToArbitrary(), steps =>
        {
            using var folder = new TempFolder();
            var actual = Play(folder, steps).GetAwaiter().GetResult();
            var model = Model(steps);
            return model.Count == actual.Count
                && model.All(m => actual.TryGetValue(m.Key, out var a) && a == m.Value);
        });

    private static Fact[] FactsOf(Step s) =>
        new[] { (TaxKind.Vat7, s.Vat), (TaxKind.Pit4, s.Pit) }.Where(x => x.Item2 != 0m)
            .Select(x => Tax(FirmA, x.Item1, Month(2024, 1), x.Item2)).ToArray();

    private static Dictionary<string, Held> Model(IEnumerable<Step> steps)
    {
        var model = new Dictionary<string, Held>(StringComparer.Ordinal);
        var now = Noon;
        foreach (var s in steps)
        {
            now = now.AddMinutes(1);
            if (s.ApproveFirm)
            {
                var inPanel = model.Select(m => new PanelFact(
                    new FactKey(FirmA, DataKind.Taxes, Some(Month(2024, 1)), m.Key.Split('|')[3]), m.Value.State));
                foreach (var key in Approval.ApproveFirm(FirmA, inPanel.ToSeq()))
                    model[key.Text] = model[key.Text] with { State = ApprovalState.Approved, At = Stamp(now) };
                continue;
            }
            var asked = s.Approve ? ApprovalState.Approved : ApprovalState.Unapproved;
            foreach (var f in FactsOf(s))
            {
                var held = model.TryGetValue(f.Key.Text, out var h) ? Some(h) : None;
                var d = Approval.OnDelivery(held.Map(x => new HeldApproval(x.Hash, x.State)), f.ContentHash, asked);
                var at = d.KeepsEarlierApproval ? held.Match(x => x.At, () => null)
                    : d.State == ApprovalState.Approved ? Stamp(now) : null;
                model[f.Key.Text] = new Held(f.ContentHash, d.State, at);
            }
        }
        return model;
    }

    private static async Task<Dictionary<string, Held>> Play(TempFolder folder, IEnumerable<Step> steps)
    {
        var clock = new StepClock();
        var path = folder.File("panel.db");
        var panel = await LocalPanel.Open(path, updateBasicData: true, clock, TestKeys.Pesel, default);
        foreach (var s in steps)
        {
            clock.Now = clock.Now.AddMinutes(1);
            if (s.ApproveFirm) await panel.Approve(FirmA, clock.Now, default);
            else if (FactsOf(s) is { Length: > 0 } facts)
                await panel.Deliver(new DeliveryBatch(Run("r"), FirmA, DataKind.Taxes, s.Approve,
                    facts.Select(f => new DeliveryItem(f, FactStatus.Changed)).ToList()), default);
        }
        var held = new Dictionary<string, Held>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT fact_key, content_hash, approved, approved_at FROM taxes";
        await using var rdr = await cmd.ExecuteReaderAsync();
        while (await rdr.ReadAsync())
            held[rdr.GetString(0)] = new Held(rdr.GetString(1),
                rdr.GetInt64(2) != 0 ? ApprovalState.Approved : ApprovalState.Unapproved,
                rdr.IsDBNull(3) ? null : rdr.GetString(3));
        return held;
    }
}
