using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>
/// Aave v3's <c>MathUtils</c> (<c>aave/aave-v3-core @ 782f5191 : contracts/protocol/libraries/math/MathUtils.sol</c>,
/// solc 0.8.10): the linear liquidity index and the three-term binomial borrow index, bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Rates are annual, in ray (1e27 = 100 % a year); timestamps are Unix seconds; results are index factors in ray.
/// Unlike BendDAO v1 (<see cref="BendDaoV1MathUtils.CalculateCompoundedInterest"/>), the compounded form squares the
/// annual rate first and divides by SECONDS_PER_YEAR² afterwards, so the two disagree in the last digits.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class AaveV3MathUtils
{
    /// <summary><c>SECONDS_PER_YEAR</c>: 365 days = 31 536 000 seconds.</summary>
    public const int SecondsPerYear = 365 * 24 * 60 * 60;

    private const string Library = "Aave v3 MathUtils.";

    /// <summary>
    /// <c>MathUtils.calculateLinearInterest</c>: RAY + ⌊rate·(currentTimestamp − lastUpdateTimestamp) / SECONDS_PER_YEAR⌋
    /// (the contract reads <c>block.timestamp</c> as <paramref name="currentTimestamp"/>).
    /// </summary>
    /// <param name="rate">The annual rate, in ray (uint256).</param>
    /// <param name="lastUpdateTimestamp">The reserve's last update, Unix seconds (a <c>uint40</c>).</param>
    /// <param name="currentTimestamp">The block timestamp, Unix seconds (uint256).</param>
    /// <returns>The linear interest factor, in ray.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rate"/> or <paramref name="currentTimestamp"/> is not a uint256, or <paramref name="lastUpdateTimestamp"/>
    /// is not a uint40.
    /// </exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before <paramref name="lastUpdateTimestamp"/> or the
    /// product or sum overflows.
    /// </exception>
    public static BigInteger CalculateLinearInterest(BigInteger rate, BigInteger lastUpdateTimestamp, BigInteger currentTimestamp)
    {
        UInt256.Require(rate, nameof(rate));
        CheckedMath.RequireUInt40(lastUpdateTimestamp, nameof(lastUpdateTimestamp));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));
        const string function = Library + "calculateLinearInterest";

        // result = rate * (block.timestamp - lastUpdateTimestamp); unchecked { result /= SECONDS_PER_YEAR; } return RAY + result;
        BigInteger elapsed = UInt256.Checked(currentTimestamp - lastUpdateTimestamp, function);
        return CheckedMath.LinearInterestFactor(rate, elapsed, function);
    }

    /// <summary>
    /// <c>MathUtils.calculateCompoundedInterest</c>: with Δt = currentTimestamp − lastUpdateTimestamp,
    /// b2 = ⌊rayMul(rate, rate) / SECONDS_PER_YEAR²⌋ and b3 = ⌊rayMul(b2, rate) / SECONDS_PER_YEAR⌋, the result is
    /// RAY + ⌊rate·Δt / SECONDS_PER_YEAR⌋ + ⌊Δt(Δt−1)·b2 / 2⌋ + ⌊Δt(Δt−1)(Δt−2)·b3 / 6⌋, where Δt − 2 is taken as 0
    /// for Δt ≤ 2, and Δt = 0 returns RAY.
    /// </summary>
    /// <param name="rate">The annual rate, in ray (uint256).</param>
    /// <param name="lastUpdateTimestamp">The reserve's last update, Unix seconds (a <c>uint40</c>).</param>
    /// <param name="currentTimestamp">The timestamp to compound to, Unix seconds (uint256).</param>
    /// <returns>The compounded interest factor, in ray.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rate"/> or <paramref name="currentTimestamp"/> is not a uint256, or <paramref name="lastUpdateTimestamp"/>
    /// is not a uint40.
    /// </exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before <paramref name="lastUpdateTimestamp"/> or a
    /// product or sum overflows; an empty revert when a <c>rayMul</c> overflows.
    /// </exception>
    public static BigInteger CalculateCompoundedInterest(BigInteger rate, BigInteger lastUpdateTimestamp, BigInteger currentTimestamp)
    {
        UInt256.Require(rate, nameof(rate));
        CheckedMath.RequireUInt40(lastUpdateTimestamp, nameof(lastUpdateTimestamp));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));
        const string function = Library + "calculateCompoundedInterest";

        BigInteger exp = UInt256.Checked(currentTimestamp - lastUpdateTimestamp, function);
        if (exp.IsZero)
        {
            return AaveV3Math.Ray;
        }

        // unchecked block: the subtractions cannot wrap and the divisions cannot be by zero.
        BigInteger expMinusOne = exp - 1;
        BigInteger expMinusTwo = exp > 2 ? exp - 2 : BigInteger.Zero;
        BigInteger basePowerTwo = AaveV3Math.RayMul(rate, rate) / ((BigInteger)SecondsPerYear * SecondsPerYear);
        BigInteger basePowerThree = AaveV3Math.RayMul(basePowerTwo, rate) / SecondsPerYear;

        BigInteger secondTerm = CheckedMath.Product(function, exp, expMinusOne, basePowerTwo) / 2;
        BigInteger thirdTerm = CheckedMath.Product(function, exp, expMinusOne, expMinusTwo, basePowerThree) / 6;

        // RAY + (rate * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm
        BigInteger result = UInt256.Checked(AaveV3Math.Ray + (UInt256.Checked(rate * exp, function) / SecondsPerYear), function);
        result = UInt256.Checked(result + secondTerm, function);
        return UInt256.Checked(result + thirdTerm, function);
    }
}
