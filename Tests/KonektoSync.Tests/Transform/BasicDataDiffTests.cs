using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class BasicDataDiffTests
{
    private static readonly Nip FirmNip = DomainGen.Valid(Nip.Create("8567346215"));
    private static readonly Pesel JanPesel = DomainGen.Valid(Pesel.Create("44051401359"));

    private static readonly Person Jan =
        new("Jan", "Nowak", Some(JanPesel), None, Some("jan@nowak.pl"), Some("600 100 200"), PersonRole.Owner);

    private static readonly Firm InPanel = new(FirmNip, "Piekarnia Nowak", None,
        "ul. Długa 5, 00-001 Warszawa", Some("biuro@nowak.pl"), Some("22 123 45 67"), Seq1(Jan));

    [Fact]
    public void Overwrites_the_firm_fields_that_differ_when_the_option_is_on()
    {
        var source = InPanel with { Name = "Piekarnia Nowak s.c.", Phone = Some("22 765 43 21") };

        var actual = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: true);

        Assert.Equal(Seq(BasicField.FirmName, BasicField.FirmPhone), actual.FirmChanges.Map(c => c.Field));
        Assert.Equal(source, actual.Result);
    }

    [Fact]
    public void Keeps_the_panels_values_when_the_option_is_off()
    {
        var source = InPanel with { Name = "Piekarnia Nowak s.c.", Email = Some("nowy@nowak.pl"),
            People = Seq1(Jan with { Email = Some("jan.nowak@nowak.pl") }) };

        var actual = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: false);

        Assert.True(actual.IsEmpty);
        Assert.Equal(InPanel, actual.Result);
    }

    [Fact]
    public void Overwrites_a_users_e_mail_and_phone_matched_by_pesel()
    {
        var renamed = Jan with { FirstName = "Janusz", Email = Some("janusz@nowak.pl") };
        var source = InPanel with { People = Seq1(renamed) };

        var actual = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: true);

        var user = actual.Users.Single();
        Assert.Equal((false, Seq(BasicField.UserName, BasicField.UserEmail)),
            (user.IsNew, user.Changes.Map(c => c.Field)));
        Assert.Equal(Seq1(renamed), actual.Result.People);
    }

    [Fact]
    public void Matches_a_user_without_pesel_by_full_name()
    {
        var panelAnna = new Person("Anna", "Nowak", None, None, None, None, PersonRole.Partner);
        var panel = InPanel with { People = Seq(Jan, panelAnna) };
        var source = panel with { People = Seq(Jan, panelAnna with { Phone = Some("601") }) };

        var actual = BasicDataDiff.Diff(Some(panel), source, updateBasicData: true);

        Assert.Equal(Seq1((BasicField.UserPhone, "Anna Nowak")),
            actual.AllChanges.Map(c => (c.Field, c.Whose)));
    }

    [Fact]
    public void Adds_a_new_user_whether_the_option_is_on_or_off()
    {
        var anna = new Person("Anna", "Nowak", None, None, Some("anna@nowak.pl"), None, PersonRole.Partner);
        var source = InPanel with { People = Seq(Jan, anna) };

        var on = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: true);
        var off = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: false);

        Assert.Equal(Seq1(new UserChange(anna, true, Seq<FieldChange>())), on.Users);
        Assert.Equal(on.Users, off.Users);
        Assert.Equal(Seq(Jan, anna), off.Result.People);
    }

    [Fact]
    public void Never_erases_a_panel_value_the_source_does_not_have()
    {
        var source = InPanel with { Email = None, Address = "", People = Seq1(Jan with { Phone = None }) };

        var actual = BasicDataDiff.Diff(Some(InPanel), source, updateBasicData: true);

        Assert.True(actual.IsEmpty);
        Assert.Equal(InPanel, actual.Result);
    }

    [Fact]
    public void Keeps_a_user_the_source_no_longer_lists()
    {
        var actual = BasicDataDiff.Diff(Some(InPanel), InPanel with { People = Seq<Person>() }, true);

        Assert.Equal(Seq1(Jan), actual.Result.People);
    }

    [Fact]
    public void Adds_a_firm_new_to_the_panel_with_all_its_users()
    {
        var actual = BasicDataDiff.Diff(None, InPanel, updateBasicData: false);

        Assert.Equal((true, InPanel, Seq1(true)), (actual.IsNewFirm, actual.Result, actual.Users.Map(u => u.IsNew)));
    }
}
