using System.Security.Cryptography;
using System.Text;
using KonektoSync.Domain;
using KonektoSync.Transform.Calendar;
using LanguageExt;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// A program's change marker as the journal keeps it after a sync that read the program whole and
/// loaded every group of it: the fingerprint of its data (file names, sizes and times, or a SQL
/// server's change marker), the key of the settings it was read with, the hash of its plan, the day
/// of that sync, the sync's run and how many warnings it gave for the program.
/// </summary>
public sealed record ChangeMark(ProgramId Program, string Fingerprint, string Settings, string Plan, DateOnly Day,
    string RunId, int Warnings);

/// <summary>
/// A firm's change marker, kept beside its program's after a sync that read the firm and loaded every
/// group of it: the fingerprint of the firm's data (its rows in the program's shared database and its
/// own database files), the settings key and the hash of the firm's plan item it was read with, and the day.
/// </summary>
public sealed record FirmMark(ProgramId Program, string FirmKey, string Fingerprint, string Settings, string Plan, DateOnly Day);

/// <summary>
/// Whether a program may be left unread because nothing it depends on moved since its marker. Pure:
/// the fingerprints, keys and today's date are taken by the caller.
/// <list type="bullet">
/// <item>its data: the fingerprint now equals the marker's (a fingerprint that cannot be taken is a change);</item>
/// <item>its settings: the key of the configuration, the request and KonektoSync's own rules equals the marker's;</item>
/// <item>its plan (firms, kinds, months): checked after planning, with <see cref="PlanHash"/>;</item>
/// <item>today's date: the only outcome of a group that depends on it is the warning of a missing
///   declaration, given once its due date has passed (<see cref="Rules.DeclarationGate"/>), and one
///   reader reads up to the current month; so the marker holds only within its own month and while
///   no tax of the requested months fell due since the marker's day
///   (<see cref="SameDateOutcome"/>).</item>
/// </list>
/// </summary>
public static class ChangeMarks
{
    /// <summary>The marker still holds for the program's data, settings and today (the plan is checked later).</summary>
    public static bool Holds(Option<ChangeMark> stored, Option<string> fingerprint, string settings, Period from, Period to,
        DateOnly today) =>
        stored.Exists(m => fingerprint.Exists(f => f == m.Fingerprint) && m.Settings == settings
                           && SameDateOutcome(m.Day, today, from, to));

    /// <summary>
    /// The firms of a program's plan that must be read: every firm without a marker, or whose fingerprint
    /// now cannot be taken or differs from its marker's, or whose settings key, plan item or date-dependent
    /// outcome (<see cref="SameDateOutcome"/>) moved. The others keep what the journal and the panel hold.
    /// </summary>
    public static Set<string> FirmsToRead(Map<string, FirmMark> stored, Map<string, string> now, Seq<PlanItem> items,
        string settings, Period from, Period to, DateOnly today) =>
        Prelude.toSet(items.Filter(i => !stored.Find(i.FirmKey).Exists(m =>
                now.Find(i.FirmKey).Exists(f => f == m.Fingerprint) && m.Settings == settings && m.Plan == ItemHash(i)
                && SameDateOutcome(m.Day, today, from, to)))
            .Map(i => i.FirmKey));

    /// <summary>The hash of one firm's plan item: its key, NIP and kinds.</summary>
    public static string ItemHash(PlanItem i) => Hash([ItemLine(i)]);

    private static string ItemLine(PlanItem i) =>
        string.Join('\t', i.FirmKey, i.Firm.Value, string.Join(',', i.Kinds.Map(k => k.Code()).OrderBy(c => c, StringComparer.Ordinal)));

    /// <summary>
    /// True when every date-dependent outcome of a sync of the months <paramref name="from"/> to
    /// <paramref name="to"/> is the same on <paramref name="today"/> as on <paramref name="marked"/>:
    /// the same calendar month, and no tax of those months due after the marked day and by today.
    /// </summary>
    public static bool SameDateOutcome(DateOnly marked, DateOnly today, Period from, Period to) =>
        marked <= today && Period.Of(marked) == Period.Of(today)
        && !Period.Range(from, to).Exists(p =>
            Enum.GetValues<TaxKind>().Any(k => DueDates.ForTax(k, p) is var due && due > marked && due <= today));

    /// <summary>The hash of a program's plan: its firms (key and NIP) and each one's kinds, in a stable order.</summary>
    public static string PlanHash(Seq<PlanItem> items) =>
        Hash(items.Map(ItemLine).OrderBy(l => l, StringComparer.Ordinal));

    /// <summary>The SHA-256 of lines, in hexadecimal.</summary>
    public static string Hash(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}
