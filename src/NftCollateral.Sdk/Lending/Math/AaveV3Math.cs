using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>
/// Aave v3's assembly <c>WadRayMath</c> and <c>PercentageMath</c> libraries (<c>aave/aave-v3-core @ 782f5191 :
/// contracts/protocol/libraries/math/{WadRayMath,PercentageMath}.sol</c>, solc 0.8.10), also used by BendDAO v2,
/// reproduced bit for bit: half-up rounding, the overflow guards that <c>revert(0, 0)</c> with empty data, and the
/// non-reverting <c>rayToWad</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every operand is a uint256 (0 to 2^256 − 1). A wad has 18 decimals, a ray 27, a percentage is in basis points
/// (10 000 = 100 %). The results equal BendDAO v1's (<see cref="BendDaoV1Math"/>) wherever both return; the reverts carry
/// no data (<see cref="RevertKind.Empty"/>, reported as <c>revert (no data)</c>), and <see cref="RayToWad"/> never reverts.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class AaveV3Math
{
    /// <summary><c>PercentageMath.PERCENTAGE_FACTOR</c>: 10 000 basis points = 100 %.</summary>
    public const int PercentageFactor = 10_000;

    /// <summary><c>PercentageMath.HALF_PERCENTAGE_FACTOR</c>: 5 000 basis points, the half-up rounding term.</summary>
    public const int HalfPercentageFactor = PercentageFactor / 2;

    /// <summary>One wad, 1e18 (1.0 with 18 decimals).</summary>
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    /// <summary>Half a wad, 5e17.</summary>
    public static readonly BigInteger HalfWad = Wad / 2;

    /// <summary>One ray, 1e27 (1.0 with 27 decimals).</summary>
    public static readonly BigInteger Ray = BigInteger.Pow(10, 27);

    /// <summary>Half a ray, 5e26.</summary>
    public static readonly BigInteger HalfRay = Ray / 2;

    /// <summary>The wad-to-ray ratio, 1e9.</summary>
    public static readonly BigInteger WadRayRatio = BigInteger.Pow(10, 9);

    private const string Library = "Aave v3 ";

    /// <summary><c>WadRayMath.wadMul</c>: ⌊(a·b + WAD/2) / WAD⌋.</summary>
    /// <param name="a">A wad (uint256).</param>
    /// <param name="b">A wad (uint256).</param>
    /// <returns>The product, in wad, rounded half up (0 when either operand is 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when b ≠ 0 and a &gt; ⌊(2^256 − 1 − WAD/2) / b⌋.
    /// </exception>
    public static BigInteger WadMul(BigInteger a, BigInteger b) =>
        Mul(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Wad, HalfWad, Library + "WadRayMath.wadMul");

    /// <summary><c>WadRayMath.wadDiv</c>: ⌊(a·WAD + ⌊b/2⌋) / b⌋.</summary>
    /// <param name="a">The dividend, a wad (uint256).</param>
    /// <param name="b">The divisor, a wad (uint256).</param>
    /// <returns>The quotient, in wad, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when b is 0 or a &gt; ⌊(2^256 − 1 − ⌊b/2⌋) / WAD⌋.
    /// </exception>
    public static BigInteger WadDiv(BigInteger a, BigInteger b) =>
        Div(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Wad, Library + "WadRayMath.wadDiv");

    /// <summary><c>WadRayMath.rayMul</c>: ⌊(a·b + RAY/2) / RAY⌋.</summary>
    /// <param name="a">A ray (uint256).</param>
    /// <param name="b">A ray (uint256).</param>
    /// <returns>The product, in ray, rounded half up (0 when either operand is 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when b ≠ 0 and a &gt; ⌊(2^256 − 1 − RAY/2) / b⌋.
    /// </exception>
    public static BigInteger RayMul(BigInteger a, BigInteger b) =>
        Mul(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Ray, HalfRay, Library + "WadRayMath.rayMul");

    /// <summary><c>WadRayMath.rayDiv</c>: ⌊(a·RAY + ⌊b/2⌋) / b⌋.</summary>
    /// <param name="a">The dividend, a ray (uint256).</param>
    /// <param name="b">The divisor, a ray (uint256).</param>
    /// <returns>The quotient, in ray, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when b is 0 or a &gt; ⌊(2^256 − 1 − ⌊b/2⌋) / RAY⌋.
    /// </exception>
    public static BigInteger RayDiv(BigInteger a, BigInteger b) =>
        Div(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Ray, Library + "WadRayMath.rayDiv");

    /// <summary>
    /// <c>WadRayMath.rayToWad</c>: q = ⌊a / 1e9⌋, plus 1 when a mod 1e9 ≥ 5e8. Never reverts, unlike BendDAO v1's
    /// checked-add version (<see cref="BendDaoV1Math.RayToWad"/>), which panics for a &gt; 2^256 − 1 − 5e8.
    /// </summary>
    /// <param name="a">A ray (uint256).</param>
    /// <returns>The value in wad, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is not a uint256.</exception>
    public static BigInteger RayToWad(BigInteger a)
    {
        UInt256.Require(a, nameof(a));
        BigInteger quotient = BigInteger.DivRem(a, WadRayRatio, out BigInteger remainder);
        return remainder < WadRayRatio / 2 ? quotient : quotient + 1;
    }

    /// <summary><c>WadRayMath.wadToRay</c>: a·1e9.</summary>
    /// <param name="a">A wad (uint256).</param>
    /// <returns>The value in ray.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">Empty revert when a·1e9 exceeds 2^256 − 1.</exception>
    public static BigInteger WadToRay(BigInteger a)
    {
        BigInteger b = UInt256.Require(a, nameof(a)) * WadRayRatio;
        return UInt256.IsValid(b) ? b : throw Revert(Library + "WadRayMath.wadToRay");
    }

    /// <summary><c>PercentageMath.percentMul</c>: ⌊(value·percentage + 5000) / 10000⌋.</summary>
    /// <param name="value">The value (uint256, any unit).</param>
    /// <param name="percentage">The percentage in basis points (uint256; 10 000 = 100 %).</param>
    /// <returns>The share of <paramref name="value"/>, in its unit, rounded half up (0 when either operand is 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when percentage ≠ 0 and value &gt; ⌊(2^256 − 1 − 5000) / percentage⌋.
    /// </exception>
    public static BigInteger PercentMul(BigInteger value, BigInteger percentage) =>
        Mul(
            UInt256.Require(value, nameof(value)),
            UInt256.Require(percentage, nameof(percentage)),
            PercentageFactor,
            HalfPercentageFactor,
            Library + "PercentageMath.percentMul");

    /// <summary><c>PercentageMath.percentDiv</c>: ⌊(value·10000 + ⌊percentage/2⌋) / percentage⌋.</summary>
    /// <param name="value">The value (uint256, any unit).</param>
    /// <param name="percentage">The percentage in basis points (uint256; 10 000 = 100 %).</param>
    /// <returns><paramref name="value"/> divided by the percentage, in its unit, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// Empty revert when percentage is 0 or value &gt; ⌊(2^256 − 1 − ⌊percentage/2⌋) / 10000⌋.
    /// </exception>
    public static BigInteger PercentDiv(BigInteger value, BigInteger percentage) =>
        Div(
            UInt256.Require(value, nameof(value)),
            UInt256.Require(percentage, nameof(percentage)),
            PercentageFactor,
            Library + "PercentageMath.percentDiv");

    internal static ProtocolRevertException Revert(string function) => new(function, RevertKind.Empty);

    // if iszero(or(iszero(b), iszero(gt(a, div(sub(not(0), half), b))))) { revert(0, 0) }  c := div(add(mul(a, b), half), unit)
    private static BigInteger Mul(BigInteger a, BigInteger b, BigInteger unit, BigInteger half, string function)
    {
        if (!b.IsZero && a > (UInt256.MaxValue - half) / b)
        {
            throw Revert(function);
        }

        return ((a * b) + half) / unit;
    }

    // if or(iszero(b), iszero(iszero(gt(a, div(sub(not(0), div(b, 2)), unit))))) { revert(0, 0) }  c := div(add(mul(a, unit), div(b, 2)), b)
    private static BigInteger Div(BigInteger a, BigInteger b, BigInteger unit, string function)
    {
        if (b.IsZero || a > (UInt256.MaxValue - (b / 2)) / unit)
        {
            throw Revert(function);
        }

        return ((a * unit) + (b / 2)) / b;
    }
}
