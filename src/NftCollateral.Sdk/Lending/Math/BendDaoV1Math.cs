using System.Numerics;

// The fixed-point primitives live in the Lending namespace (beside UInt256) rather than in a "Lending.Math" namespace:
// a namespace named Math would shadow System.Math for every type under NftCollateral.Sdk.Lending.
namespace NftCollateral.Sdk.Lending;

/// <summary>
/// BendDAO v1's <c>WadRayMath</c> and <c>PercentageMath</c> libraries (<c>BendDAO/bend-lending-protocol @ 81c90c06 :
/// contracts/libraries/math/{WadRayMath,PercentageMath}.sol</c>, solc 0.8.4), reproduced bit for bit: half-up rounding,
/// the <c>require</c> overflow guards with the string codes of <c>Errors.sol</c>, and the checked-add <c>rayToWad</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every operand is a uint256 (0 to 2^256 − 1). A wad has 18 decimals (1e18 = 1.0), a ray 27 (1e27 = 1.0), a percentage
/// is in basis points (10 000 = 100 %). Where the contract reverts, the method throws <see cref="ProtocolRevertException"/>
/// with the same reason: <c>"200"</c> (<see cref="MathMultiplicationOverflow"/>), <c>"202"</c>
/// (<see cref="MathDivisionByZero"/>) or <c>Panic(0x11)</c> for a Solidity 0.8 checked overflow. Results are never clamped.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class BendDaoV1Math
{
    /// <summary>BendDAO v1 <c>Errors.MATH_MULTIPLICATION_OVERFLOW</c>: the revert reason of an overflowing mul or div.</summary>
    public const string MathMultiplicationOverflow = "200";

    /// <summary>
    /// BendDAO v1 <c>Errors.MATH_ADDITION_OVERFLOW</c>. Unreachable in practice: <c>rayToWad</c>'s checked 0.8 addition
    /// panics (<c>Panic(0x11)</c>) before its <c>require</c> is evaluated.
    /// </summary>
    public const string MathAdditionOverflow = "201";

    /// <summary>BendDAO v1 <c>Errors.MATH_DIVISION_BY_ZERO</c>: the revert reason of a division by zero.</summary>
    public const string MathDivisionByZero = "202";

    /// <summary><c>PercentageMath.PERCENTAGE_FACTOR</c>: 10 000 basis points = 100 %.</summary>
    public const int PercentageFactor = 10_000;

    /// <summary><c>PercentageMath.HALF_PERCENT</c>: 5 000 basis points, the half-up rounding term.</summary>
    public const int HalfPercent = PercentageFactor / 2;

    /// <summary><c>PercentageMath.ONE_PERCENT</c>: 100 basis points (the minimum bid increment of an auction).</summary>
    public const int OnePercent = 100;

    /// <summary><c>PercentageMath.TEN_PERCENT</c>: 1 000 basis points.</summary>
    public const int TenPercent = 1_000;

    /// <summary>One wad, 1e18 (1.0 with 18 decimals).</summary>
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    /// <summary>Half a wad, 5e17, the half-up rounding term of the wad operations.</summary>
    public static readonly BigInteger HalfWad = Wad / 2;

    /// <summary>One ray, 1e27 (1.0 with 27 decimals).</summary>
    public static readonly BigInteger Ray = BigInteger.Pow(10, 27);

    /// <summary>Half a ray, 5e26, the half-up rounding term of the ray operations.</summary>
    public static readonly BigInteger HalfRay = Ray / 2;

    /// <summary>The wad-to-ray ratio, 1e9.</summary>
    public static readonly BigInteger WadRayRatio = BigInteger.Pow(10, 9);

    private const string Library = "BendDAO v1 ";

    /// <summary>
    /// <c>WadRayMath.wadMul</c>: ⌊(a·b + WAD/2) / WAD⌋, 0 when either operand is 0.
    /// </summary>
    /// <param name="a">A wad (uint256).</param>
    /// <param name="b">A wad (uint256).</param>
    /// <returns>The product, in wad, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when a &gt; ⌊(2^256 − 1 − WAD/2) / b⌋.</exception>
    public static BigInteger WadMul(BigInteger a, BigInteger b) =>
        Mul(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Wad, HalfWad, Library + "WadRayMath.wadMul");

    /// <summary><c>WadRayMath.wadDiv</c>: ⌊(a·WAD + ⌊b/2⌋) / b⌋.</summary>
    /// <param name="a">The dividend, a wad (uint256).</param>
    /// <param name="b">The divisor, a wad (uint256).</param>
    /// <returns>The quotient, in wad, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>"202"</c> when b is 0; <c>"200"</c> when a &gt; ⌊(2^256 − 1 − ⌊b/2⌋) / WAD⌋.
    /// </exception>
    public static BigInteger WadDiv(BigInteger a, BigInteger b) =>
        Div(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Wad, Library + "WadRayMath.wadDiv");

    /// <summary><c>WadRayMath.rayMul</c>: ⌊(a·b + RAY/2) / RAY⌋, 0 when either operand is 0.</summary>
    /// <param name="a">A ray (uint256).</param>
    /// <param name="b">A ray (uint256).</param>
    /// <returns>The product, in ray, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>"200"</c> when a &gt; ⌊(2^256 − 1 − RAY/2) / b⌋.</exception>
    public static BigInteger RayMul(BigInteger a, BigInteger b) =>
        Mul(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Ray, HalfRay, Library + "WadRayMath.rayMul");

    /// <summary><c>WadRayMath.rayDiv</c>: ⌊(a·RAY + ⌊b/2⌋) / b⌋.</summary>
    /// <param name="a">The dividend, a ray (uint256).</param>
    /// <param name="b">The divisor, a ray (uint256).</param>
    /// <returns>The quotient, in ray, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>"202"</c> when b is 0; <c>"200"</c> when a &gt; ⌊(2^256 − 1 − ⌊b/2⌋) / RAY⌋.
    /// </exception>
    public static BigInteger RayDiv(BigInteger a, BigInteger b) =>
        Div(UInt256.Require(a, nameof(a)), UInt256.Require(b, nameof(b)), Ray, Library + "WadRayMath.rayDiv");

    /// <summary>
    /// <c>WadRayMath.rayToWad</c>: ⌊(5e8 + a) / 1e9⌋ with a checked addition. Unlike Aave v3's version
    /// (<see cref="AaveV3Math.RayToWad"/>) it reverts near the top of the range.
    /// </summary>
    /// <param name="a">A ray (uint256).</param>
    /// <returns>The value in wad, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a &gt; 2^256 − 1 − 5e8.</exception>
    public static BigInteger RayToWad(BigInteger a)
    {
        UInt256.Require(a, nameof(a));
        BigInteger halfRatio = WadRayRatio / 2;
        BigInteger result = UInt256.Checked(halfRatio + a, Library + "WadRayMath.rayToWad");
        return result / WadRayRatio;
    }

    /// <summary><c>WadRayMath.wadToRay</c>: a·1e9 (checked).</summary>
    /// <param name="a">A wad (uint256).</param>
    /// <returns>The value in ray.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a·1e9 exceeds 2^256 − 1.</exception>
    public static BigInteger WadToRay(BigInteger a) =>
        UInt256.Checked(UInt256.Require(a, nameof(a)) * WadRayRatio, Library + "WadRayMath.wadToRay");

    /// <summary><c>PercentageMath.percentMul</c>: ⌊(value·percentage + 5000) / 10000⌋, 0 when either operand is 0.</summary>
    /// <param name="value">The value (uint256, any unit).</param>
    /// <param name="percentage">The percentage in basis points (uint256; 10 000 = 100 %).</param>
    /// <returns>The share of <paramref name="value"/>, in its unit, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>"200"</c> when value &gt; ⌊(2^256 − 1 − 5000) / percentage⌋.
    /// </exception>
    public static BigInteger PercentMul(BigInteger value, BigInteger percentage) =>
        Mul(
            UInt256.Require(value, nameof(value)),
            UInt256.Require(percentage, nameof(percentage)),
            PercentageFactor,
            HalfPercent,
            Library + "PercentageMath.percentMul");

    /// <summary><c>PercentageMath.percentDiv</c>: ⌊(value·10000 + ⌊percentage/2⌋) / percentage⌋.</summary>
    /// <param name="value">The value (uint256, any unit).</param>
    /// <param name="percentage">The percentage in basis points (uint256; 10 000 = 100 %).</param>
    /// <returns><paramref name="value"/> divided by the percentage, in its unit, rounded half up.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An operand is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>"202"</c> when percentage is 0; <c>"200"</c> when value &gt; ⌊(2^256 − 1 − ⌊percentage/2⌋) / 10000⌋.
    /// </exception>
    public static BigInteger PercentDiv(BigInteger value, BigInteger percentage) =>
        Div(
            UInt256.Require(value, nameof(value)),
            UInt256.Require(percentage, nameof(percentage)),
            PercentageFactor,
            Library + "PercentageMath.percentDiv");

    // if (a == 0 || b == 0) return 0; require(a <= (MAX - half) / b, "200"); return (a * b + half) / unit;
    private static BigInteger Mul(BigInteger a, BigInteger b, BigInteger unit, BigInteger half, string function)
    {
        if (a.IsZero || b.IsZero)
        {
            return BigInteger.Zero;
        }

        if (a > (UInt256.MaxValue - half) / b)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, MathMultiplicationOverflow);
        }

        return ((a * b) + half) / unit;
    }

    // require(b != 0, "202"); halfB = b / 2; require(a <= (MAX - halfB) / unit, "200"); return (a * unit + halfB) / b;
    private static BigInteger Div(BigInteger a, BigInteger b, BigInteger unit, string function)
    {
        if (b.IsZero)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, MathDivisionByZero);
        }

        BigInteger halfB = b / 2;
        if (a > (UInt256.MaxValue - halfB) / unit)
        {
            throw new ProtocolRevertException(function, RevertKind.Error, MathMultiplicationOverflow);
        }

        return ((a * unit) + halfB) / b;
    }
}
