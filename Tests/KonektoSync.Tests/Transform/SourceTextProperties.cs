using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using static KonektoSync.Tests.Transform.RulesTestData;

namespace KonektoSync.Tests.Transform;

public class SourceTextProperties
{
    /// <summary>Texts as programs give them: empty, missing, Polish, and with a control, escape or bidi character.</summary>
    private static Gen<string?> Texts() =>
        Gen.Frequency(
            (6, Gen.Elements<string?>("", null, "Jan", "Łódź", "VAT-7", "tab\tand\r\nline", "44051401359")),
            (1, Gen.Elements<string?>("a\u001b[31mb", "x\0y", "\u202Egpj.exe", "\u2066x\u2069", "\u200F", "\u0085", "\u061C")));

    private static Gen<RawZusDeclaration> Declarations() =>
        Gen.ArrayOf(Texts(), 6).Select(t => new RawZusDeclaration(ProgramId.Fakt, t[0] ?? "", FirmNip, t[1] ?? "", t[2], t[3], t[4], t[5],
            2024, 3, 1m, 2m, 3m, 4m, 5m, null, null, null, 15m));

    private static Gen<RawReportItem> Items() =>
        Gen.OneOf(
            Texts().Select(code => new RawReportItem(code ?? "", 2024, 3, 1m, null)),
            Texts().SelectMany(code => Declarations().Select(z => new RawReportItem(code ?? "", 2024, 3, null, z))));

    private static Gen<RawPerson> People() =>
        Gen.ArrayOf(Texts(), 7).Select(t => new RawPerson(t[0], t[1], t[2], t[3], t[4], t[5], t[6]));

    private static Gen<SourceRecord> Records() =>
        Gen.OneOf(
            Gen.ArrayOf(Texts(), 3).SelectMany(t => Gen.ListOf(Items()).Select(items => (SourceRecord)new RawReport(
                ProgramId.Fakt, t[0] ?? "", FirmNip, t[1] ?? "", t[2] ?? "", new DateTime(2024, 4, 5), items.ToList()))),
            Gen.ArrayOf(Texts(), 10).SelectMany(t => Gen.ListOf(People()).Select(people => (SourceRecord)new RawBasicData(
                ProgramId.Raks, t[0] ?? "", FirmNip, new RawFirm(ProgramId.Raks, t[1] ?? "", t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9],
                    people.ToList())))),
            Declarations().Select(z => (SourceRecord)z));

    /// <summary>Every text of a record, its nested items and people included.</summary>
    private static IEnumerable<string?> TextsOf(SourceRecord record) => record switch
    {
        RawReport r => [r.FirmKey, r.ReportId, r.ReportKind,
            .. r.Items.SelectMany(i => (IEnumerable<string?>)(i.Zus is { } z ? [i.Code, .. TextsOf(z)] : [i.Code]))],
        RawBasicData b => [b.FirmKey, b.Data.FirmKey, b.Data.Nip, b.Data.Name, b.Data.Street, b.Data.PostalCode, b.Data.City,
            b.Data.Email, b.Data.Phone, b.Data.Regon,
            .. b.Data.People.SelectMany(p => new[] { p.FirstName, p.LastName, p.Pesel, p.Nip, p.Email, p.Phone, p.Role })],
        RawZusDeclaration z => [z.FirmKey, z.DocumentId, z.PayerNip, z.PayerPesel, z.PayerName, z.PayerType],
        _ => [record.FirmKey],
    };

    private static bool AnyUnsafe(SourceRecord record) => TextsOf(record).Any(t => t is not null && t.Any(SourceText.IsUnsafe));

    [Property(MaxTest = 500)]
    public Property A_record_is_cleaned_exactly_when_one_of_its_texts_holds_an_unsafe_character() =>
        Prop.ForAll(Records().ToArbitrary(), record =>
        {
            var (cleaned, changed) = SourceText.Clean(record);

            return changed == AnyUnsafe(record)
                   && (changed ? !AnyUnsafe(cleaned) : ReferenceEquals(cleaned, record));
        });
}
