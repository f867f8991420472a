using KonektoSync.Domain;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Facts;

/// <summary>
/// Basic data: the firm and its people. The mapping below is a minimal stand-in, to be replaced
/// by <c>FirmValidation.Validate(RawFirm)</c> (Transform/Firms) when the two branches merge.
/// </summary>
internal static class BasicDataFacts
{
    public static (IEnumerable<Fact>, IEnumerable<SyncEvent>) Build(GroupContext ctx, Seq<SourceRecord> group)
    {
        var events = new List<SyncEvent>();
        var facts = new List<Fact>();
        var raw = group.OfType<RawBasicData>().LastOrDefault();
        if (raw is null) return (facts, events);
        StandInFirm(ctx, raw.Data, events).Match(
            Succ: firm => facts.Add(ctx.Fact(None, "firm", new FactBody.BasicData(firm))),
            Fail: ps => events.AddRange(ps.Map(p => ctx.Event(Severity.Warning, p,
                $"complete the firm's data in {ctx.Program} and update again"))));
        return (facts, events);
    }

    // Stand-in for FirmValidation.Validate (Transform/Firms): replace on merge.
    private static Validation<Problem, Firm> StandInFirm(GroupContext ctx, RawFirm f, List<SyncEvent> events)
    {
        if (string.IsNullOrWhiteSpace(f.Name))
            return Fail<Problem, Firm>(Problem.Of("firm.name-missing",
                $"the firm with NIP {ctx.Firm.Formatted} has no name", ctx.Firm.Value));
        var regon = string.IsNullOrWhiteSpace(f.Regon)
            ? Option<Regon>.None
            : Regon.Create(f.Regon).Match(Succ: r => Some(r), Fail: ps =>
            {
                events.AddRange(ps.Map(p => ctx.Event(Severity.Info, p, $"correct the REGON in {ctx.Program}")));
                return Option<Regon>.None;
            });
        var address = string.Join(", ", new[] { f.Street, $"{f.PostalCode?.Trim()} {f.City?.Trim()}" }
            .Select(s => s?.Trim() ?? "").Where(s => s.Length > 0));
        var people = f.People.Select(p => StandInPerson(ctx, p, events)).Somes().ToSeq();
        return Success<Problem, Firm>(new Firm(ctx.Firm, f.Name.Trim(), regon, address,
            Text(f.Email), Text(f.Phone), people));
    }

    // Stand-in for FirmValidation.Validate (Transform/Firms): replace on merge.
    private static Option<Person> StandInPerson(GroupContext ctx, RawPerson p, List<SyncEvent> events)
    {
        var first = p.FirstName?.Trim() ?? "";
        var last = p.LastName?.Trim() ?? "";
        if (first.Length == 0 && last.Length == 0)
        {
            events.Add(ctx.Event(Severity.Info, Problem.Of("person.name-missing",
                "a person of the firm has no name; the person was skipped"),
                $"complete the owner's or partner's name in {ctx.Program}"));
            return None;
        }
        var pesel = Optional(p.Pesel).Filter(s => !string.IsNullOrWhiteSpace(s))
            .Bind(s => Pesel.Create(s).Match(Succ: x => Some(x), Fail: ps => Skipped<Pesel>(ctx, events, ps, first, last)));
        var nip = Optional(p.Nip).Filter(s => !string.IsNullOrWhiteSpace(s))
            .Bind(s => Nip.Create(s).Match(Succ: x => Some(x), Fail: ps => Skipped<Nip>(ctx, events, ps, first, last)));
        var role = (p.Role?.Trim().ToLowerInvariant()) is "owner" or "właściciel" or "wlasciciel"
            ? PersonRole.Owner : PersonRole.Partner;
        return Some(new Person(first, last, pesel, nip, Text(p.Email), Text(p.Phone), role));
    }

    private static Option<T> Skipped<T>(GroupContext ctx, List<SyncEvent> events, Seq<Problem> ps, string first, string last)
    {
        events.AddRange(ps.Map(x => ctx.Event(Severity.Info, x,
            $"correct the identifier of {first} {last} in {ctx.Program}; the person is loaded without it")));
        return None;
    }

    private static Option<string> Text(string? s) =>
        string.IsNullOrWhiteSpace(s) ? None : Some(s.Trim());
}
