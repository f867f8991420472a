using System.Buffers;
using System.Globalization;
using KonektoSync.Domain;
using LanguageExt;

namespace KonektoSync.Transform.Facts;

/// <summary>
/// A stable digest of what a fact says, used to send only what changed: a canonical text
/// (invariant culture, fixed field order, amounts with two decimals, dates as yyyy-MM-dd, text
/// fields escaped, a PESEL only as its keyed digest, <see cref="PeselKey"/>) hashed with <see cref="Hashing.Hex"/>.
/// Same on every run and machine. The leading tag names the body kind and the text version.
/// The text is written into a buffer on the stack and hashed from there: building the facts of
/// an office makes one string per fact, its hash.
/// </summary>
public static class ContentHash
{
    public static string Of(FactBody body, PeselKey key) => Of(body, key, null);

    /// <summary>The same hash, made with a SHA-256 state reused for the facts of a group.</summary>
    public static string Of(FactBody body, PeselKey key, Hashing.Reused? sha)
    {
        var canon = new Canon(stackalloc char[Canon.OnStack]);
        try
        {
            Write(ref canon, body, key);
            return sha is null ? Hashing.Hex(canon.Written) : sha.Hex(canon.Written);
        }
        finally
        {
            canon.Dispose();
        }
    }

    /// <summary>
    /// The text that is hashed; never contains a PESEL. A PESEL payer's digest is the one made with
    /// the payer (<see cref="PayerKey.Digest"/>), made under the same key.
    /// </summary>
    public static string CanonicalText(FactBody body, PeselKey key)
    {
        var canon = new Canon(stackalloc char[Canon.OnStack]);
        try
        {
            Write(ref canon, body, key);
            return canon.Written.ToString();
        }
        finally
        {
            canon.Dispose();
        }
    }

    private static void Write(ref Canon canon, FactBody body, PeselKey key)
    {
        switch (body)
        {
            case FactBody.Zus z: Zus(ref canon, z); break;
            case FactBody.Tax t: Tax(ref canon, t); break;
            case FactBody.TrialBalance b: TrialBalance(ref canon, b.Line); break;
            case FactBody.TaxBook b: TaxBook(ref canon, b.Summary); break;
            case FactBody.BasicData f: BasicData(ref canon, f.Firm, key); break;
            default: throw new ArgumentOutOfRangeException(nameof(body), body.GetType().Name, "unknown fact body");
        }
    }

    private static void Tax(ref Canon c, FactBody.Tax t)
    {
        var l = t.Liability;
        c.Tag("tax/1");
        c.Add(l.Firm.Value); c.Add(l.Kind.Code()); c.Add(l.Period); c.Add(l.Amount); c.Add(t.DueDate);
    }

    private static void Zus(ref Canon c, FactBody.Zus z)
    {
        var v = z.Contribution;
        var k = v.Components;
        c.Tag("zus/1");
        c.Add(v.Firm.Value); c.Add(v.Payer.Key); c.Add(v.PayerType.ToString()); c.Add(v.Period); c.Add(v.Origin.ToString());
        c.Add(k.Emerytalne); c.Add(k.Rentowe); c.Add(k.Chorobowe); c.Add(k.Wypadkowe); c.Add(k.Zdrowotne);
        c.Add(k.FpFs); c.Add(k.Fgsp); c.Add(k.Fep); c.Add(k.TotalDue); c.Add(z.DueDate);
    }

    private static void TrialBalance(ref Canon c, TrialBalanceLine l)
    {
        c.Tag("trialbalance/1");
        c.Add(l.Firm.Value); c.Add(l.Period); c.Add(l.Account); c.Add(l.Name);
        c.Add(l.OpeningDt); c.Add(l.OpeningCt); c.Add(l.TurnoverDt); c.Add(l.TurnoverCt);
        c.Add(l.CumulativeDt); c.Add(l.CumulativeCt); c.Add(l.ClosingDt); c.Add(l.ClosingCt);
    }

    private static void TaxBook(ref Canon c, TaxBookSummary s)
    {
        c.Tag("taxbook/1");
        c.Add(s.Firm.Value); c.Add(s.Period); c.Add(s.Revenue); c.Add(s.Costs); c.Add(s.Income);
        c.Add(s.RevenueYtd); c.Add(s.CostsYtd); c.Add(s.IncomeYtd);
    }

    // People in a fixed order (ordinal by their own canonical text): the order a program lists
    // them in says nothing, so it must not change the hash.
    private static void BasicData(ref Canon c, Firm f, PeselKey key)
    {
        c.Tag("firm/2");
        c.Add(f.Nip.Value); c.Add(f.Name); c.Add(f.Regon.Map(r => r.Value)); c.Add(f.Address); c.Add(f.Email);
        c.Add(f.Phone); c.Add(f.People.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var person in f.People.Map(p => PersonText(p, key)).OrderBy(t => t, StringComparer.Ordinal))
            c.Block(person);
    }

    private static string PersonText(Person p, PeselKey key)
    {
        var c = new Canon(stackalloc char[Canon.OnStack]);
        try
        {
            c.Tag("person");
            c.Add(p.FirstName); c.Add(p.LastName); c.Add(p.Pesel.Map(x => "pesel:" + key.Digest(x)));
            c.Add(p.Nip.Map(n => n.Value)); c.Add(p.Email); c.Add(p.Phone); c.Add(p.Role.ToString());
            return c.Written.ToString();
        }
        finally
        {
            c.Dispose();
        }
    }

    /// <summary>
    /// Fields joined by '|', each escaped so that no two field lists give the same text ('|' as
    /// "\p", '\' as "\\", a missing field as "\0"), written into a buffer that starts on the
    /// stack and moves to a pooled array when a text is longer.
    /// </summary>
    private ref struct Canon
    {
        public const int OnStack = 256;
        private Span<char> _chars;
        private char[]? _rented;
        private int _length;

        public Canon(Span<char> buffer)
        {
            _chars = buffer;
            _rented = null;
            _length = 0;
        }

        public readonly ReadOnlySpan<char> Written => _chars[.._length];

        public void Dispose()
        {
            if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
            _rented = null;
        }

        /// <summary>The leading tag, written as is.</summary>
        public void Tag(string tag) => Raw(tag);

        public void Add(string? s)
        {
            Raw('|');
            if (s is null) { Raw("\\0"); return; }
            Room(2 * s.Length);
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '|': _chars[_length++] = '\\'; _chars[_length++] = 'p'; break;
                    case '\\': _chars[_length++] = '\\'; _chars[_length++] = '\\'; break;
                    default: _chars[_length++] = ch; break;
                }
            }
        }

        /// <summary>Appends a canonical text made by another <see cref="Canon"/>, as one block.</summary>
        public void Block(string canonical)
        {
            Raw('|');
            Raw(canonical);
        }

        public void Add(Option<string> s) => Add(s.Case as string);

        public void Add(Period p)
        {
            Raw('|');
            var room = Room(7);
            Digits(room[..4], p.Year);
            room[4] = '-';
            Digits(room[5..7], p.Month);
            _length += 7;
        }

        public void Add(DateOnly d)
        {
            Raw('|');
            var room = Room(10);
            Digits(room[..4], d.Year);
            room[4] = '-';
            Digits(room[5..7], d.Month);
            room[7] = '-';
            Digits(room[8..10], d.Day);
            _length += 10;
        }

        /// <summary>
        /// As <c>Amount.ToString("0.00", InvariantCulture)</c> ("-1234.50", "0.00" for a zero of
        /// either sign): written from the grosze where the amount has at most two decimals and
        /// fewer than 17 digits (read from the decimal's integer and scale), else by that call.
        /// </summary>
        public void Add(Money m)
        {
            Raw('|');
            var a = m.Amount;
            var four = default(FourInts);
            Span<int> bits = four;
            decimal.GetBits(a, bits);
            var scale = (bits[3] >> 16) & 0xFF;
            var digits = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
            if (bits[2] == 0 && scale <= 2 && digits < MaxExact)
            {
                var grosze = (long)(scale == 2 ? digits : scale == 1 ? digits * 10 : digits * 100);
                if (bits[3] < 0 && grosze != 0) Raw('-');
                var room = Room(MaxWholeDigits + 3);
                (grosze / 100).TryFormat(room, out var wholeDigits, default, CultureInfo.InvariantCulture);
                var cents = (int)(grosze % 100);
                room[wholeDigits] = '.';
                room[wholeDigits + 1] = (char)('0' + cents / 10);
                room[wholeDigits + 2] = (char)('0' + cents % 10);
                _length += wholeDigits + 3;
                return;
            }
            var wide = Room(64);
            if (!a.TryFormat(wide, out var written, "0.00", CultureInfo.InvariantCulture))
                throw new InvalidOperationException("an amount longer than 64 characters");
            _length += written;
        }

        /// <summary>The four parts of a decimal, without a buffer on the stack to clear and guard.</summary>
        [System.Runtime.CompilerServices.InlineArray(4)]
        private struct FourInts
        {
            private int _first;
        }

        /// <summary>Integers of a decimal below this have their grosze in a long.</summary>
        private const ulong MaxExact = 10_000_000_000_000_000;

        /// <summary>Digits of the whole złoty of an amount below <see cref="MaxExact"/> grosze.</summary>
        private const int MaxWholeDigits = 15;

        /// <summary>Fills <paramref name="into"/> with the last digits of <paramref name="v"/>, zero-padded.</summary>
        private static void Digits(Span<char> into, long v)
        {
            for (var i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (char)('0' + v % 10);
                v /= 10;
            }
        }

        private void Raw(char ch)
        {
            Room(1);
            _chars[_length++] = ch;
        }

        private void Raw(string s)
        {
            s.AsSpan().CopyTo(Room(s.Length));
            _length += s.Length;
        }

        /// <summary>The free part of the buffer, at least <paramref name="n"/> long.</summary>
        private Span<char> Room(int n)
        {
            if (_length + n > _chars.Length)
            {
                var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + n));
                _chars[.._length].CopyTo(bigger);
                if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
                _chars = _rented = bigger;
            }
            return _chars[_length..];
        }
    }
}
