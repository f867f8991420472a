using System.Globalization;
using KonektoSync.Domain;
using KonektoSync.Transform.Planning;
using LanguageExt;
using Microsoft.Data.Sqlite;
using static LanguageExt.Prelude;

namespace KonektoSync.Load.Journal;

/// <summary>
/// The table <c>change_markers</c> of the state database: per program, the <see cref="ChangeMark"/>
/// of its last sync that read it whole and loaded every group of it. A marker is written only after
/// the program's groups are durable, and removed before a program is read, so no marker ever stands
/// for data the journal and the panel do not hold (a crash in between leaves no marker: a read).
/// The table <c>firm_markers</c> keeps a <see cref="FirmMark"/> per firm of a program, on the same terms.
/// </summary>
public static class ChangeMarkers
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS change_markers (
            program     TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            settings    TEXT NOT NULL,
            plan        TEXT NOT NULL,
            day         TEXT NOT NULL,
            run_id      TEXT NOT NULL,
            warnings    INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS firm_markers (
            program     TEXT NOT NULL,
            firm        TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            settings    TEXT NOT NULL,
            plan        TEXT NOT NULL,
            day         TEXT NOT NULL,
            PRIMARY KEY (program, firm)
        );
        """;

    public static void Ensure(SqliteConnection db)
    {
        using var cmd = db.Command(Schema, null);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Every program's marker.</summary>
    public static Map<ProgramId, ChangeMark> Read(SqliteConnection db)
    {
        Ensure(db);
        using var cmd = db.Command("SELECT program, fingerprint, settings, plan, day, run_id, warnings FROM change_markers", null);
        using var r = cmd.ExecuteReader();
        var marks = Map<ProgramId, ChangeMark>();
        while (r.Read())
        {
            if (!Enum.TryParse<ProgramId>(r.GetString(0), ignoreCase: true, out var program)) continue;
            marks = marks.AddOrUpdate(program, new ChangeMark(program, r.GetString(1), r.GetString(2), r.GetString(3),
                DateOnly.ParseExact(r.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetString(5), r.GetInt32(6)));
        }
        return marks;
    }

    /// <summary>Records a program's marker (replacing the one before), in its own transaction.</summary>
    public static void Write(SqliteConnection db, ChangeMark mark)
    {
        Ensure(db);
        using var cmd = db.Command("""
            INSERT OR REPLACE INTO change_markers (program, fingerprint, settings, plan, day, run_id, warnings)
            VALUES ($p, $f, $s, $l, $d, $r, $w)
            """, null)
            .With("$p", mark.Program.Code()).With("$f", mark.Fingerprint).With("$s", mark.Settings).With("$l", mark.Plan)
            .With("$d", mark.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).With("$r", mark.RunId)
            .With("$w", mark.Warnings);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The firm markers of one program, by firm key.</summary>
    public static Map<string, FirmMark> ReadFirms(SqliteConnection db, ProgramId program)
    {
        Ensure(db);
        using var cmd = db.Command("SELECT firm, fingerprint, settings, plan, day FROM firm_markers WHERE program = $p", null)
            .With("$p", program.Code());
        using var r = cmd.ExecuteReader();
        var marks = Map<string, FirmMark>();
        while (r.Read())
            marks = marks.AddOrUpdate(r.GetString(0), new FirmMark(program, r.GetString(0), r.GetString(1), r.GetString(2),
                r.GetString(3), DateOnly.ParseExact(r.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return marks;
    }

    /// <summary>Records firm markers (replacing those before), in one transaction.</summary>
    public static void WriteFirms(SqliteConnection db, IEnumerable<FirmMark> marks)
    {
        Ensure(db);
        using var tx = db.BeginTransaction();
        foreach (var m in marks)
        {
            using var cmd = db.Command("""
                INSERT OR REPLACE INTO firm_markers (program, firm, fingerprint, settings, plan, day)
                VALUES ($p, $f, $g, $s, $l, $d)
                """, tx)
                .With("$p", m.Program.Code()).With("$f", m.FirmKey).With("$g", m.Fingerprint).With("$s", m.Settings)
                .With("$l", m.Plan).With("$d", m.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Removes the markers of a program's firms about to be read, in one transaction (a read that stops half-way leaves none).</summary>
    public static void ForgetFirms(SqliteConnection db, ProgramId program, IEnumerable<string> firms)
    {
        Ensure(db);
        using var tx = db.BeginTransaction();
        foreach (var firm in firms)
        {
            using var cmd = db.Command("DELETE FROM firm_markers WHERE program = $p AND firm = $f", tx)
                .With("$p", program.Code()).With("$f", firm);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Removes the markers of programs about to be read (a read that stops half-way leaves none).</summary>
    public static void Forget(SqliteConnection db, IEnumerable<ProgramId> programs)
    {
        Ensure(db);
        foreach (var program in programs)
        {
            using var cmd = db.Command("DELETE FROM change_markers WHERE program = $p", null).With("$p", program.Code());
            cmd.ExecuteNonQuery();
        }
    }
}
