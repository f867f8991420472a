using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using KonektoSync.Domain;
using KonektoSync.Load.Journal;
using KonektoSync.Load.Panel;
using KonektoSync.Load.Sinks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Remote;

/// <summary>A batch read from the panel protocol: its id, the batch, the digests of its people, rule 9's switch.</summary>
public sealed record WireBatch(string Id, DeliveryBatch Batch, PeselDigests Digests, bool UpdateBasicData);

/// <summary>
/// The JSON of a delivery on the panel protocol (docs/panel-http.md). A fact has the outbox's
/// shape (<see cref="FactJson"/>) except that no PESEL is in it: a person carries the keyed
/// digest and the masked form the local panel stores (<c>peselDigest</c>, <c>peselMasked</c>), a
/// PESEL payer only its digest. A body holding a PESEL is refused.
/// </summary>
public static partial class PanelWire
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The JSON of a staged batch; the people's PESELs become digests under <paramref name="key"/>.</summary>
    public static string Write(DeliveryBatch batch, PeselKey key, bool updateBasicData)
    {
        var id = batch.DeliveryId ?? throw new ArgumentException("a batch is sent once staged", nameof(batch));
        var dto = new BatchDto(id, batch.Run.Value, batch.Firm.Value, batch.Kind.Code(), batch.Approve, updateBasicData,
            batch.Items.Select(i => new ItemDto(i.Status.ToString(), Withheld(FactJson.ToDto(i.Fact, null), key)))
                .ToList());
        return JsonSerializer.Serialize(dto, Options);
    }

    /// <summary>
    /// Reads a delivery; what is wrong is a <c>panel.request.invalid</c> problem whose first
    /// argument names the field.
    /// </summary>
    public static Either<Problem, WireBatch> Read(string json)
    {
        BatchDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<BatchDto>(json, Options);
        }
        catch (JsonException e)
        {
            return Invalid(e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body", "is not valid JSON of a delivery");
        }
        if (dto is null) return Invalid("body", "is empty");
        if (string.IsNullOrWhiteSpace(dto.Id) || dto.Id.Length > 100) return Invalid("id", "is missing or longer than 100 characters");
        if (RunId.Create(dto.Run).IsFail) return Invalid("run", "is not a run id");
        if (Nip.Create(dto.Firm).SuccessToSeq().HeadOrNone().Case is not Nip firm) return Invalid("firm", "is not a valid NIP");
        if (DataKinds.FromCode(dto.Kind ?? "") is not { } kind) return Invalid("kind", "is not a data kind");
        if (dto.Items is null || dto.Items.Count == 0) return Invalid("items", "holds no fact");
        var digests = PeselDigests.Handed();
        var items = new List<DeliveryItem>();
        for (var i = 0; i < dto.Items.Count; i++)
        {
            var field = $"items[{i}]";
            var item = dto.Items[i];
            if (item?.Fact?.Key is null || item.Fact.Body is null || item.Fact.Source is null || item.Fact.Hash is null)
                return Invalid(field + ".fact", "is missing or lacks its key, source, hash or body");
            if (!Enum.TryParse<FactStatus>(item.Status, false, out var status) || !Enum.IsDefined(status))
                return Invalid(field + ".status", "is not New, Changed or Unchanged");
            var pesel = PeselFree(item.Fact, field + ".fact");
            if (pesel is not null) return Left<Problem, WireBatch>(pesel);
            var fact = FactJson.FromWire(item.Fact);
            if (fact.IsLeft) return Invalid(field + ".fact", fact.LeftToSeq().Head.Message);
            var f = fact.RightToSeq().Head;
            if (f.Key.Firm != firm || f.Key.Kind != kind)
                return Invalid(field + ".fact.key", "belongs to another firm or data kind than the batch");
            if (f.Body is FactBody.BasicData b)
                foreach (var (person, p) in b.Firm.People.Zip(item.Fact.Body.Firm!.People))
                    if (p.PeselDigest is not null)
                        digests.Add(person, new PeselDigests.Given(p.PeselDigest, p.PeselMasked!));
            items.Add(new DeliveryItem(f, status));
        }
        var batch = new DeliveryBatch(RunId.Create(dto.Run).SuccessToSeq().Head, firm, kind, dto.Approve, items);
        return Right<Problem, WireBatch>(new WireBatch(dto.Id, batch, digests, dto.UpdateBasicData));
    }

    /// <summary>A <c>panel.request.invalid</c> problem naming <paramref name="field"/>.</summary>
    public static Problem InvalidField(string field, string what) =>
        Problem.Of("panel.request.invalid", $"{field}: {what}", field, what);

    private static Either<Problem, WireBatch> Invalid(string field, string what) =>
        Left<Problem, WireBatch>(InvalidField(field, what));

    // The outbox shape with every PESEL replaced: a person's by digest and masked form, a
    // payer's by nothing (its digest is in the payer already).
    private static FactDto Withheld(FactDto d, PeselKey key) => d with
    {
        Body = d.Body with
        {
            Firm = d.Body.Firm is null ? null : d.Body.Firm with
            {
                People = d.Body.Firm.People.Select(p => p.Pesel is null ? p : p with
                {
                    Pesel = null, PeselDigest = key.Digest(p.Pesel), PeselMasked = Pesel.Mask(p.Pesel),
                }).ToList(),
            },
            Zus = d.Body.Zus is null || d.Body.Zus.Payer.Kind != "pesel" ? d.Body.Zus
                : d.Body.Zus with { Payer = d.Body.Zus.Payer with { Id = "" } },
        },
    };

    private static Problem? PeselFree(FactDto d, string field)
    {
        if (d.Body?.Firm?.People is { } people)
            for (var i = 0; i < people.Count; i++)
            {
                var p = people[i];
                var at = $"{field}.body.firm.people[{i}]";
                if (p is null) return InvalidField(at, "is missing");
                if (p.Pesel is not null) return InvalidField(at + ".pesel", "a PESEL is never sent: send peselDigest and peselMasked");
                if (p.PeselDigest is not null && !DigestForm().IsMatch(p.PeselDigest))
                    return InvalidField(at + ".peselDigest", "is not 16 lower-case hex digits");
                if ((p.PeselDigest is null) != (p.PeselMasked is null) || p.PeselMasked is not null && !MaskedForm().IsMatch(p.PeselMasked))
                    return InvalidField(at + ".peselMasked", "comes with a digest, as nine '*' and two digits");
            }
        if (d.Body?.Zus?.Payer is { Kind: "pesel" } payer)
        {
            if (payer.Id.Length > 0) return InvalidField(field + ".body.zus.payer.id", "a PESEL is never sent: leave it empty");
            if (payer.Digest is null || !DigestForm().IsMatch(payer.Digest))
                return InvalidField(field + ".body.zus.payer.digest", "is not 16 lower-case hex digits");
        }
        return null;
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex DigestForm();

    [GeneratedRegex(@"^\*{9}[0-9]{2}$")]
    private static partial Regex MaskedForm();

    internal sealed record BatchDto(string Id, string Run, string Firm, string Kind, bool Approve, bool UpdateBasicData,
        IReadOnlyList<ItemDto> Items);

    internal sealed record ItemDto(string Status, FactDto Fact);
}
