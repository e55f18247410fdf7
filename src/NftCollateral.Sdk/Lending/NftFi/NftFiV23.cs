using System.Numerics;

namespace NftCollateral.Sdk.Lending.NftFi;

/// <summary>
/// NFTfi V2.3 loan math (<c>NFTfi-Genesis/nftfi.eth @ d7cc6896 : V2-3/contracts/loans/direct/loanTypes/</c>, solc 0.8.4
/// checked arithmetic), reproduced bit for bit: the pro-rated offer's derived rate and interest
/// (<c>DirectLoanProRatedOffer</c>) and the admin fee (<c>LoanChecksAndCalculations.computeAdminFee</c>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Silent uint16 wrap.</b> A pro-rated loan does not store the lender's rate: it derives it from the offer as
/// <c>uint16(⌊(M − P) · 10000 / P⌋)</c>, and the explicit <c>uint16(...)</c> conversion keeps only the low 16 bits without
/// reverting. Any offer above 655.35 % of the principal therefore gets a much smaller rate (660 % becomes 464 bps), and even
/// below the wrap the truncation can make the full-term interest smaller than <c>M − P</c> (P = 3, M = 4 gives 0).
/// <see cref="CalculateInterestRate"/> reproduces this on purpose, so that the SDK values a loan at what the contract will
/// actually charge: compare the full-term <see cref="ComputeInterestDue"/> with <c>M − P</c> before trusting an offer's
/// nominal terms.
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class NftFiV23
{
    /// <summary>100 % in basis points (<c>HUNDRED_PERCENT</c>).</summary>
    public const int HundredPercentBps = 10_000;

    /// <summary>The default admin fee of V2.x loans, in basis points of the interest (<c>DirectLoanBaseMinimal</c>).</summary>
    public const int DefaultAdminFeeBps = 500;

    private const string InterestFunction = "NFTfi V2.3 DirectLoanProRatedOffer._computeInterestDue";
    private const string RateFunction = "NFTfi V2.3 DirectLoanProRatedOffer._calculateInterestRate";
    private const string AdminFeeFunction = "NFTfi V2.3 LoanChecksAndCalculations.computeAdminFee";
    private const string PayoffFunction = "NFTfi V2.3 DirectLoanProRatedOffer._payoffAndFee";

    /// <summary>
    /// The rate a pro-rated loan stores, <c>DirectLoanProRatedOffer._calculateInterestRate</c>:
    /// <c>uint16(⌊(M − P) · 10000 / P⌋)</c>, i.e. the quotient modulo 65 536 (silent uint16 truncation).
    /// </summary>
    /// <param name="principal">The loan principal P, in the smallest unit of the loan's ERC-20.</param>
    /// <param name="maximumRepaymentAmount">The maximum repayment M, in the same unit.</param>
    /// <returns>The stored interest rate for the whole duration, in basis points, after the uint16 wrap.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when M &lt; P or <c>(M − P) · 10000</c> overflows; <c>Panic(0x12)</c> when P is 0.
    /// </exception>
    public static ushort CalculateInterestRate(BigInteger principal, BigInteger maximumRepaymentAmount)
    {
        UInt256.Require(principal, nameof(principal));
        UInt256.Require(maximumRepaymentAmount, nameof(maximumRepaymentAmount));
        BigInteger interest = UInt256.Checked(maximumRepaymentAmount - principal, RateFunction);
        BigInteger rate = UInt256.Divide(UInt256.Checked(interest * HundredPercentBps, RateFunction), principal, RateFunction);
        return (ushort)(uint)(rate & ushort.MaxValue);
    }

    /// <summary>
    /// The interest due on a pro-rated loan, <c>DirectLoanProRatedOffer._computeInterestDue</c>:
    /// <c>i = ⌊⌊P · r · t / D⌋ / 10000⌋</c> (one combined product); if <c>P + i &gt; M</c> the result is <c>M − P</c>, otherwise <c>i</c>.
    /// </summary>
    /// <param name="principal">The loan principal P, in the smallest unit of the loan's ERC-20.</param>
    /// <param name="maximumRepaymentAmount">The maximum repayment M, in the same unit.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started, t (<c>block.timestamp − loanStartTime</c>).</param>
    /// <param name="durationSeconds">The agreed loan duration D, in seconds (uint32 on-chain).</param>
    /// <param name="interestRateBps">The stored rate r for the whole duration, in basis points (see <see cref="CalculateInterestRate"/>).</param>
    /// <returns>The interest due, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>Panic(0x11)</c> when <c>P · r · t</c> or <c>P + i</c> overflows, or when the cap applies with M &lt; P;
    /// <c>Panic(0x12)</c> when D is 0.
    /// </exception>
    public static BigInteger ComputeInterestDue(
        BigInteger principal,
        BigInteger maximumRepaymentAmount,
        BigInteger elapsedSeconds,
        BigInteger durationSeconds,
        BigInteger interestRateBps)
    {
        UInt256.Require(principal, nameof(principal));
        UInt256.Require(maximumRepaymentAmount, nameof(maximumRepaymentAmount));
        UInt256.Require(elapsedSeconds, nameof(elapsedSeconds));
        UInt256.Require(durationSeconds, nameof(durationSeconds));
        UInt256.Require(interestRateBps, nameof(interestRateBps));

        BigInteger afterEntireDurationBps = UInt256.Checked(principal * interestRateBps, InterestFunction);
        BigInteger product = UInt256.Checked(afterEntireDurationBps * elapsedSeconds, InterestFunction);
        BigInteger afterElapsedDuration = UInt256.Divide(product, durationSeconds, InterestFunction) / HundredPercentBps;
        return UInt256.Checked(principal + afterElapsedDuration, InterestFunction) > maximumRepaymentAmount
            ? UInt256.Checked(maximumRepaymentAmount - principal, InterestFunction)
            : afterElapsedDuration;
    }

    /// <summary>The admin fee on the interest, <c>LoanChecksAndCalculations.computeAdminFee</c>: <c>⌊interest · fee / 10000⌋</c>.</summary>
    /// <param name="interestDue">The interest due, in the loan's smallest unit.</param>
    /// <param name="adminFeeBps">The loan's admin fee, in basis points of the interest.</param>
    /// <returns>The admin fee, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>Panic(0x11)</c> when the product overflows.</exception>
    public static BigInteger ComputeAdminFee(BigInteger interestDue, BigInteger adminFeeBps)
    {
        UInt256.Require(interestDue, nameof(interestDue));
        UInt256.Require(adminFeeBps, nameof(adminFeeBps));
        return UInt256.Checked(interestDue * adminFeeBps, AdminFeeFunction) / HundredPercentBps;
    }

    /// <summary>
    /// The amounts settled when a pro-rated loan is repaid, <c>DirectLoanProRatedOffer._payoffAndFee</c>: the interest due
    /// at the stored rate, the admin fee on it, and what the lender receives, <c>(P + interest) − adminFee</c>.
    /// </summary>
    /// <param name="principal">The loan principal P, in the smallest unit of the loan's ERC-20.</param>
    /// <param name="maximumRepaymentAmount">The maximum repayment M, in the same unit.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started.</param>
    /// <param name="durationSeconds">The agreed loan duration, in seconds.</param>
    /// <param name="interestRateBps">The stored rate, in basis points (normally <see cref="CalculateInterestRate"/> of P and M).</param>
    /// <param name="adminFeeBps">The loan's admin fee, in basis points of the interest.</param>
    /// <returns>The interest due, the admin fee and the lender's payoff, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">As <see cref="ComputeInterestDue"/> and <see cref="ComputeAdminFee"/>.</exception>
    public static NftFiSettlement PayoffAndFee(
        BigInteger principal,
        BigInteger maximumRepaymentAmount,
        BigInteger elapsedSeconds,
        BigInteger durationSeconds,
        BigInteger interestRateBps,
        BigInteger adminFeeBps)
    {
        UInt256.Require(adminFeeBps, nameof(adminFeeBps));
        BigInteger interestDue = ComputeInterestDue(principal, maximumRepaymentAmount, elapsedSeconds, durationSeconds, interestRateBps);
        BigInteger adminFee = ComputeAdminFee(interestDue, adminFeeBps);
        BigInteger payoff = UInt256.Checked(UInt256.Checked(principal + interestDue, PayoffFunction) - adminFee, PayoffFunction);
        return new NftFiSettlement(interestDue, adminFee, payoff);
    }
}
