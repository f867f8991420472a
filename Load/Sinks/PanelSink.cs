using KonektoSync.Domain;

namespace KonektoSync.Load.Sinks;

/// <summary>How a fact compares with what the sink's journal last confirmed.</summary>
public enum FactStatus { New, Changed, Unchanged }

/// <summary>One fact to upsert, with its status against the journal.</summary>
public sealed record DeliveryItem(Fact Fact, FactStatus Status);

/// <summary>
/// One (firm, data kind) group for a sink. The sink applies it whole or not at all and
/// upserts by natural key (<see cref="FactKey.Text"/>), so delivering it again is harmless.
/// </summary>
public sealed record DeliveryBatch(
    RunId Run, Nip Firm, DataKind Kind, bool Approve, IReadOnlyList<DeliveryItem> Items);

/// <summary>What a sink says it applied.</summary>
public sealed record SinkReceipt(string Sink, RunId Run, int Applied);

/// <summary>
/// The panel port: where facts go. Delivery failures the sink cannot recover from are
/// exceptions (infrastructure faults): the batch then stays in the outbox for recovery.
/// </summary>
public interface IPanelSink
{
    /// <summary>The sink's name; the journal of confirmed facts is kept per name.</summary>
    string Name { get; }

    /// <summary>True when the sink also wants facts that did not change (a full report).</summary>
    bool WantsUnchanged => false;

    /// <summary>
    /// True when the sink only shows what would be loaded: the loader neither stages its
    /// batches in the outbox nor advances any journal.
    /// </summary>
    bool IsDryRun => false;

    Task<SinkReceipt> Deliver(DeliveryBatch batch, CancellationToken cancel);
}
