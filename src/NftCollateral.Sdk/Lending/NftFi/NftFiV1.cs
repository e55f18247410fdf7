using System.Numerics;

namespace NftCollateral.Sdk.Lending.NftFi;

/// <summary>
/// NFTfi V1 loan math (<c>NFTfi-Genesis/nftfi.eth @ d7cc6896 : V1/contracts/NFTfi.sol</c>, solc 0.5.16), reproduced bit for
/// bit: pro-rated interest, the admin fee and the payoff amount.
/// </summary>
/// <remarks>
/// <para>
/// V1 does its arithmetic with the OpenZeppelin 2.x <c>SafeMath</c> copy it ships (<c>V1/contracts/openzeppelin</c>),
/// whose <c>require</c>s carry <b>no reason string</b>: every overflow, underflow or division by zero reverts with empty
/// data (<see cref="RevertKind.Empty"/>), not with "SafeMath: …" messages and not with a Solidity 0.8 panic.
/// </para>
/// <para>
/// V1 truncates twice (<c>⌊⌊P · r / 1e4⌋ · t / D⌋</c>), V2.3 once after the full product; the two can differ by a few
/// wei for the same loan (see <see cref="NftFiV23.ComputeInterestDue"/>).
/// </para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class NftFiV1
{
    /// <summary>The contract-wide default admin fee, in basis points of the interest (<c>adminFeeInBasisPoints = 25</c>).</summary>
    public const int DefaultAdminFeeBps = 25;

    /// <summary>The default maximum loan duration, in seconds (<c>maximumLoanDuration = 53 weeks</c>).</summary>
    public const int MaximumLoanDurationSeconds = 53 * 7 * 24 * 60 * 60;

    private const string InterestFunction = "NFTfi V1 NFTfi._computeInterestDue";
    private const string AdminFeeFunction = "NFTfi V1 NFTfi._computeAdminFee";
    private const string PayoffFunction = "NFTfi V1 NFTfi.getPayoffAmount";

    /// <summary>
    /// The interest due on a pro-rated loan, <c>NFTfi._computeInterestDue</c>:
    /// <c>i = ⌊⌊P · r / 10000⌋ · t / D⌋</c>; if <c>P + i &gt; M</c> the result is <c>M − P</c>, otherwise <c>i</c>.
    /// </summary>
    /// <param name="principal">The loan principal P, in the smallest unit of the loan's ERC-20.</param>
    /// <param name="maximumRepaymentAmount">The maximum repayment M, in the same unit.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started, t (<c>now − loanStartTime</c>).</param>
    /// <param name="durationSeconds">The agreed loan duration D, in seconds (uint32 on-chain).</param>
    /// <param name="interestRateBps">The interest for the whole duration r, in basis points (uint32 on-chain).</param>
    /// <returns>The interest due, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">
    /// <c>revert (no data)</c> (SafeMath) when a product or <c>P + i</c> overflows, when D is 0, or when the cap applies
    /// with M &lt; P.
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

        BigInteger afterEntireDuration = SafeDiv(SafeMul(principal, interestRateBps, InterestFunction), 10_000, InterestFunction);
        BigInteger afterElapsedDuration = SafeDiv(SafeMul(afterEntireDuration, elapsedSeconds, InterestFunction), durationSeconds, InterestFunction);
        return SafeAdd(principal, afterElapsedDuration, InterestFunction) > maximumRepaymentAmount
            ? SafeSub(maximumRepaymentAmount, principal, InterestFunction)
            : afterElapsedDuration;
    }

    /// <summary>The admin fee on the interest, <c>NFTfi._computeAdminFee</c>: <c>⌊interest · fee / 10000⌋</c>.</summary>
    /// <param name="interestDue">The interest due, in the loan's smallest unit.</param>
    /// <param name="adminFeeBps">The loan's admin fee, in basis points of the interest.</param>
    /// <returns>The admin fee, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException"><c>revert (no data)</c> (SafeMath) when the product overflows.</exception>
    public static BigInteger ComputeAdminFee(BigInteger interestDue, BigInteger adminFeeBps)
    {
        UInt256.Require(interestDue, nameof(interestDue));
        UInt256.Require(adminFeeBps, nameof(adminFeeBps));
        return SafeDiv(SafeMul(interestDue, adminFeeBps, AdminFeeFunction), 10_000, AdminFeeFunction);
    }

    /// <summary>
    /// What the borrower must pay to close the loan now, <c>NFTfi.getPayoffAmount</c>: M for a fixed-repayment loan,
    /// otherwise <c>P + ComputeInterestDue(...)</c>.
    /// </summary>
    /// <param name="principal">The loan principal P, in the smallest unit of the loan's ERC-20.</param>
    /// <param name="maximumRepaymentAmount">The maximum repayment M, in the same unit.</param>
    /// <param name="elapsedSeconds">Seconds since the loan started.</param>
    /// <param name="durationSeconds">The agreed loan duration, in seconds.</param>
    /// <param name="interestRateBps">The interest for the whole duration, in basis points.</param>
    /// <param name="interestIsProRated">The loan's <c>interestIsProRated</c> flag.</param>
    /// <returns>The payoff amount, in the loan's smallest unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside uint256.</exception>
    /// <exception cref="ProtocolRevertException">As <see cref="ComputeInterestDue"/>, for a pro-rated loan.</exception>
    public static BigInteger PayoffAmount(
        BigInteger principal,
        BigInteger maximumRepaymentAmount,
        BigInteger elapsedSeconds,
        BigInteger durationSeconds,
        BigInteger interestRateBps,
        bool interestIsProRated)
    {
        UInt256.Require(principal, nameof(principal));
        UInt256.Require(maximumRepaymentAmount, nameof(maximumRepaymentAmount));
        UInt256.Require(elapsedSeconds, nameof(elapsedSeconds));
        UInt256.Require(durationSeconds, nameof(durationSeconds));
        UInt256.Require(interestRateBps, nameof(interestRateBps));
        if (!interestIsProRated)
        {
            return maximumRepaymentAmount;
        }

        BigInteger interestDue = ComputeInterestDue(principal, maximumRepaymentAmount, elapsedSeconds, durationSeconds, interestRateBps);
        return SafeAdd(principal, interestDue, PayoffFunction);
    }

    private static ProtocolRevertException SafeMathRevert(string function) => new(function, RevertKind.Empty);

    private static BigInteger SafeMul(BigInteger a, BigInteger b, string function)
    {
        BigInteger c = a * b;
        return c <= UInt256.MaxValue ? c : throw SafeMathRevert(function);
    }

    private static BigInteger SafeDiv(BigInteger a, BigInteger b, string function) =>
        b.Sign > 0 ? BigInteger.Divide(a, b) : throw SafeMathRevert(function);

    private static BigInteger SafeSub(BigInteger a, BigInteger b, string function) =>
        b <= a ? a - b : throw SafeMathRevert(function);

    private static BigInteger SafeAdd(BigInteger a, BigInteger b, string function)
    {
        BigInteger c = a + b;
        return c <= UInt256.MaxValue ? c : throw SafeMathRevert(function);
    }
}
