using System.Collections.Concurrent;
using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load;
using KonektoSync.Load.Panel;
using LanguageExt;
using Microsoft.AspNetCore.Identity;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel;

/// <summary>A client's account: one per office, firm, person and e-mail, made through an activation link.</summary>
public sealed record ClientAccount(long Id, long OfficeId, string FirmNip, string PersonKey, string Email);

/// <summary>What a client's sign-in came to: the accounts opened, or none and until when they are locked.</summary>
public sealed record ClientSignIn(IReadOnlyList<ClientAccount> Accounts, DateTimeOffset? LockedUntil);

/// <summary>The client accounts of the panel server's offices (table <c>client_accounts</c>).</summary>
public sealed partial class ServerStore
{
    /// <summary>The shortest password a client or a staff member may set.</summary>
    public const int MinPasswordLength = 10;

    /// <summary>Failed sign-ins in a row after which an account (a client's or a staff member's) is locked for <see cref="LockOut"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);

    // the same hasher as the staff's (PBKDF2 with a random salt per password)
    private static readonly PasswordHasher<ClientAccount> ClientHasher = new();

    /// <summary>Every office of the server, by id.</summary>
    public async Task<IReadOnlyList<Office>> Offices(CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT id, name FROM offices ORDER BY id", null);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var list = new List<Office>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false)) list.Add(new Office(rdr.Long(0), rdr.GetString(1)));
        return list;
    }

    private readonly ConcurrentDictionary<long, PanelMessages> messages = new();
    private readonly SemaphoreSlim openingMessages = new(1, 1);

    /// <summary>
    /// The message log of an office's panel, where its activation tokens are; its tables made when
    /// it is first opened (one office at a time, so that two first requests do not both make them).
    /// </summary>
    public async Task<PanelMessages> Messages(Office office, CancellationToken cancel)
    {
        if (messages.TryGetValue(office.Id, out var open)) return open;
        await openingMessages.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            if (messages.TryGetValue(office.Id, out open)) return open;
            await using (var connection = await connect(cancel).ConfigureAwait(false))
                await prepare(office, connection, cancel).ConfigureAwait(false);
            return messages[office.Id] = await PanelMessages.Open(panelOf(office), cancel).ConfigureAwait(false);
        }
        finally
        {
            openingMessages.Release();
        }
    }

    /// <summary>
    /// Uses an activation token of any office: the office and what the token was made for, or
    /// none when no office holds it unused and unexpired (the token is looked up by its digest).
    /// </summary>
    public async Task<(Office Office, RedeemedActivation Activation)?> RedeemActivation(string token,
        DateTimeOffset now, CancellationToken cancel)
    {
        foreach (var office in await Offices(cancel).ConfigureAwait(false))
            if (await (await Messages(office, cancel).ConfigureAwait(false)).RedeemActivation(token, now, cancel)
                    .ConfigureAwait(false) is { } used)
                return (office, used);
        return null;
    }

    /// <summary>Whether any office holds this activation token unused and unexpired.</summary>
    public async Task<bool> ActivationValid(string token, DateTimeOffset now, CancellationToken cancel)
    {
        foreach (var office in await Offices(cancel).ConfigureAwait(false))
            if (await (await Messages(office, cancel).ConfigureAwait(false)).FindActivation(token, now, cancel)
                    .ConfigureAwait(false) is not null)
                return true;
        return false;
    }

    /// <summary>
    /// The account of a redeemed activation with the password set: made when the person has none,
    /// its password replaced (and its lock lifted) when a new link was used.
    /// </summary>
    public async Task<Either<Problem, ClientAccount>> SetClientPassword(Office office, RedeemedActivation activation,
        string password, DateTimeOffset now, CancellationToken cancel)
    {
        if (password.Length < MinPasswordLength)
            return Left<Problem, ClientAccount>(Problem.Of("client.password.short",
                $"a password has at least {MinPasswordLength} characters",
                MinPasswordLength.ToString(CultureInfo.InvariantCulture)));
        var email = NormalEmail(activation.Email);
        var draft = new ClientAccount(0, office.Id, activation.FirmNip, activation.PersonKey, email);
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            INSERT INTO client_accounts (office_id, firm_nip, person_key, email, password_hash, failed_attempts, locked_until, created_at)
            VALUES (@office, @nip, @person, @email, @hash, 0, NULL, @at)
            ON CONFLICT (office_id, firm_nip, person_key, email)
            DO UPDATE SET password_hash = excluded.password_hash, failed_attempts = 0, locked_until = NULL
            RETURNING id
            """, null)
            .With("@office", office.Id).With("@nip", activation.FirmNip).With("@person", activation.PersonKey)
            .With("@email", email).With("@hash", ClientHasher.HashPassword(draft, password)).With("@at", Stamp(now));
        var id = Convert.ToInt64(await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return Right<Problem, ClientAccount>(draft with { Id = id });
    }

    /// <summary>
    /// Signs a client in: the accounts with this e-mail whose password it is (an e-mail may be a
    /// client's of several firms). A wrong password counts against each account tried; after
    /// <see cref="MaxFailedSignIns"/> in a row an account is locked for <see cref="LockOut"/>,
    /// even against the right password, as a staff account is. An unknown e-mail costs the same
    /// hashing as a known one.
    /// </summary>
    public async Task<ClientSignIn> SignInClient(string email, string password, DateTimeOffset now, CancellationToken cancel)
    {
        var candidates = new List<(ClientAccount Account, string Hash, long Failed, DateTimeOffset? LockedUntil)>();
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using (var cmd = connection.Command("""
            SELECT id, office_id, firm_nip, person_key, email, password_hash, failed_attempts, locked_until
            FROM client_accounts WHERE email = @email ORDER BY id
            """, null).With("@email", NormalEmail(email)))
        await using (var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false))
            while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
                candidates.Add((new ClientAccount(rdr.Long(0), rdr.Long(1), rdr.GetString(2), rdr.GetString(3), rdr.GetString(4)),
                    rdr.GetString(5), rdr.Long(6), ReadStamp(rdr.IsDBNull(7) ? null : rdr.GetString(7))));
        if (candidates.Count == 0) ClientHasher.VerifyHashedPassword(null!, DummyHash, password);
        var opened = new List<ClientAccount>();
        DateTimeOffset? locked = null;
        foreach (var (account, hash, failed, lockedUntil) in candidates)
        {
            if (lockedUntil > now)
            {
                locked = Later(locked, lockedUntil);
                continue;
            }
            var right = ClientHasher.VerifyHashedPassword(account, hash, password) != PasswordVerificationResult.Failed;
            var locks = !right && failed + 1 >= MaxFailedSignIns;
            await using var update = connection.Command(right || locks
                    ? "UPDATE client_accounts SET failed_attempts = 0, locked_until = @until WHERE id = @id"
                    : "UPDATE client_accounts SET failed_attempts = failed_attempts + 1 WHERE id = @id", null)
                .With("@until", locks ? Stamp(now + LockOut) : null).With("@id", account.Id);
            await update.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            if (right) opened.Add(account);
            if (locks) locked = Later(locked, now + LockOut);
        }
        return opened.Count > 0 ? new ClientSignIn(opened, null) : new ClientSignIn([], locked);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    /// <summary>A client's account by its id, or none.</summary>
    public async Task<ClientAccount?> ClientAccountOf(long id, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT id, office_id, firm_nip, person_key, email FROM client_accounts WHERE id = @id", null).With("@id", id);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? new ClientAccount(rdr.Long(0), rdr.Long(1), rdr.GetString(2), rdr.GetString(3), rdr.GetString(4))
            : null;
    }

    private static string NormalEmail(string email) => email.Trim().ToLowerInvariant();

    // UTC with a fixed width, so that text order is time order in either database
    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
