using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>
/// Turns one (program, firm, data kind) group of raw records into facts for the panel:
/// validates the records (a bad one becomes an event and is skipped; a missing amount is no
/// value, never zero), applies the program's rules, attaches due dates, keys and content hashes,
/// and drops facts outside from..to. Basic data has no period and is never dropped by the range.
/// A program's note on a month it gives no value for (<see cref="RawMonthNote"/>) becomes a warning
/// event of that month.
/// </summary>
public static class FactBuilder
{
    public static GroupFacts Build(
        ProgramId program, Nip firm, DataKind kind, Seq<SourceRecord> group,
        Period from, Period to, BuildOptions options)
    {
        using var sha = new Hashing.Reused();
        var ctx = new GroupContext(program, firm, kind, from, to, options.PeselKey, sha);
        var records = new SourceRecord[group.Count];
        var cleanedKeys = new List<string>();
        var i = 0;
        foreach (var raw in group)
        {
            var (record, changed) = SourceText.Clean(raw);
            records[i++] = record;
            if (changed && !cleanedKeys.Contains(record.FirmKey)) cleanedKeys.Add(record.FirmKey);
        }
        var (facts, events) = kind switch
        {
            DataKind.Zus => ZusFacts.Build(ctx, records, options),
            DataKind.Taxes => TaxFacts.Build(ctx, records, options),
            DataKind.Statements => StatementFacts.Build(ctx, records),
            _ => BasicDataFacts.Build(ctx, records),
        };
        var all = new List<SyncEvent>();
        all.AddRange(cleanedKeys.Select(key => SourceText.Cleaned(program, key, $"NIP {firm.Formatted}", firm)));
        all.AddRange(events);
        foreach (var note in records.OfType<RawMonthNote>())
            if (Period.TryCreate(note.Year, note.Month, out var p) && p >= from && p <= to)
                all.Add(ctx.Event(Severity.Warning, note.Note, note.Remedy, p));
        return new GroupFacts(InRangeByKey(facts, from, to), all.Select(ctx.Complete).ToSeq().Strict());
    }

    /// <summary>
    /// The facts of <paramref name="from"/>..<paramref name="to"/> (and those without a period),
    /// the first of each key (in the order they were made), sorted by key text (ordinal). Every fact of a group is made by
    /// <see cref="GroupContext.Fact"/> with the group's firm and kind, so its key text is a common
    /// prefix, then the period ("YYYY-MM", or "-" before every month) and the subject: the order of
    /// (no period first, period, subject ordinal) is the order of the texts, and no text is made.
    /// </summary>
    private static Seq<Fact> InRangeByKey(IEnumerable<Fact> facts, Period from, Period to)
    {
        var kept = new List<(Fact Fact, int Order)>();
        foreach (var fact in facts)
        {
            var index = PeriodIndex(fact.Key);
            if (index != NoPeriod && (index < from.Index || index > to.Index)) continue;
            kept.Add((fact, kept.Count));
        }
        var sorted = kept.ToArray();
        System.Array.Sort(sorted, ByKeyTextThenOrder);
        var firsts = new List<Fact>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
            if (i == 0 || ByKeyText(sorted[i - 1].Fact, sorted[i].Fact) != 0) firsts.Add(sorted[i].Fact);
        return firsts.ToSeq();
    }

    /// <summary>Below every month's <see cref="Period.Index"/>, as "-" sorts before every digit.</summary>
    private const int NoPeriod = -1;

    private static int ByKeyText(Fact a, Fact b)
    {
        var byPeriod = PeriodIndex(a.Key).CompareTo(PeriodIndex(b.Key));
        return byPeriod != 0 ? byPeriod : string.CompareOrdinal(a.Key.Subject, b.Key.Subject);
    }

    /// <summary>By key text; facts of one key in the order they were made, so that the first is kept.</summary>
    private static readonly Comparison<(Fact Fact, int Order)> ByKeyTextThenOrder = static (a, b) =>
        ByKeyText(a.Fact, b.Fact) is var byKey and not 0 ? byKey : a.Order.CompareTo(b.Order);

    private static int PeriodIndex(FactKey key) => key.Period.IsSome ? key.Period.IfNone(default(Period)).Index : NoPeriod;
}

/// <summary>The group being built: what every fact and event of it carries.</summary>
internal sealed record GroupContext(ProgramId Program, Nip Firm, DataKind Kind, Period From, Period To,
    PeselKey PeselKey, Hashing.Reused Sha)
{
    public Fact Fact(Option<Period> period, string subject, FactBody body) =>
        new(new FactKey(Firm, Kind, period, subject), body, Program, ContentHash.Of(body, PeselKey, Sha));

    public SyncEvent Event(Severity severity, Problem problem, string remedy, Period? period = null) =>
        SyncEvent.FromProblem(severity, problem, remedy, Program, Firm, Kind, period);

    /// <summary>Fills in the program, firm and kind where a rule left them out.</summary>
    public SyncEvent Complete(SyncEvent e) => e with
    {
        Program = e.Program.IsSome ? e.Program : Some(Program),
        Firm = e.Firm.IsSome ? e.Firm : Some(Firm),
        Kind = e.Kind.IsSome ? e.Kind : Some(Kind),
    };
}
