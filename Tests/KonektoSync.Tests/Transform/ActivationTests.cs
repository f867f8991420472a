using KonektoSync.Domain;
using KonektoSync.Tests.Generators;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Tests.Transform;

public class ActivationTests
{
    private static readonly Pesel JanPesel = DomainGen.Valid(Pesel.Create("44051401359"));

    private static readonly Person Jan =
        new("Jan", "Nowak", Some(JanPesel), None, Some("jan@nowak.pl"), None, PersonRole.Owner);

    private static readonly Person Anna =
        new("Anna", "Nowak", None, None, Some("anna@nowak.pl"), None, PersonRole.Partner);

    private static readonly Person Piotr =
        new("Piotr", "Nowak", None, None, None, Some("600 100 200"), PersonRole.Partner);

    [Fact]
    public void Sends_an_activation_to_a_new_user_with_an_e_mail_when_the_option_is_on()
    {
        var actual = Activation.NewUsers(Seq1(Jan), Seq(Jan, Anna), autoActivation: true);

        Assert.Equal(Seq1(new ActivationMessage(Anna, "anna@nowak.pl")), actual);
    }

    [Fact]
    public void Sends_nothing_when_the_option_is_off()
    {
        var actual = Activation.NewUsers(Seq<Person>(), Seq(Jan, Anna), autoActivation: false);

        Assert.True(actual.IsEmpty);
    }

    [Fact]
    public void Sends_nothing_to_a_new_user_without_an_e_mail()
    {
        var actual = Activation.NewUsers(Seq<Person>(), Seq1(Piotr), autoActivation: true);

        Assert.True(actual.IsEmpty);
    }

    [Fact]
    public void Knows_a_user_in_the_panel_by_pesel_even_when_the_name_changed()
    {
        var renamed = Jan with { LastName = "Nowak-Kowalski" };

        var actual = Activation.NewUsers(Seq1(Jan), Seq1(renamed), autoActivation: true);

        Assert.True(actual.IsEmpty);
    }

    [Fact]
    public void Sends_one_activation_to_a_user_found_twice()
    {
        var actual = Activation.NewUsers(Seq<Person>(), Seq(Anna, Anna), autoActivation: true);

        Assert.Equal(1, actual.Count);
    }

    [Fact]
    public void A_new_user_named_like_a_panel_user_with_another_pesel_gets_an_activation()
    {
        var inPanel = Seq1(PersonIdentity.Of(Jan, TestKeys.Pesel));
        var namesake = Jan with { Pesel = Some(DomainGen.Valid(Pesel.Create("02070803628"))), Email = Some("jan2@nowak.pl") };

        var actual = Activation.NewUsers(inPanel, Seq1(namesake), autoActivation: true, TestKeys.Pesel);

        Assert.Equal(Seq1(new ActivationMessage(namesake, "jan2@nowak.pl")), actual);
    }

    [Fact]
    public void A_panel_user_known_by_pesel_digest_whose_name_changed_gets_no_second_activation()
    {
        var inPanel = Seq1(PersonIdentity.Of(Jan, TestKeys.Pesel));
        var renamed = Jan with { LastName = "Nowak-Kowalski" };

        var actual = Activation.NewUsers(inPanel, Seq1(renamed), autoActivation: true, TestKeys.Pesel);

        Assert.True(actual.IsEmpty);
    }
}
