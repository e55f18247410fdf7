using System.Numerics;

namespace NftCollateral.Sdk.Lending;

/// <summary>
/// BendDAO v1's <c>MathUtils</c> (<c>BendDAO/bend-lending-protocol @ 81c90c06 : contracts/libraries/math/MathUtils.sol</c>,
/// solc 0.8.4): the linear liquidity index and the Aave-v2-style three-term binomial borrow index, bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Rates are annual, in ray (1e27 = 100 % a year); timestamps are Unix seconds; results are index factors in ray
/// (1e27 = 1.0). The compounded form divides the rate by <see cref="SecondsPerYear"/> <em>before</em> squaring it, so it
/// differs from Aave v3 (<see cref="AaveV3MathUtils.CalculateCompoundedInterest"/>) in the last digits.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class BendDaoV1MathUtils
{
    /// <summary><c>SECONDS_PER_YEAR</c>: 365 days = 31 536 000 seconds.</summary>
    public const int SecondsPerYear = 365 * 24 * 60 * 60;

    private const string Library = "BendDAO v1 MathUtils.";

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
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before <paramref name="lastUpdateTimestamp"/> or a
    /// product or sum overflows.
    /// </exception>
    public static BigInteger CalculateLinearInterest(BigInteger rate, BigInteger lastUpdateTimestamp, BigInteger currentTimestamp)
    {
        UInt256.Require(rate, nameof(rate));
        CheckedMath.RequireUInt40(lastUpdateTimestamp, nameof(lastUpdateTimestamp));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));
        const string function = Library + "calculateLinearInterest";
        BigInteger timeDifference = UInt256.Checked(currentTimestamp - lastUpdateTimestamp, function);
        return CheckedMath.LinearInterestFactor(rate, timeDifference, function);
    }

    /// <summary>
    /// <c>MathUtils.calculateLinearInterest</c> over an elapsed time: RAY + ⌊rate·elapsedSeconds / SECONDS_PER_YEAR⌋.
    /// </summary>
    /// <param name="rate">The annual rate, in ray (uint256).</param>
    /// <param name="elapsedSeconds">block.timestamp − lastUpdateTimestamp, in seconds (uint256).</param>
    /// <returns>The linear interest factor, in ray.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not a uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when rate·elapsedSeconds or the sum overflows.</exception>
    public static BigInteger CalculateLinearInterest(BigInteger rate, BigInteger elapsedSeconds)
    {
        UInt256.Require(rate, nameof(rate));
        UInt256.Require(elapsedSeconds, nameof(elapsedSeconds));
        return CheckedMath.LinearInterestFactor(rate, elapsedSeconds, Library + "calculateLinearInterest");
    }

    /// <summary>
    /// <c>MathUtils.calculateCompoundedInterest</c>, the Aave-v2 binomial approximation of (1 + rate/year)^Δt:
    /// with Δt = currentTimestamp − lastUpdateTimestamp, rps = ⌊rate / SECONDS_PER_YEAR⌋, b2 = rayMul(rps, rps) and
    /// b3 = rayMul(b2, rps), the result is RAY + rps·Δt + ⌊Δt(Δt−1)·b2 / 2⌋ + ⌊Δt(Δt−1)(Δt−2)·b3 / 6⌋, where Δt − 2 is
    /// taken as 0 for Δt ≤ 2, and Δt = 0 returns RAY.
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
    /// product or sum overflows; <c>"200"</c> when a <c>rayMul</c> overflows.
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
            return BendDaoV1Math.Ray;
        }

        BigInteger expMinusOne = exp - 1;
        BigInteger expMinusTwo = exp > 2 ? exp - 2 : BigInteger.Zero;
        BigInteger ratePerSecond = rate / SecondsPerYear;
        BigInteger basePowerTwo = BendDaoV1Math.RayMul(ratePerSecond, ratePerSecond);
        BigInteger basePowerThree = BendDaoV1Math.RayMul(basePowerTwo, ratePerSecond);

        // exp * expMinusOne * basePowerTwo / 2, left to right, each step checked.
        BigInteger secondTerm = CheckedMath.Product(function, exp, expMinusOne, basePowerTwo) / 2;
        BigInteger thirdTerm = CheckedMath.Product(function, exp, expMinusOne, expMinusTwo, basePowerThree) / 6;

        // RAY + ratePerSecond * exp + secondTerm + thirdTerm
        BigInteger result = UInt256.Checked(BendDaoV1Math.Ray + UInt256.Checked(ratePerSecond * exp, function), function);
        result = UInt256.Checked(result + secondTerm, function);
        return UInt256.Checked(result + thirdTerm, function);
    }

    // ((rate * timeDifference) / SECONDS_PER_YEAR) + WadRayMath.ray()
}
