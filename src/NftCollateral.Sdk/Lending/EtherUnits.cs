using System.Globalization;
using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>Exact conversions between decimal ether text and wei (10^18 wei = 1 ether), with no floating point.</summary>
/// <remarks>All members are thread-safe.</remarks>
public static class EtherUnits
{
    /// <summary>Wei per ether, 10^18.</summary>
    public static readonly BigInteger WeiPerEther = BigInteger.Pow(10, 18);

    /// <summary>Parses a non-negative decimal amount of ether (e.g. <c>"4"</c>, <c>"0.25"</c>, <c>"1e-18"</c> is not accepted) into wei.</summary>
    /// <param name="ether">Digits with at most one decimal point and at most 18 decimals.</param>
    /// <param name="wei">The amount in wei.</param>
    /// <returns><see langword="true"/> when the text is a valid amount.</returns>
    public static bool TryParseEther(string? ether, out BigInteger wei)
    {
        wei = BigInteger.Zero;
        string text = ether?.Trim() ?? string.Empty;
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || fraction.Length > 18
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        BigInteger units = whole.Length == 0 ? BigInteger.Zero : BigInteger.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        BigInteger fractional = fraction.Length == 0 ? BigInteger.Zero : BigInteger.Parse(fraction.PadRight(18, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        wei = (units * WeiPerEther) + fractional;
        return true;
    }

    /// <summary>Parses a decimal amount of ether into wei.</summary>
    /// <param name="ether">Digits with at most one decimal point and at most 18 decimals.</param>
    /// <returns>The amount in wei.</returns>
    /// <exception cref="FormatException">The text is not a non-negative decimal with at most 18 decimals.</exception>
    public static BigInteger ParseEther(string ether) =>
        TryParseEther(ether, out BigInteger wei)
            ? wei
            : throw new FormatException($"'{ether}' is not an amount of ether (digits, at most 18 decimals).");

    /// <summary>Formats wei as exact decimal ether, without trailing zeros (e.g. 1500000000000000000 → <c>"1.5"</c>).</summary>
    /// <param name="wei">The amount in wei (may be negative).</param>
    /// <returns>The decimal text.</returns>
    public static string FormatEther(BigInteger wei)
    {
        BigInteger whole = BigInteger.DivRem(BigInteger.Abs(wei), WeiPerEther, out BigInteger remainder);
        string sign = wei.Sign < 0 ? "-" : string.Empty;
        string fraction = remainder.IsZero ? string.Empty : "." + remainder.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return sign + whole.ToString(CultureInfo.InvariantCulture) + fraction;
    }
}
