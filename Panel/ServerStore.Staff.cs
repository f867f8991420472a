using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Load;
using LanguageExt;
using Microsoft.AspNetCore.Identity;
using static LanguageExt.Prelude;

namespace KonektoSync.Panel;

/// <summary>A member of an office's staff, who signs in to the office pages.</summary>
public sealed record Staff(long Id, Office Office, string Login);

/// <summary>A staff account as <c>panel staff list</c> shows it (never its password hash).</summary>
public sealed record StaffListing(string Login, DateTimeOffset CreatedAt, DateTimeOffset? LockedUntil);

/// <summary>What a sign-in came to: the staff member, or why not (a wrong login or password, a lock-out).</summary>
public sealed record SignInOutcome(Staff? Staff, DateTimeOffset? LockedUntil);

public sealed partial class ServerStore
{
    // ASP.NET Core Identity's hasher: PBKDF2 with a random salt per password (the V3 format);
    // the lock-out (MaxFailedSignIns, LockOut) and the shortest password are the clients' too
    private static readonly PasswordHasher<Staff> StaffHasher = new();

    // a sign-in with an unknown login checks a password too, so that it takes as long as a known one
    private static readonly string DummyHash = StaffHasher.HashPassword(null!, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

    private static DateTimeOffset? ReadStamp(object? value) =>
        value is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : null;

    /// <summary>The office with this number, or none.</summary>
    public async Task<Office?> OfficeById(long id, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT id, name FROM offices WHERE id = @id", null).With("@id", id);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false) ? new Office(rdr.Long(0), rdr.GetString(1)) : null;
    }

    /// <summary>Adds a staff account to an office, its password kept only as a hash.</summary>
    public async Task<Either<Problem, Staff>> AddStaff(long officeId, string login, string password, DateTimeOffset now,
        CancellationToken cancel)
    {
        login = login.Trim();
        if (login.Length is 0 or > 100 || login.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return Left<Problem, Staff>(Problem.Of("panel.staff.login", "a login has 1 to 100 characters and no spaces or control characters"));
        if (password.Length < MinPasswordLength || password.Length > 1000)
            return Left<Problem, Staff>(Problem.Of("panel.staff.password",
                $"a password has at least {MinPasswordLength} characters", MinPasswordLength.ToString(CultureInfo.InvariantCulture)));
        var office = await OfficeById(officeId, cancel).ConfigureAwait(false);
        if (office is null) return Left<Problem, Staff>(UnknownOffice(officeId));
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            INSERT INTO staff (office_id, login, password_hash, created_at) VALUES (@office, @login, @hash, @at)
            ON CONFLICT (login) DO NOTHING RETURNING id
            """, null)
            .With("@office", officeId).With("@login", login).With("@hash", StaffHasher.HashPassword(null!, password))
            .With("@at", Stamp(now));
        return await cmd.ExecuteScalarAsync(cancel).ConfigureAwait(false) is { } id and not DBNull
            ? Right<Problem, Staff>(new Staff(Convert.ToInt64(id, CultureInfo.InvariantCulture), office, login))
            : Left<Problem, Staff>(Problem.Of("panel.staff.exists", $"the panel server has a staff login '{login}' already", login));
    }

    private static Problem UnknownOffice(long id) =>
        Problem.Of("panel.office.unknown", $"the panel server has no office {id}",
            id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Removes a staff account of an office; its sign-ins end with their next request.</summary>
    public async Task<Either<Problem, Unit>> RemoveStaff(long officeId, string login, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("DELETE FROM staff WHERE office_id = @office AND login = @login", null)
            .With("@office", officeId).With("@login", login.Trim());
        return await cmd.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) > 0
            ? Right<Problem, Unit>(unit)
            : Left<Problem, Unit>(Problem.Of("panel.staff.unknown", $"office {officeId} has no staff login '{login}'",
                officeId.ToString(CultureInfo.InvariantCulture), login));
    }

    /// <summary>The staff accounts of an office, by login.</summary>
    public async Task<Either<Problem, IReadOnlyList<StaffListing>>> ListStaff(long officeId, CancellationToken cancel)
    {
        if (await OfficeById(officeId, cancel).ConfigureAwait(false) is null)
            return Left<Problem, IReadOnlyList<StaffListing>>(UnknownOffice(officeId));
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT login, created_at, locked_until FROM staff WHERE office_id = @office ORDER BY login", null)
            .With("@office", officeId);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        var staff = new List<StaffListing>();
        while (await rdr.ReadAsync(cancel).ConfigureAwait(false))
            staff.Add(new StaffListing(rdr.GetString(0), ReadStamp(rdr.GetString(1)) ?? default,
                ReadStamp(rdr.IsDBNull(2) ? null : rdr.GetString(2))));
        return Right<Problem, IReadOnlyList<StaffListing>>(staff);
    }

    /// <summary>The staff member with this number, or none (a removed account).</summary>
    public async Task<Staff?> StaffById(long id, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            SELECT s.id, s.login, o.id, o.name FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = @id
            """, null).With("@id", id);
        await using var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        return await rdr.ReadAsync(cancel).ConfigureAwait(false)
            ? new Staff(rdr.Long(0), new Office(rdr.Long(2), rdr.GetString(3)), rdr.GetString(1))
            : null;
    }

    /// <summary>
    /// Checks a login and password. After <see cref="MaxFailedSignIns"/> failures in a row
    /// the account is locked for <see cref="LockOut"/>, even for the right password; a success
    /// clears the count.
    /// </summary>
    public async Task<SignInOutcome> SignIn(string login, string password, DateTimeOffset now, CancellationToken cancel)
    {
        await using var connection = await connect(cancel).ConfigureAwait(false);
        long id, officeId, failed;
        string hash, officeName, stored;
        DateTimeOffset? lockedUntil;
        await using (var cmd = connection.Command("""
            SELECT s.id, s.login, s.password_hash, s.failed_attempts, s.locked_until, o.id, o.name
            FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.login = @login
            """, null).With("@login", login.Trim()))
        await using (var rdr = await cmd.ExecuteReaderAsync(cancel).ConfigureAwait(false))
        {
            if (!await rdr.ReadAsync(cancel).ConfigureAwait(false))
            {
                StaffHasher.VerifyHashedPassword(null!, DummyHash, password);
                return new SignInOutcome(null, null);
            }
            (id, stored, hash, failed) = (rdr.Long(0), rdr.GetString(1), rdr.GetString(2), rdr.Long(3));
            lockedUntil = ReadStamp(rdr.IsDBNull(4) ? null : rdr.GetString(4));
            (officeId, officeName) = (rdr.Long(5), rdr.GetString(6));
        }
        if (lockedUntil > now) return new SignInOutcome(null, lockedUntil);
        var verified = StaffHasher.VerifyHashedPassword(null!, hash, password);
        if (verified is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded)
        {
            await using var ok = connection.Command(
                "UPDATE staff SET failed_attempts = 0, locked_until = NULL, password_hash = @hash WHERE id = @id", null)
                .With("@id", id).With("@hash", verified == PasswordVerificationResult.SuccessRehashNeeded
                    ? StaffHasher.HashPassword(null!, password) : hash);
            await ok.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
            return new SignInOutcome(new Staff(id, new Office(officeId, officeName), stored), null);
        }
        var locks = failed + 1 >= MaxFailedSignIns;
        await using var bad = connection.Command(locks
                ? "UPDATE staff SET failed_attempts = 0, locked_until = @until WHERE id = @id"
                : "UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = @id", null)
            .With("@id", id).With("@until", Stamp(now + LockOut));
        await bad.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        return new SignInOutcome(null, locks ? now + LockOut : null);
    }
}
