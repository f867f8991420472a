using FsCheck;
using FsCheck.Fluent;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Generators;

/// <summary>Firms, users and source settings, raw and validated.</summary>
public static class FirmGen
{
    /// <summary>A few programs, so that generated firms share them.</summary>
    public static Gen<ProgramId> Program =>
        Gen.Elements(ProgramId.Raks, ProgramId.Fakt, ProgramId.Platnik, ProgramId.Optima);

    public static Gen<string> FirmName => Gen.Elements(
        "Kowalski Usługi Budowlane", "Piekarnia Nowak", "ABC sp. z o.o.", "Zakład Stolarski Wiśniewski");

    public static Gen<Option<string>> Email => Gen.Elements(
        Option<string>.None, Some("biuro@abc.pl"), Some("jan.kowalski@example.com"), Some("a@b.pl"));

    public static Gen<Option<string>> Phone =>
        Gen.Elements(Option<string>.None, Some("600 100 200"), Some("+48 22 123 45 67"));

    public static Gen<Person> Person =>
        from first in Gen.Elements("Jan", "Anna", "Piotr", "Maria", "Józef")
        from last in Gen.Elements("Kowalski", "Nowak", "Wiśniewska", "Wójcik")
        from pesel in Optional(DomainGen.Pesel)
        from nip in Optional(DomainGen.Nip)
        from email in Email
        from phone in Phone
        from role in Gen.Elements(PersonRole.Owner, PersonRole.Partner)
        select new Person(first, last, pesel, nip, email, phone, role);

    public static Gen<Firm> FirmWith(Nip nip) =>
        from name in FirmName
        from email in Email
        from phone in Phone
        from address in Gen.Elements("", "ul. Długa 5, 00-001 Warszawa", "Rynek 1, 30-001 Kraków")
        from people in Person.ListOf().Resize(3)
        select new Firm(nip, name, None, address, email, phone, toSeq(people));

    public static Gen<Firm> Firm => DomainGen.Nip.SelectMany(FirmWith);

    /// <summary>A firm in 1-3 programs (now and then twice in one), sources ordered as Merge orders them.</summary>
    public static Gen<MergedFirm> MergedFirm =>
        from nip in DomainGen.Nip
        from sources in Source(nip).NonEmptyListOf().Resize(3)
        select new MergedFirm(nip, toSeq(sources.OrderBy(s => s.Program)
            .ThenBy(s => s.FirmKey, StringComparer.Ordinal)));

    public static Gen<FirmInProgram> Source(Nip nip) =>
        from program in Program
        from key in Gen.Choose(1, 20).Select(n => $"F{n:D3}")
        from firm in FirmWith(nip)
        select new FirmInProgram(program, key, firm);

    public static Gen<SourceSetting> Setting => Gen.Frequency(
        (2, Gen.Constant(SourceSetting.Unset)),
        (1, Gen.Constant(SourceSetting.Off)),
        (3, Program.Select(SourceSetting.Of)));

    public static Gen<SourceSettings> Settings =>
        from zus in Setting
        from taxes in Setting
        from basic in Setting
        select new SourceSettings(zus, taxes, basic);

    /// <summary>A raw firm with a valid NIP written in any style, a name, and valid users.</summary>
    public static Gen<RawFirm> ValidRaw =>
        from program in Program
        from key in Gen.Choose(1, 50).Select(n => $"K{n}")
        from nip in DomainGen.NipDigits.SelectMany(DomainGen.NipWritten)
        from name in FirmName
        from email in Email
        from people in RawPerson.ListOf().Resize(2)
        select new RawFirm(program, key, nip, " " + name + " ", "ul. Długa 5", "00-001",
            "Warszawa", email.IfNoneUnsafe((string?)null), "600 100 200", null, people.ToList());

    /// <summary>A raw firm whose NIP is missing, too short or has a wrong check digit.</summary>
    public static Gen<RawFirm> InvalidNipRaw =>
        from firm in ValidRaw
        from nip in Gen.OneOf(Gen.Elements<string?>(null, "", "   ", "123456789", "12345 6789a"),
            DomainGen.NipDigits.Select(d => (string?)(d[..9] + (char)('0' + (d[9] - '0' + 1) % 10))))
        select firm with { Nip = nip };

    public static Gen<RawPerson> RawPerson =>
        from first in Gen.Elements("Jan", "Anna")
        from last in Gen.Elements("Kowalski", "Nowak")
        from pesel in DomainGen.PeselDigits
        select new RawPerson(first, last, pesel, null, null, null, "owner");

    private static Gen<Option<T>> Optional<T>(Gen<T> gen) =>
        Gen.Frequency((1, Gen.Constant(Option<T>.None)), (2, gen.Select(Some)));
}
