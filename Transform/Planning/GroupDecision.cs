using KonektoSync.Domain;
using KonektoSync.Transform.Facts;
using KonektoSync.Transform.Firms;
using KonektoSync.Transform.Panel;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Transform.Planning;

/// <summary>
/// What a sync read for one complete (program, firm, data kind) group: its records, and the users
/// (as identities: a PESEL only as its digest) the panel already has for the firm (empty for a dry run, and for kinds other than basic data),
/// the day it was read (a missing declaration is reported only once its tax is due), and the data
/// folder's key of PESEL digests (<see cref="PeselKey"/>).
/// </summary>
public sealed record GroupRead(
    ProgramId Program, Nip Firm, DataKind Kind, Seq<SourceRecord> Records, Seq<PersonIdentity> PanelPeople, DateOnly Today,
    PeselKey PeselKey);

/// <summary>
/// The pure decision for one group, before the journal is consulted: the load command (facts
/// with the approval of rule 10 and the months the update speaks for), the activation messages
/// of rule 12, and the events of building the facts.
/// </summary>
public sealed record GroupDecision(LoadCommand Command, Seq<ActivationMessage> Activations, Seq<SyncEvent> Events)
{
    public static GroupDecision Decide(GroupRead read, SyncRequest request, Options options)
    {
        var built = FactBuilder.Build(read.Program, read.Firm, read.Kind, read.Records, request.From, request.To,
            BuildOptions.For(read.Program, options, PayerType.Other, read.Today, read.PeselKey));
        var command = Approval.ToLoadCommand(request, read.Firm, read.Kind, built.Facts) with
            { Months = Some((request.From, request.To)) };
        var found = read.Kind == DataKind.Basic
            ? built.Facts.Choose(f => f.Body is FactBody.BasicData b ? Some(b.Firm.People) : None).Bind(p => p)
            : Seq<Person>();
        return new GroupDecision(command, Activation.NewUsers(read.PanelPeople, found, options.AutoActivation, read.PeselKey),
            built.Events);
    }
}
