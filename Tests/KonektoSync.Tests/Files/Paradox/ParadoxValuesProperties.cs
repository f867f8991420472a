using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using KonektoSync.Extract.Engines.Paradox;

namespace KonektoSync.Tests.Files.Paradox;

/// <summary>Numbers encoded the way Paradox stores them decode to the same numbers.</summary>
public class ParadoxValuesProperties
{
    [Property]
    public bool A_short_with_its_sign_bit_flipped_decodes_to_itself(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        bytes[0] ^= 0x80;

        return ParadoxValues.Int16(bytes) == value;
    }

    [Property]
    public bool A_long_with_its_sign_bit_flipped_decodes_to_itself(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        bytes[0] ^= 0x80;

        return ParadoxValues.Int32(bytes) == value;
    }

    [Property]
    public Property A_number_stored_positive_flipped_or_negative_inverted_decodes_to_itself() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NormalFloat>(), normal =>
        {
            double value = normal.Get;
            var bytes = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
            if (value >= 0) bytes[0] |= 0x80;
            else for (int i = 0; i < 8; i++) bytes[i] = (byte)~bytes[i];

            return ParadoxValues.Double(bytes).Equals(value);
        });

    [Property]
    public Property A_day_number_decodes_to_the_date_that_many_days_after_year_1() =>
        Prop.ForAll(Gen.Choose(1, DateOnly.MaxValue.DayNumber + 1).ToArbitrary(), days =>
        {
            ParadoxValues.TryDate(days, out var value, out _);

            return value is DateOnly date && date.DayNumber == days - 1;
        });
}
