using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Lending;

namespace NftCollateral.Sdk.Tests.Lending;

/// <summary>
/// Independent re-statements of shared/specs/lending.md §1 for the property tests, written from the mathematical
/// definitions rather than the contracts' expressions: "round half up" as ⌊(2x + d) / (2d)⌋, and "reverts" as "the
/// exact intermediate does not fit a uint256". Plus uint256 generators that reach every magnitude and the edges.
/// </summary>
internal static class FixedPointReference
{
    public static readonly BigInteger Max = BigInteger.Pow(2, 256) - 1;
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    public static readonly BigInteger Ray = BigInteger.Pow(10, 27);
    public static readonly BigInteger Gwei = BigInteger.Pow(10, 9);
    public const int Bps = 10_000;

    public const string NoData = "revert (no data)";
    public const string Panic11 = "Panic(0x11)";
    public const string Panic12 = "Panic(0x12)";

    /// <summary>x / d rounded to the nearest integer, ties up.</summary>
    public static BigInteger RoundHalfUp(BigInteger x, BigInteger d) => ((2 * x) + d) / (2 * d);

    /// <summary>
    /// a × b in a fixed-point unit (wad, ray or bps): the nearest integer, ties up; <see langword="null"/> when the
    /// contract's intermediate a·b + unit/2 exceeds 2^256 − 1.
    /// </summary>
    public static BigInteger? Mul(BigInteger a, BigInteger b, BigInteger unit) =>
        (a * b) + (unit / 2) > Max ? null : RoundHalfUp(a * b, unit);

    /// <summary>
    /// a ÷ b in a fixed-point unit: the nearest integer, ties up; <see langword="null"/> when b is 0 or the intermediate
    /// a·unit + ⌊b/2⌋ exceeds 2^256 − 1.
    /// </summary>
    public static BigInteger? Div(BigInteger a, BigInteger b, BigInteger unit) =>
        b.IsZero || (a * unit) + (b / 2) > Max ? null : RoundHalfUp(a * unit, b);

    /// <summary>Runs <paramref name="f"/>; returns its value or the protocol revert reason.</summary>
    public static (BigInteger? Value, string? Revert) Outcome(Func<BigInteger> f)
    {
        try
        {
            return (f(), null);
        }
        catch (ProtocolRevertException ex)
        {
            return (null, ex.RevertReason);
        }
    }

    /// <summary>
    /// Any uint256, with every bit length equally likely (so both sides of every overflow bound are hit), plus the edge
    /// values 0, 1, 2, MAX, MAX − 1 and the fixed-point units.
    /// </summary>
    public static Gen<BigInteger> UInt256Gen { get; } = Gen.Frequency(
        (8, from bits in Gen.Choose(0, 256)
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255), 33)
            select Truncate(bytes, bits)),
        (1, Gen.Elements(
            BigInteger.Zero, BigInteger.One, new BigInteger(2), Max, Max - 1, Wad, Wad / 2, Ray, Ray / 2, Gwei,
            Gwei / 2, new BigInteger(Bps), new BigInteger(Bps / 2), new BigInteger(5000), new BigInteger(9000))));

    /// <summary>A value below 2^<paramref name="maxBits"/>, bit lengths equally likely.</summary>
    public static Gen<BigInteger> BelowBits(int maxBits) =>
        from bits in Gen.Choose(0, maxBits)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255), 33)
        select Truncate(bytes, bits);

    public static Gen<(BigInteger A, BigInteger B)> PairGen { get; } =
        from a in UInt256Gen
        from b in UInt256Gen
        select (a, b);

    private static BigInteger Truncate(int[] bytes, int bits)
    {
        var raw = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            raw[i] = (byte)bytes[i];
        }

        var value = new BigInteger(raw, isUnsigned: true);
        return value & ((BigInteger.One << bits) - 1);
    }
}
