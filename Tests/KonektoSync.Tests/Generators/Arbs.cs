using FsCheck;
using FsCheck.Fluent;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;

namespace KonektoSync.Tests.Generators;

/// <summary>The generators of <see cref="DomainGen"/> and <see cref="FirmGen"/> for [Properties].</summary>
public static class Arbs
{
    public static Arbitrary<Nip> Nip() => DomainGen.Nip.ToArbitrary();
    public static Arbitrary<Pesel> Pesel() => DomainGen.Pesel.ToArbitrary();
    public static Arbitrary<Period> Period() => DomainGen.Period.ToArbitrary();
    public static Arbitrary<Person> Person() => FirmGen.Person.ToArbitrary();
    public static Arbitrary<Firm> Firm() => FirmGen.Firm.ToArbitrary();
    public static Arbitrary<MergedFirm> MergedFirm() => FirmGen.MergedFirm.ToArbitrary();
    public static Arbitrary<SourceSettings> Settings() => FirmGen.Settings.ToArbitrary();
    public static Arbitrary<RawFirm> RawFirm() => FirmGen.ValidRaw.ToArbitrary();
}
