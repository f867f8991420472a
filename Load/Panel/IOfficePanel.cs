using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Load.Panel;

/// <summary>
/// What the command line and the sync ask of the office panel, local (<see cref="LocalPanel"/>)
/// or over HTTP (<see cref="Remote.HttpPanelSink"/>): the same questions, the same answers.
/// </summary>
public interface IOfficePanel
{
    Task<IReadOnlyList<PanelFirmSummary>> ListFirms(CancellationToken cancel);

    Task<Either<Problem, PanelFirmView>> ShowFirm(Nip nip, CancellationToken cancel);

    Task<Either<Problem, ApprovalCounts>> Approve(Nip nip, DateTimeOffset approvedAt, CancellationToken cancel);

    /// <summary>Approves the unapproved data of chosen months of a firm (all of it when no month is given).</summary>
    Task<Either<Problem, ApprovalCounts>> Approve(Nip nip, DateTimeOffset approvedAt, Seq<Period> months, CancellationToken cancel);

    Task RecordSummary(Nip firm, Period period, Channels channels, DateTimeOffset sentAt, CancellationToken cancel);

    /// <summary>Records an activation message sent to a person (rule 12); false when one was already recorded for that person.</summary>
    Task<bool> RecordActivation(Nip firm, Person person, string email, DateTimeOffset sentAt, CancellationToken cancel);

    /// <summary>The panel's export (docs/load.md, "Export") written to <paramref name="folder"/>; the files written.</summary>
    Task<IReadOnlyList<string>> ExportCsv(string folder, bool excel, CancellationToken cancel);
}
