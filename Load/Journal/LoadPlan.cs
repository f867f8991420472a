using KonektoSync.Domain;
using KonektoSync.Load.Sinks;
using KonektoSync.Transform.Rules;
using DisappearedRule = KonektoSync.Transform.Rules.Disappeared;
using LanguageExt;

namespace KonektoSync.Load.Journal;

/// <summary>What the journal last confirmed for a natural key.</summary>
public sealed record Confirmed(string Key, Option<Period> Period, string Subject, string Hash, bool Approved);

/// <summary>
/// The pure decision of a load: each fact's status against the journal, which facts go to
/// the sink, and which confirmed values of the command's months are gone (rule 8,
/// <see cref="DisappearedRule.Find"/>).
/// </summary>
public sealed record LoadPlan(
    IReadOnlyList<DeliveryItem> Deliver, int New, int Changed, int Unchanged,
    Seq<FactKey> Disappeared)
{
    public static LoadPlan Decide(
        LoadCommand command, IReadOnlyDictionary<string, Confirmed> journal, bool wantsUnchanged)
    {
        var facts = LastPerKey(command.Facts);
        var items = facts.Select(f => new DeliveryItem(f, StatusOf(f, journal))).ToList();
        var deliver = items.Where(i => ShouldDeliver(i, command, journal, wantsUnchanged));
        return new LoadPlan(deliver.ToList(),
            items.Count(i => i.Status == FactStatus.New),
            items.Count(i => i.Status == FactStatus.Changed),
            items.Count(i => i.Status == FactStatus.Unchanged),
            Gone(command, facts, journal));
    }

    public static FactStatus StatusOf(Fact fact, IReadOnlyDictionary<string, Confirmed> journal) =>
        !journal.TryGetValue(fact.Key.Text, out var c) ? FactStatus.New
        : c.Hash == fact.ContentHash ? FactStatus.Unchanged
        : FactStatus.Changed;

    // An unchanged fact still goes when the command approves what was confirmed unapproved.
    private static bool ShouldDeliver(DeliveryItem item, LoadCommand command,
        IReadOnlyDictionary<string, Confirmed> journal, bool wantsUnchanged) =>
        item.Status != FactStatus.Unchanged || wantsUnchanged
        || (command.Approve && !journal[item.Fact.Key.Text].Approved);

    private static List<Fact> LastPerKey(Seq<Fact> facts)
    {
        var byKey = new Dictionary<string, Fact>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var f in facts)
        {
            if (!byKey.ContainsKey(f.Key.Text)) order.Add(f.Key.Text);
            byKey[f.Key.Text] = f;
        }
        return order.Select(k => byKey[k]).ToList();
    }

    // Rule 8 decides what disappeared (Disappeared.Find); the load only says which months and
    // years the command speaks for.
    private static Seq<FactKey> Gone(LoadCommand command, List<Fact> facts,
        IReadOnlyDictionary<string, Confirmed> journal) =>
        MonthsOf(command, facts).Match(
            Some: m => DisappearedRule.Find(
                journal.Values.Select(c => new FactKey(command.Firm, command.Kind, c.Period, c.Subject)).ToSeq(),
                facts.Select(f => f.Key).ToSeq(), m.From, m.To, YearlyFolders.YearsOf(m.From, m.To)),
            None: () => Seq<FactKey>.Empty);

    /// <summary>The command's months, else those from its earliest to its latest fact.</summary>
    private static Option<(Period From, Period To)> MonthsOf(LoadCommand command, List<Fact> facts)
    {
        var periods = facts.SelectMany(f => f.Key.Period).ToList();
        return command.Months.IsSome || periods.Count == 0
            ? command.Months
            : (periods.Min(), periods.Max());
    }
}
