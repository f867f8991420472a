using KonektoSync.Domain;
using KonektoSync.Extract;
using KonektoSync.Extract.Programs.Reset2;
using KonektoSync.Host.Texts;
using static KonektoSync.Tests.Extract.Firebird.FirebirdFixture;

namespace KonektoSync.Tests.Extract.Programs.Reset2;

/// <summary>The VAT settings note as the user reads it, in English and Polish (Texts.UseLanguage is process-wide).</summary>
[Collection("Texts")]
public sealed class Reset2TextsTests
{
    private static SyncEvent NoteEvent()
    {
        var note = Reset2Program.VatNote(ProgramId.Reset2Ksiega, "Reset2 Księga",
            new ReadItem("1", Nip("5260250995"), LanguageExt.Prelude.Set(DataKind.Taxes)), Month(2024, 2));
        return SyncEvent.FromProblem(Severity.Warning, note.Note, note.Remedy, ProgramId.Reset2Ksiega);
    }

    [Fact]
    public void The_VAT_settings_note_names_the_month_and_the_manual_s_path_in_English_and_Polish()
    {
        var e = NoteEvent();
        Texts.UseLanguage("pl");
        string pl, plRemedy;
        try { (pl, plRemedy) = (Texts.Of(e), Texts.Remedy(e)); }
        finally { Texts.UseLanguage("en"); }

        Assert.Equal("Reset2 Księga: no VAT-7 value for 2024-02: the firm's VAT settings name no declaration type with a validity " +
            "period covering 2024-02", Texts.Of(e));
        Assert.Equal("in Reset2 Księga open Zbiory > Narzędzia and the firm's settings, VAT tab: set the declaration type and a " +
            "validity period covering 2024-02, then update again", Texts.Remedy(e));
        Assert.Equal("Reset2 Księga: brak wartości VAT-7 za 2024-02: ustawienia VAT firmy nie określają typu deklaracji z okresem " +
            "obowiązywania obejmującym 2024-02", pl);
        Assert.Equal("w programie Reset2 Księga otwórz Zbiory > Narzędzia i ustawienia firmy, zakładka VAT: ustaw typ deklaracji i " +
            "okres obowiązywania obejmujący 2024-02, po czym zaktualizuj dane ponownie", plRemedy);
    }
}
