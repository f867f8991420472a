using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;
using static KonektoSync.Tests.Load.LoadFixtures;

namespace KonektoSync.Tests.Load;

/// <summary>
/// Rule 9 as the local panel applies it, on a real panel file: a firm is loaded, then the same
/// firm as a program now has it, with "update basic data" on or off.
/// </summary>
[Properties(MaxTest = 60)]
public class LocalPanelBasicDataProperties
{
    /// <summary>The firm in the panel and in the program; the program keeps some of the panel's
    /// users (same PESEL, NIP or name) with other contact details, and may have new ones.</summary>
    public sealed record Case(Firm Panel, Firm Source, bool Update)
    {
        public override string ToString() => $"update={Update}\npanel  {Show(Panel)}\nsource {Show(Source)}";

        private static string Show(Firm f) =>
            $"{f.Name} | {f.Address} | {f.Email} | {f.Phone} | " + string.Join("; ", f.People.Map(p =>
                $"{PersonKeys.Of(p, TestKeys.Pesel)} {p.FullName} {p.Email} {p.Phone}"));
    }

    private static Gen<Person> Recontacted(Person p) =>
        from email in FirmGen.Email
        from phone in FirmGen.Phone
        select p with { Email = email, Phone = phone };

    private static Seq<Person> Distinct(IEnumerable<Person> people) =>
        people.DistinctBy(p => PersonKeys.Of(p, TestKeys.Pesel)).ToSeq();

    public static Gen<Case> Cases =>
        from nip in DomainGen.Nip
        from panel in FirmGen.FirmWith(nip)
        from other in FirmGen.FirmWith(nip)
        from kept in Gen.CollectToList(panel.People.Map(p =>
            Gen.Frequency((1, Gen.Constant(Option<Person>.None)), (3, Recontacted(p).Select(Some)))))
        from update in Gen.Elements(true, false)
        select new Case(panel with { People = Distinct(panel.People) },
            other with { People = Distinct(kept.Somes().Concat(other.People)) }, update);

    private static async Task<PanelFirmView> Load(Case c, bool firstLoadOnly = false)
    {
        using var folder = new TempFolder();
        var panel = await new LoadRig(folder, "p").Panel(c.Update);
        if (!firstLoadOnly) await panel.Deliver(BasicBatch(c.Panel, "r1"), default);
        await panel.Deliver(BasicBatch(c.Source, "r2"), default);
        return (await panel.ShowFirm(c.Source.Nip, default)).Match(v => v, p => throw new Exception(p.Message));
    }

    private static DeliveryBatch BasicBatch(Firm firm, string run) =>
        new(Run(run), firm.Nip, DataKind.Basic, false,
            [new DeliveryItem(Make(new FactKey(firm.Nip, DataKind.Basic, None, "firm"),
                new FactBody.BasicData(firm)), FactStatus.New)]);

    private static string Text(Option<string> o) => o.IfNone("");

    private static (string, string, string, string) FirmFields(Firm f) =>
        (f.Name, f.Address, Text(f.Email), Text(f.Phone));

    private static (string, string, string, string) FirmFields(PanelFirmView v) =>
        (v.Name, v.Address, v.Email, v.Phone);

    private static (string, string, string, string) Fields(Person p) =>
        (p.FirstName, p.LastName, Text(p.Email), Text(p.Phone));

    private static (string, string, string, string) Fields(PanelPerson p) =>
        (p.FirstName, p.LastName, p.Email, p.Phone);

    private static Dictionary<string, PanelPerson> ByKey(PanelFirmView v) =>
        v.People.ToDictionary(p => p.Key, StringComparer.Ordinal);

    /// <summary>
    /// What rule 9 decides for the case, as panel rows: the panel's users (read in key order) keep
    /// their rows; the users added get their own keys.
    /// </summary>
    private static ((string, string, string, string) Firm, Dictionary<string, (string, string, string, string)> People)
        Decided(Case c)
    {
        var held = c.Panel with { People = c.Panel.People.OrderBy(p => PersonKeys.Of(p, TestKeys.Pesel), StringComparer.Ordinal).ToSeq() };
        var result = BasicDataDiff.Diff(Some(held), c.Source, c.Update).Result;
        var rows = new Dictionary<string, (string, string, string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < result.People.Count; i++)
            rows.TryAdd(PersonKeys.Of(i < held.People.Count ? held.People[i] : result.People[i], TestKeys.Pesel),
                Fields(result.People[i]));
        return (FirmFields(result), rows);
    }

    [Property]
    public Property The_panel_holds_exactly_what_rule_9_decides() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var view = Load(c).GetAwaiter().GetResult();
            var (firm, people) = Decided(c);
            return FirmFields(view) == firm
                && view.People.Count == people.Count
                && view.People.All(p => people.TryGetValue(p.Key, out var e) && e == Fields(p));
        });

    [Property]
    public Property A_value_the_source_lacks_never_erases_the_panels() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var view = Load(c).GetAwaiter().GetResult();
            var after = ByKey(view);
            return (c.Panel.Email.IsNone || view.Email.Length > 0)
                && (c.Panel.Phone.IsNone || view.Phone.Length > 0)
                && (c.Panel.Address.Length == 0 || view.Address.Length > 0)
                && c.Panel.People.ForAll(p =>
                    (p.Email.IsNone || after[PersonKeys.Of(p, TestKeys.Pesel)].Email.Length > 0)
                    && (p.Phone.IsNone || after[PersonKeys.Of(p, TestKeys.Pesel)].Phone.Length > 0));
        });

    [Property]
    public Property With_the_option_off_every_panel_value_is_kept_address_included() =>
        Prop.ForAll(Cases.Select(c => c with { Update = false }).ToArbitrary(), c =>
        {
            var view = Load(c).GetAwaiter().GetResult();
            var after = ByKey(view);
            return FirmFields(view) == FirmFields(c.Panel)
                && c.Panel.People.ForAll(p => Fields(after[PersonKeys.Of(p, TestKeys.Pesel)]) == Fields(p));
        });

    [Property]
    public Property With_the_option_on_every_value_the_source_has_is_taken() =>
        Prop.ForAll(Cases.Select(c => c with { Update = true }).ToArbitrary(), c =>
        {
            var view = Load(c).GetAwaiter().GetResult();
            var after = ByKey(view);
            // Users the source keeps under the same PESEL are the panel's users, whatever else matches.
            var samePesel = c.Source.People.Filter(s => s.Pesel.IsSome && c.Panel.People.Exists(p => p.Pesel == s.Pesel));
            return view.Name == c.Source.Name
                && (c.Source.Address.Length == 0 || view.Address == c.Source.Address)
                && c.Source.Email.ForAll(e => view.Email == e)
                && c.Source.Phone.ForAll(p => view.Phone == p)
                && samePesel.ForAll(s =>
                    s.Email.ForAll(e => after[PersonKeys.Of(s, TestKeys.Pesel)].Email == e)
                    && s.Phone.ForAll(p => after[PersonKeys.Of(s, TestKeys.Pesel)].Phone == p));
        });

    [Property]
    public Property No_user_of_the_panel_is_ever_removed() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var after = ByKey(Load(c).GetAwaiter().GetResult());
            return c.Panel.People.ForAll(p => after.ContainsKey(PersonKeys.Of(p, TestKeys.Pesel)));
        });

    [Property]
    public Property A_new_firm_is_added_whole_either_way() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var view = Load(c, firstLoadOnly: true).GetAwaiter().GetResult();
            return FirmFields(view) == FirmFields(c.Source)
                && view.People.Select(p => (p.Key, Fields(p))).Order().SequenceEqual(
                    c.Source.People.Select(p => (PersonKeys.Of(p, TestKeys.Pesel), Fields(p))).Order());
        });

    [Property]
    public Property A_user_new_to_the_panel_is_added_either_way() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var after = ByKey(Load(c).GetAwaiter().GetResult());
            var newUsers = c.Source.People.Filter(s => !c.Panel.People.Exists(p =>
                KonektoSync.Transform.Firms.PersonMatching.SamePerson(p, s)));
            return newUsers.ForAll(s => after.TryGetValue(PersonKeys.Of(s, TestKeys.Pesel), out var row)
                && Fields(row) == Fields(s));
        });
}
