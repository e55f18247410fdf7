using System.Numerics;

namespace NftCollateral.Sdk.Lending.Arcade;

/// <summary>
/// Arcade v4-era interest math (<c>arcadexyz/arcade-protocol @ 061b1263 : contracts/libraries/InterestCalculator.sol</c>,
/// solc 0.8.18 checked arithmetic), reproduced bit for bit: interest pro-rated on the unpaid balance and the effective rate.
/// </summary>
/// <remarks>
/// <para>
/// Rates are APR in basis points over a 365-day year. Interest accrues only up to the loan's maturity
/// (<c>start + duration</c>); after a repayment at or after maturity no further interest is due (the Rene-H-4 fix, PR #95).
/// A lender may claim the collateral once <c>now &gt; start + duration + </c><see cref="GracePeriodSeconds"/>.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class ArcadeInterest
{
    /// <summary>10 000 basis points = 100 % (<c>Constants.BASIS_POINTS_DENOMINATOR</c>).</summary>
    public const int BasisPointsDenominator = 10_000;

    /// <summary>Seconds in a 365-day year (<c>Constants.SECONDS_IN_YEAR</c>).</summary>
    public const int SecondsInYear = 365 * 24 * 60 * 60;

    /// <summary>Seconds after maturity before a defaulted loan can be claimed (<c>Constants.GRACE_PERIOD</c> = 10 minutes).</summary>
    public const int GracePeriodSeconds = 10 * 60;

    private const string ProratedFunction = "Arcade InterestCalculator.getProratedInterestAmount";
    private const string EffectiveRateFunction = "Arcade InterestCalculator.effectiveInterestRate";

    /// <summary>
    /// The interest due since the last accrual, <c>InterestCalculator.getProratedInterestAmount</c>:
    /// <c>⌊balance · Δ · rate / (10000 · 31536000)⌋</c> with Δ = <c>now − lastAccrual</c> while
    /// <c>now − start ≤ duration</c>, otherwise <c>start + duration − lastAccrual</c>, or 0 when <c>lastAccrual ≥ start + duration</c>.
    /// </summary>
    /// <param name="balance">The unpaid principal, in the smallest unit of the loan's currency.</param>
    /// <param name="interestRateBps">The loan's APR, in basis points.</param>
    /// <param name="loanDurationSeconds">The loan's duration, in seconds.</param>
    /// <param name="loanStartTime">The loan's start, Unix seconds.</param>
    /// <param name="lastAccrualTimestamp">When interest was last accrued (start or last repayment), Unix seconds.</param>
    /// <param name="currentTimestamp">The time at which to compute the interest, Unix seconds.</param>
    /// <returns>The interest due, in the loan currency's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <paramref name="currentTimestamp"/> is before the start (or, within the term, before the
    /// last accrual), or when <c>balance · Δ · rate</c> overflows.
    /// </exception>
    public static BigInteger GetProratedInterestAmount(
        BigInteger balance,
        BigInteger interestRateBps,
        BigInteger loanDurationSeconds,
        BigInteger loanStartTime,
        BigInteger lastAccrualTimestamp,
        BigInteger currentTimestamp)
    {
        UInt256.Require(balance, nameof(balance));
        UInt256.Require(interestRateBps, nameof(interestRateBps));
        UInt256.Require(loanDurationSeconds, nameof(loanDurationSeconds));
        UInt256.Require(loanStartTime, nameof(loanStartTime));
        UInt256.Require(lastAccrualTimestamp, nameof(lastAccrualTimestamp));
        UInt256.Require(currentTimestamp, nameof(currentTimestamp));

        BigInteger timeSinceStart = UInt256.Checked(currentTimestamp - loanStartTime, ProratedFunction);
        BigInteger timeSinceLastPayment;
        if (timeSinceStart > loanDurationSeconds)
        {
            BigInteger endTimestamp = UInt256.Checked(loanStartTime + loanDurationSeconds, ProratedFunction);
            if (lastAccrualTimestamp >= endTimestamp)
            {
                return BigInteger.Zero;
            }

            timeSinceLastPayment = endTimestamp - lastAccrualTimestamp;
        }
        else
        {
            timeSinceLastPayment = UInt256.Checked(currentTimestamp - lastAccrualTimestamp, ProratedFunction);
        }

        BigInteger product = UInt256.Checked(UInt256.Checked(balance * timeSinceLastPayment, ProratedFunction) * interestRateBps, ProratedFunction);
        return product / ((BigInteger)BasisPointsDenominator * SecondsInYear);
    }

    /// <summary>
    /// The effective APR actually paid, <c>InterestCalculator.effectiveInterestRate</c>:
    /// <c>⌊paid · 31536000 · 10000 / (elapsed · principal)⌋</c>.
    /// </summary>
    /// <param name="totalInterestAmountPaid">The interest paid so far, in the loan currency's smallest unit.</param>
    /// <param name="totalTimeElapsedSeconds">Seconds since the loan started.</param>
    /// <param name="loanPrincipal">The original principal, in the same unit.</param>
    /// <returns>The effective APR, in basis points.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when a product overflows; <c>Panic(0x12)</c> when the elapsed time or the principal is 0.
    /// </exception>
    public static BigInteger EffectiveInterestRate(BigInteger totalInterestAmountPaid, BigInteger totalTimeElapsedSeconds, BigInteger loanPrincipal)
    {
        UInt256.Require(totalInterestAmountPaid, nameof(totalInterestAmountPaid));
        UInt256.Require(totalTimeElapsedSeconds, nameof(totalTimeElapsedSeconds));
        UInt256.Require(loanPrincipal, nameof(loanPrincipal));

        BigInteger denominator = UInt256.Checked(totalTimeElapsedSeconds * loanPrincipal, EffectiveRateFunction);
        BigInteger numerator = UInt256.Checked(
            UInt256.Checked(totalInterestAmountPaid * SecondsInYear, EffectiveRateFunction) * BasisPointsDenominator,
            EffectiveRateFunction);
        return UInt256.Divide(numerator, denominator, EffectiveRateFunction);
    }
}
