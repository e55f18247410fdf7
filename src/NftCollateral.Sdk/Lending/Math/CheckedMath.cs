using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>Solidity 0.8 checked-arithmetic helpers and argument checks shared by the lending math (internal).</summary>
internal static class CheckedMath
{
    /// <summary>2^40 − 1, the largest <c>uint40</c> (the width of a reserve's <c>lastUpdateTimestamp</c>).</summary>
    internal static readonly BigInteger UInt40MaxValue = (BigInteger.One << 40) - 1;

    /// <summary>Throws unless <paramref name="value"/> fits a Solidity <c>uint40</c>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The argument name.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 2^40 − 1.</exception>
    internal static BigInteger RequireUInt40(BigInteger value, string paramName) =>
        value.Sign >= 0 && value <= UInt40MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, "Must be a uint40 timestamp (0 to 2^40 - 1).");

    /// <summary>A left-to-right product with a Solidity 0.8 overflow check after each step (<c>a * b * c</c>).</summary>
    /// <param name="function">The protocol function, for the error.</param>
    /// <param name="factors">The uint256 factors, at least one.</param>
    /// <returns>The product.</returns>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when a partial product overflows.</exception>
    internal static BigInteger Product(string function, params ReadOnlySpan<BigInteger> factors)
    {
        BigInteger product = factors[0];
        for (int i = 1; i < factors.Length; i++)
        {
            product = UInt256.Checked(product * factors[i], function);
        }

        return product;
    }

    /// <summary>Solidity 0.8 checked <c>10**exponent</c> on uint256.</summary>
    /// <param name="exponent">The exponent (uint256).</param>
    /// <param name="function">The protocol function, for the error.</param>
    /// <returns>10^exponent.</returns>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when 10^exponent exceeds 2^256 − 1 (exponent ≥ 78).</exception>
    internal static BigInteger Pow10(BigInteger exponent, string function) =>
        exponent <= 77 ? BigInteger.Pow(10, (int)exponent) : throw ProtocolRevertException.Overflow(function);

    /// <summary>
    /// <c>MathUtils.calculateLinearInterest</c> as BendDAO v1 and Aave v3 both compute it (solc 0.8 checked):
    /// RAY + ⌊rate · elapsed / SECONDS_PER_YEAR⌋, in ray.
    /// </summary>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when rate · elapsed or the sum overflows.</exception>
    internal static BigInteger LinearInterestFactor(BigInteger rate, BigInteger elapsedSeconds, string function) =>
        UInt256.Checked((UInt256.Checked(rate * elapsedSeconds, function) / (365 * 24 * 60 * 60)) + Ray, function);

    private static readonly BigInteger Ray = BigInteger.Pow(10, 27);
}
