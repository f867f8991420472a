using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class FirmValidationTests
{
    private static RawFirm Raw(string? nip = "PL 856-734-62-15", string? name = " Piekarnia  Nowak ",
        string? email = " biuro@piekarnia.pl ", string? regon = null, params RawPerson[] people) =>
        new(ProgramId.Raks, "12", nip, name, " ul. Długa 5 ", "00-001", "Warszawa", email,
            " 600 100 200 ", regon, people);

    private static RawPerson Owner(string? pesel = null, string? nip = null, string? email = null) =>
        new("Jan", "Nowak", pesel, nip, email, null, "owner");

    [Fact]
    public void Normalises_the_nip_the_name_the_address_and_the_contacts()
    {
        var raw = Raw();

        var actual = FirmValidation.Validate(raw).SuccessToSeq().Head;

        Assert.Equal(("8567346215", "Piekarnia Nowak", "ul. Długa 5, 00-001 Warszawa"),
            (actual.Nip.Value, actual.Name, actual.Address));
        Assert.Equal((Some("biuro@piekarnia.pl"), Some("600 100 200")), (actual.Email, actual.Phone));
    }

    [Fact]
    public void Leaves_empty_parts_out_of_the_address()
    {
        var raw = Raw() with { Street = "  ", PostalCode = null };

        var actual = FirmValidation.Validate(raw).SuccessToSeq().Head.Address;

        Assert.Equal("Warszawa", actual);
    }

    [Fact]
    public void Collects_every_problem_of_the_firm()
    {
        var raw = Raw(nip: "526-025-02-75", name: " ", regon: "123456786");

        var actual = FirmValidation.Validate(raw).FailToSeq().Map(p => p.Code);

        Assert.Equal(Seq("nip.checksum", "firm.name-missing", "regon.checksum"), actual);
    }

    [Fact]
    public void Keeps_a_valid_regon_and_takes_an_empty_one_as_none()
    {
        var with = FirmValidation.Validate(Raw(regon: "123456785")).SuccessToSeq().Head;
        var without = FirmValidation.Validate(Raw(regon: " ")).SuccessToSeq().Head;

        Assert.Equal((Some("123456785"), Option<string>.None),
            (with.Regon.Map(r => r.Value), without.Regon.Map(r => r.Value)));
    }

    [Fact]
    public void Drops_an_e_mail_that_is_not_one_and_warns()
    {
        var raw = Raw(email: "biuro(at)piekarnia.pl");

        var actual = FirmValidation.ValidateWithWarnings(raw).SuccessToSeq().Head;

        Assert.Equal(Option<string>.None, actual.Firm.Email);
        Assert.Equal(Seq1("firm.invalid-email"), actual.Warnings.Map(w => w.Code));
    }

    [Fact]
    public void Takes_an_empty_e_mail_as_none_without_a_warning()
    {
        var actual = FirmValidation.ValidateWithWarnings(Raw(email: "  ")).SuccessToSeq().Head;

        Assert.Equal((Option<string>.None, 0), (actual.Firm.Email, actual.Warnings.Count));
    }

    [Fact]
    public void Keeps_a_user_without_an_invalid_pesel_and_never_prints_it()
    {
        var raw = Raw(people: Owner(pesel: "44051401358"));

        var actual = FirmValidation.ValidateWithWarnings(raw).SuccessToSeq().Head;

        var user = actual.Firm.People.Single();
        Assert.Equal(("Jan Nowak", Option<Pesel>.None), (user.FullName, user.Pesel));
        Assert.Equal(Seq1("person.invalid-pesel"), actual.Warnings.Map(w => w.Code));
        Assert.DoesNotContain("440514", actual.Warnings.Head.Message);
        Assert.DoesNotContain("440514", string.Join("|", actual.Warnings.Head.Args));
    }

    [Fact]
    public void Keeps_a_user_without_an_invalid_nip_and_with_a_valid_pesel()
    {
        var raw = Raw(people: Owner(pesel: "44051401359", nip: "1234563219"));

        var actual = FirmValidation.ValidateWithWarnings(raw).SuccessToSeq().Head;

        var user = actual.Firm.People.Single();
        Assert.Equal((Some("44051401359"), Option<string>.None),
            (user.Pesel.Map(p => p.Value), user.Nip.Map(n => n.Value)));
        Assert.Equal(Seq1("person.invalid-nip"), actual.Warnings.Map(w => w.Code));
    }

    [Fact]
    public void Keeps_a_user_without_a_placeholder_nip_so_it_can_never_pair_two_people()
    {
        var raw = Raw(people: Owner(pesel: "44051401359", nip: "1111111111"));

        var actual = FirmValidation.ValidateWithWarnings(raw).SuccessToSeq().Head;

        Assert.True(actual.Firm.People.Single().Nip.IsNone);
        var warning = actual.Warnings.Single();
        Assert.Equal("person.invalid-nip", warning.Code);
        Assert.Contains("nip.placeholder", warning.Args);
    }

    [Fact]
    public void Leaves_out_a_user_without_a_name()
    {
        var raw = Raw(people: new RawPerson(" ", null, "44051401359", null, null, null, null));

        var actual = FirmValidation.ValidateWithWarnings(raw).SuccessToSeq().Head;

        Assert.Equal((0, Seq1("person.name-missing")),
            (actual.Firm.People.Count, actual.Warnings.Map(w => w.Code)));
    }

    [Fact]
    public void Reads_the_role_of_a_partner()
    {
        var raw = Raw(people: new RawPerson("Anna", "Nowak", null, null, null, null, "Wspólnik"));

        var actual = FirmValidation.Validate(raw).SuccessToSeq().Head.People.Single().Role;

        Assert.Equal(PersonRole.Partner, actual);
    }
}
