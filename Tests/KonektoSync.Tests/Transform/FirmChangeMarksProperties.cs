using FsCheck;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Planning;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

/// <summary>
/// Which firms of a program a sync reads (<see cref="ChangeMarks.FirmsToRead"/>): exactly those without a
/// marker, without a fingerprint now, or whose fingerprint, settings, plan item or date-dependent outcome moved.
/// Each generated firm is (has a marker, its marked fingerprint, a fingerprint can be taken now, the one now).
/// </summary>
[Properties(MaxTest = 300)]
public sealed class FirmChangeMarksProperties
{
    private static readonly Period From = Period.Of(new DateOnly(2024, 1, 1)), To = Period.Of(new DateOnly(2024, 12, 1));
    private static readonly DateOnly Day = new(2024, 4, 23);
    private static readonly Nip Firm = Nip.Create("5260250995").Match(n => n, _ => throw new InvalidOperationException());

    private static (Map<string, FirmMark> Stored, Map<string, string> Now, Seq<PlanItem> Items) Office(
        System.Tuple<bool, byte, bool, byte>[] firms, string settings = "S")
    {
        var items = firms.Select((_, i) => new PlanItem(Firm, $"firm{i}", Set(DataKind.Taxes, DataKind.Zus))).ToSeq();
        var stored = toMap(firms.Select((f, i) => (f, i)).Where(x => x.f.Item1).Select(x =>
            ($"firm{x.i}", new FirmMark(ProgramId.Raks, $"firm{x.i}", $"fp{x.f.Item2}", settings,
                ChangeMarks.ItemHash(items[x.i]), Day))));
        var now = toMap(firms.Select((f, i) => (f, i)).Where(x => x.f.Item3).Select(x => ($"firm{x.i}", $"fp{x.f.Item4}")));
        return (stored, now, items);
    }

    [Property]
    public bool A_firm_is_read_exactly_when_it_has_no_marker_no_fingerprint_now_or_another_one(System.Tuple<bool, byte, bool, byte>[] firms)
    {
        var (stored, now, items) = Office(firms.Select(f => System.Tuple.Create(f.Item1, (byte)(f.Item2 % 4), f.Item3, (byte)(f.Item4 % 4))).ToArray());

        var read = ChangeMarks.FirmsToRead(stored, now, items, "S", From, To, Day.AddDays(1));

        var expected = firms.Select((f, i) => (f, i))
            .Where(x => !(x.f.Item1 && x.f.Item3 && x.f.Item2 % 4 == x.f.Item4 % 4)).Select(x => $"firm{x.i}");
        return read.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(expected.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Property]
    public bool Other_settings_a_new_month_or_another_plan_item_read_every_firm(System.Tuple<bool, byte, bool, byte>[] firms)
    {
        var same = firms.Select(f => System.Tuple.Create(true, f.Item2, true, f.Item2)).ToArray();
        var (stored, now, items) = Office(same);
        var all = items.Map(i => i.FirmKey).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var otherKinds = items.Map(i => i with { Kinds = Set(DataKind.Taxes) });

        bool ReadsAll(Set<string> read) => read.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(all);
        return ChangeMarks.FirmsToRead(stored, now, items, "S", From, To, Day).IsEmpty
               && ReadsAll(ChangeMarks.FirmsToRead(stored, now, items, "other settings", From, To, Day))
               && ReadsAll(ChangeMarks.FirmsToRead(stored, now, items, "S", From, To, new DateOnly(2024, 5, 2)))
               && ReadsAll(ChangeMarks.FirmsToRead(stored, now, otherKinds, "S", From, To, Day));
    }
}
