using System.Numerics;

namespace NftCollateral.Sdk.Lending.JpegD;

/// <summary>
/// A JPEG'd rate: an unreduced fraction <c>RateLib.Rate{uint128 numerator; uint128 denominator}</c>
/// (<c>jpegd/core @ 6715d0c5 : contracts/utils/RateLib.sol</c>), with <c>calculate</c>, <c>sum</c> and <c>greaterThan</c>
/// reproduced bit for bit (solc 0.8.4 checked arithmetic).
/// </summary>
/// <remarks>
/// <para>
/// Fractions are never reduced: <see cref="Sum"/> of 32/100 and 5/100 is 3700/10000, as on-chain. Equality
/// (<c>==</c>, <see cref="Equals(Rate)"/>) compares the two fields like the Solidity struct, so 1/3 and 2/6 are not equal;
/// use <see cref="GreaterThan"/> to compare values. The default value is 0/0, whose <see cref="Calculate"/> reverts.
/// </para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public readonly record struct Rate
{
    /// <summary>2^128 − 1, <c>type(uint128).max</c>.</summary>
    public static readonly BigInteger UInt128MaxValue = (BigInteger.One << 128) - 1;

    private const string CalculateFunction = "JPEG'd RateLib.calculate";
    private const string SumFunction = "JPEG'd RateLib.sum";
    private const string GreaterThanFunction = "JPEG'd RateLib.greaterThan";

    /// <summary>Initializes a new instance of the <see cref="Rate"/> struct.</summary>
    /// <param name="numerator">The numerator (uint128).</param>
    /// <param name="denominator">The denominator (uint128); 0 is representable, as on-chain, but cannot be applied.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint128.</exception>
    public Rate(BigInteger numerator, BigInteger denominator)
    {
        Numerator = RequireUInt128(numerator, nameof(numerator));
        Denominator = RequireUInt128(denominator, nameof(denominator));
    }

    /// <summary>Gets the numerator (uint128).</summary>
    public BigInteger Numerator { get; }

    /// <summary>Gets the denominator (uint128).</summary>
    public BigInteger Denominator { get; }

    /// <summary>
    /// The sum of two rates, <c>RateLib.sum</c>: <c>(n1 · d2 + d1 · n2) / (d1 · d2)</c>, unreduced, computed in uint128.
    /// </summary>
    /// <param name="first">The first rate.</param>
    /// <param name="second">The second rate.</param>
    /// <returns>The unreduced sum.</returns>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when a product or the numerator's sum exceeds uint128 (the struct fields are uint128, so the
    /// arithmetic is uint128 too).
    /// </exception>
    public static Rate Sum(Rate first, Rate second)
    {
        BigInteger numerator = CheckedUInt128(
            CheckedUInt128(first.Numerator * second.Denominator, SumFunction) + CheckedUInt128(first.Denominator * second.Numerator, SumFunction),
            SumFunction);
        BigInteger denominator = CheckedUInt128(first.Denominator * second.Denominator, SumFunction);
        return new Rate(numerator, denominator);
    }

    /// <summary>Applies the rate to an amount, <c>RateLib.calculate</c>: <c>⌊amount · numerator / denominator⌋</c>.</summary>
    /// <param name="amount">The amount (uint256), e.g. an NFT value in wei.</param>
    /// <returns>The scaled amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <c>amount · numerator</c> overflows uint256; <c>Panic(0x12)</c> when the denominator is 0.
    /// </exception>
    public BigInteger Calculate(BigInteger amount)
    {
        UInt256.Require(amount, nameof(amount));
        return UInt256.Divide(UInt256.Checked(amount * Numerator, CalculateFunction), Denominator, CalculateFunction);
    }

    /// <summary>Whether this rate is strictly greater than another, <c>RateLib.greaterThan</c>: <c>n1 · d2 &gt; n2 · d1</c> in uint128.</summary>
    /// <param name="other">The rate to compare with.</param>
    /// <returns><see langword="true"/> when this rate's value is strictly greater (equal values give <see langword="false"/>).</returns>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a cross product exceeds uint128.</exception>
    public bool GreaterThan(Rate other)
    {
        BigInteger right = CheckedUInt128(other.Numerator * Denominator, GreaterThanFunction);
        BigInteger left = CheckedUInt128(Numerator * other.Denominator, GreaterThanFunction);
        return left > right;
    }

    private static BigInteger RequireUInt128(BigInteger value, string paramName) =>
        value.Sign >= 0 && value <= UInt128MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, "Must be a uint128 (0 to 2^128 - 1).");

    private static BigInteger CheckedUInt128(BigInteger value, string function) =>
        value <= UInt128MaxValue ? value : throw ProtocolRevertException.Overflow(function);
}
