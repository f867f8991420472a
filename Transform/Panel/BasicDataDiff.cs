using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Panel;

/// <summary>
/// Rule 9 (*Aktualizuj dane podstawowe*). When on, the firm's name, e-mail, phone and address
/// and its users' name, e-mail and phone are overwritten where the source's differ; a value the
/// source does not have never erases the panel's. When off, the panel's values are kept. Either
/// way a firm or user new to the panel is added, and users are never removed. Users are
/// paired one to one by PESEL, NIP, then full name (<see cref="PersonMatching"/>). The REGON is
/// not basic data of the rule: the panel keeps the one it has and takes the source's when it has
/// none. The result's people are the panel's, in its order, then the users added.
/// The local panel writes the result of this function and nothing else.
/// </summary>
public static class BasicDataDiff
{
    public static BasicDataChange Diff(Option<Firm> inPanel, Firm fromSource, bool updateBasicData) =>
        Decide(inPanel.Map(PanelFirm.Of), fromSource, fromSource.People.Map(PersonIdentity.InMemory),
            updateBasicData);

    /// <summary>
    /// The same decision for a firm as the panel holds it (its people's PESELs as digests under
    /// <paramref name="key"/>).
    /// </summary>
    public static BasicDataChange DiffHeld(Option<PanelFirm> inPanel, Firm fromSource, bool updateBasicData,
        PeselKey key) =>
        Decide(inPanel, fromSource, fromSource.People.Map(p => PersonIdentity.Of(p, key)), updateBasicData);

    /// <summary>
    /// The same decision where the source's people come with their identities already made
    /// (<paramref name="sourceIdentities"/>, one per person in order): a panel server that
    /// receives only PESEL digests.
    /// </summary>
    public static BasicDataChange DiffHeld(Option<PanelFirm> inPanel, Firm fromSource, bool updateBasicData,
        Seq<PersonIdentity> sourceIdentities) =>
        sourceIdentities.Count == fromSource.People.Count
            ? Decide(inPanel, fromSource, sourceIdentities, updateBasicData)
            : throw new ArgumentException("one identity per person", nameof(sourceIdentities));

    private static BasicDataChange Decide(Option<PanelFirm> inPanel, Firm fromSource,
        Seq<PersonIdentity> sourceIdentities, bool updateBasicData) =>
        inPanel.Match(
            Some: panel => Update(panel, fromSource, sourceIdentities, updateBasicData),
            None: () => new BasicDataChange(fromSource, true, Seq<FieldChange>(),
                fromSource.People.Map(p => new UserChange(p, true, Seq<FieldChange>()))));

    private static BasicDataChange Update(PanelFirm inPanel, Firm source, Seq<PersonIdentity> sourceIdentities,
        bool overwrite)
    {
        var panel = inPanel.Firm;
        var firmChanges = overwrite ? FirmFields(panel, source) : Seq<FieldChange>();
        var partners = PersonMatching.Partners(inPanel.People, sourceIdentities);
        var kept = panel.People.Zip(partners)
            .Map(p => Kept(p.Item1, p.Item2.Map(i => source.People[i]), overwrite)).ToSeq().Strict();
        var paired = partners.Somes().ToHashSet();
        var added = source.People.Select((s, i) => (s, i)).Where(x => !paired.Contains(x.i))
            .Select(x => new UserChange(x.s, true, Seq<FieldChange>())).ToSeq().Strict();
        var people = kept.Map(u => u.User) + added.Map(u => u.User);
        var result = Apply(panel, firmChanges) with
        {
            Regon = panel.Regon.IsSome ? panel.Regon : source.Regon,
            People = people.Strict(),
        };
        return new BasicDataChange(result, false, firmChanges,
            kept.Filter(u => !u.Changes.IsEmpty) + added);
    }

    private static UserChange Kept(Person panel, Option<Person> found, bool overwrite) =>
        found.Filter(_ => overwrite).Match(
            Some: s => UserFields(panel, s),
            None: () => new UserChange(panel, false, Seq<FieldChange>()));

    private static Seq<FieldChange> FirmFields(Firm panel, Firm source) =>
        Seq(Change(BasicField.FirmName, panel.Name, Some(panel.Name), Some(source.Name)),
            Change(BasicField.FirmEmail, panel.Name, panel.Email, source.Email),
            Change(BasicField.FirmPhone, panel.Name, panel.Phone, source.Phone),
            Change(BasicField.FirmAddress, panel.Name, NonEmpty(panel.Address),
                NonEmpty(source.Address))).Somes();

    private static UserChange UserFields(Person panel, Person source)
    {
        var changes = Seq(
            Change(BasicField.UserName, panel.FullName, Some(panel.FullName), Some(source.FullName)),
            Change(BasicField.UserEmail, panel.FullName, panel.Email, source.Email),
            Change(BasicField.UserPhone, panel.FullName, panel.Phone, source.Phone)).Somes();
        var user = changes.Fold(panel, (p, c) => c.Field switch
        {
            BasicField.UserName => p with { FirstName = source.FirstName, LastName = source.LastName },
            BasicField.UserEmail => p with { Email = c.To },
            _ => p with { Phone = c.To },
        });
        return new UserChange(user, false, changes);
    }

    /// <summary>A change when the source has a value and it differs from the panel's.</summary>
    private static Option<FieldChange> Change(BasicField field, string whose,
        Option<string> panel, Option<string> source) =>
        source.IsSome && source != panel && NonEmpty(source.IfNone("")).IsSome
            ? Some(new FieldChange(field, whose, panel, source))
            : None;

    private static Firm Apply(Firm firm, Seq<FieldChange> changes) =>
        changes.Fold(firm, (f, c) => c.Field switch
        {
            BasicField.FirmName => f with { Name = c.To.IfNone(f.Name) },
            BasicField.FirmEmail => f with { Email = c.To },
            BasicField.FirmPhone => f with { Phone = c.To },
            BasicField.FirmAddress => f with { Address = c.To.IfNone(f.Address) },
            _ => f,
        });

    private static Option<string> NonEmpty(string s) =>
        string.IsNullOrWhiteSpace(s) ? None : Some(s);
}
