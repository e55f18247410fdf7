using System.Globalization;
using System.Numerics;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>Exact conversion of raw integer token amounts (wei strings) to decimal units.</summary>
internal static class Wei
{
    private static readonly BigInteger MaxDecimalMantissa = new(decimal.MaxValue);

    /// <summary>Converts <paramref name="raw"/> base units with <paramref name="decimals"/> decimals to an exact decimal.</summary>
    /// <returns><see langword="false"/> when the text is not a non-negative integer, the scale is outside [0, 28], or the amount does not fit a decimal.</returns>
    public static bool TryToDecimal(string? raw, int decimals, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(raw) || decimals < 0 || decimals > 28
            || !BigInteger.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out BigInteger units)
            || units > MaxDecimalMantissa)
        {
            return false;
        }

        decimal mantissa = (decimal)units;
        int[] bits = decimal.GetBits(mantissa);
        value = new decimal(bits[0], bits[1], bits[2], isNegative: false, scale: (byte)decimals);
        return true;
    }
}
