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
        var ctx = new GroupContext(program, firm, kind, from, to, options.PeselKey);
        var cleaned = group.Map(SourceText.Clean).Strict();
        group = cleaned.Map(c => c.Record);
        var (facts, events) = kind switch
        {
            DataKind.Zus => ZusFacts.Build(ctx, group, options),
            DataKind.Taxes => TaxFacts.Build(ctx, group, options),
            DataKind.Statements => StatementFacts.Build(ctx, group),
            _ => BasicDataFacts.Build(ctx, group),
        };
        var notes = group.OfType<RawMonthNote>()
            .Select(n => (Note: n, Period: Period.Create(n.Year, n.Month).Match(p => (Period?)p, _ => null)))
            .Where(n => n.Period is { } p && p >= from && p <= to)
            .Select(n => ctx.Event(Severity.Warning, n.Note.Note, n.Note.Remedy, n.Period));
        events = events.Concat(notes);
        var inRange = facts
            .Where(f => f.Key.Period.ForAll(p => p >= from && p <= to))
            .DistinctBy(f => f.Key.Text)
            .OrderBy(f => f.Key.Text, StringComparer.Ordinal)
            .ToSeq();
        var cleanedEvents = cleaned.Filter(c => c.Changed).Map(c => c.Record.FirmKey).Distinct()
            .Map(key => SourceText.Cleaned(program, key, $"NIP {firm.Formatted}", firm));
        return new GroupFacts(inRange, cleanedEvents.Concat(events).Map(ctx.Complete).ToSeq());
    }
}

/// <summary>The group being built: what every fact and event of it carries.</summary>
internal sealed record GroupContext(ProgramId Program, Nip Firm, DataKind Kind, Period From, Period To,
    PeselKey PeselKey)
{
    public Fact Fact(Option<Period> period, string subject, FactBody body) =>
        new(new FactKey(Firm, Kind, period, subject), body, Program, ContentHash.Of(body, PeselKey));

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
