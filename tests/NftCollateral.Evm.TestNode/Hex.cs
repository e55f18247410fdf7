using System.Globalization;
using System.Numerics;

namespace NftCollateral.Evm.TestNode;

/// <summary>Hex quantity helpers for JSON-RPC.</summary>
internal static class Hex
{
    public static long ToLong(string quantity) =>
        long.Parse(Strip(quantity), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static string Quantity(long value) =>
        value >= 0 ? "0x" + value.ToString("x", CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(value));

    public static string Quantity(BigInteger value) =>
        value.Sign >= 0
            ? "0x" + (value.IsZero ? "0" : Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0'))
            : throw new ArgumentOutOfRangeException(nameof(value));

    public static string Strip(string hex) =>
        hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
}
