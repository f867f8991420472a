using KonektoSync.Domain;
using KonektoSync.Transform.Firms;
using LanguageExt;

namespace KonektoSync.Transform.Panel;

public enum BasicField { FirmName, FirmEmail, FirmPhone, FirmAddress, UserName, UserEmail, UserPhone }

/// <summary>A field that changes: whose (the firm's name or the user's full name), from, to.</summary>
public sealed record FieldChange(BasicField Field, string Whose, Option<string> From, Option<string> To);

/// <summary>A user of the firm as the update leaves them: new to the panel or changed.</summary>
public sealed record UserChange(Person User, bool IsNew, Seq<FieldChange> Changes);

/// <summary>
/// What an update does to a firm's basic data in the panel: the firm as it will be, whether it
/// is new, the firm fields that change, and the users added or changed.
/// </summary>
public sealed record BasicDataChange(
    Firm Result,
    bool IsNewFirm,
    Seq<FieldChange> FirmChanges,
    Seq<UserChange> Users)
{
    public bool IsEmpty => !IsNewFirm && FirmChanges.IsEmpty && Users.IsEmpty;
    public Seq<FieldChange> AllChanges => FirmChanges + Users.Bind(u => u.Changes);
}

/// <summary>
/// A firm as the panel holds it: the panel keeps a person's PESEL only as its digest, so each of
/// <see cref="Firm"/>'s people comes with the identity matching uses (same order).
/// </summary>
public sealed record PanelFirm(Firm Firm, Seq<PersonIdentity> People)
{
    /// <summary>A firm held in memory with its PESELs (no digest involved).</summary>
    public static PanelFirm Of(Firm firm) => new(firm, firm.People.Map(PersonIdentity.InMemory));
}
