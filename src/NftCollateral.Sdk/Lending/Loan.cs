using System.Numerics;
using NftCollateral.Sdk.Lending.Aave;
using NftCollateral.Sdk.Lending.Arcade;
using NftCollateral.Sdk.Lending.BendDao;
using NftCollateral.Sdk.Lending.Blend;
using NftCollateral.Sdk.Lending.JpegD;
using NftCollateral.Sdk.Lending.NftFi;

namespace NftCollateral.Sdk.Lending;

/// <summary>The terms of one loan, protocol-neutral; amounts in wei of the loan currency.</summary>
/// <remarks>Figures left <see langword="null"/> come from <see cref="Protocol"/>. Instances are immutable and thread-safe.</remarks>
public sealed record LoanTerms
{
    /// <summary>Gets the protocol whose math accrues the loan.</summary>
    public required ProtocolProfile Protocol { get; init; }

    /// <summary>Gets the principal, in wei.</summary>
    public required BigInteger Principal { get; init; }

    /// <summary>Gets the annual interest rate, in basis points (1,500 = 15% APR).</summary>
    public required int AprBps { get; init; }

    /// <summary>Gets when the loan started.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets the fixed term of a peer-to-peer loan; <see langword="null"/> for an open-ended pool loan.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the grace period after the term before the lender may claim; <see langword="null"/> for the protocol's.</summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>Gets the liquidation threshold, in basis points of the collateral value; <see langword="null"/> for the protocol's.</summary>
    public int? LiquidationThresholdBps { get; init; }

    /// <summary>Gets the liquidation penalty, in basis points of the debt; <see langword="null"/> for the protocol's.</summary>
    public int? LiquidationPenaltyBps { get; init; }

    /// <summary>Gets NFTfi's agreed maximum repayment, in wei; <see langword="null"/> for principal plus full-term simple interest.</summary>
    public BigInteger? MaximumRepayment { get; init; }

    /// <summary>Gets the threshold in force: <see cref="LiquidationThresholdBps"/> or the protocol's (0 when there is none).</summary>
    public int EffectiveLiquidationThresholdBps => LiquidationThresholdBps ?? Protocol.LiquidationThresholdBps;

    /// <summary>Gets the grace period in force.</summary>
    public TimeSpan EffectiveGracePeriod => GracePeriod ?? Protocol.GracePeriod;

    /// <summary>Gets the end of the term, when the loan has one.</summary>
    public DateTimeOffset? Maturity => Duration is TimeSpan d ? Start + d : null;
}

/// <summary>A payment made towards a loan.</summary>
/// <param name="At">When it was paid.</param>
/// <param name="Amount">How much, in wei; interest is paid first, then principal.</param>
public readonly record struct Repayment(DateTimeOffset At, BigInteger Amount);

/// <summary>Where a loan stands.</summary>
public enum LoanStatus
{
    /// <summary>Open and healthy.</summary>
    Active = 0,

    /// <summary>The collateral is worth too little: the protocol allows liquidation now.</summary>
    Liquidatable = 1,

    /// <summary>Past its term but within the grace period: the borrower can still repay, the lender cannot claim yet.</summary>
    InGracePeriod = 2,

    /// <summary>Past its term and grace period unpaid: the lender may claim the collateral.</summary>
    Defaulted = 3,

    /// <summary>Repaid in full.</summary>
    Repaid = 4,
}

/// <summary>A loan as its protocol's contract sees it at one moment.</summary>
/// <param name="AsOf">The moment.</param>
/// <param name="OutstandingPrincipal">Principal not yet repaid, in wei.</param>
/// <param name="Interest">Interest accrued and not yet paid, in wei.</param>
/// <param name="Debt">What repaying in full would cost now, in wei (principal plus interest).</param>
/// <param name="CollateralValue">The collateral's value used, in wei, when given.</param>
/// <param name="Ltv">Debt over collateral value (0.4 = 40%), when the collateral value is given and not zero.</param>
/// <param name="HealthFactor">
/// Health factor in wad (1e18 = at the threshold), by the protocol's own formula for BendDAO and Aave v3 and by
/// <c>⌊value · threshold / 10⁴ · 10¹⁸ / debt⌋</c> otherwise; 2^256 − 1 with no debt; null without a value or threshold.
/// </param>
/// <param name="Liquidatable">Whether the protocol's own comparison allows liquidation on price now.</param>
/// <param name="LiquidationPrice">The collateral value, in wei, below which the position becomes liquidatable (⌊debt · 10⁴ / threshold⌋; at exactly this value the protocol's own comparison decides: not yet for BendDAO and Aave v3, already for JPEG'd), when there is a threshold.</param>
/// <param name="Status">Where the loan stands.</param>
/// <param name="Maturity">The end of the term, when there is one.</param>
/// <param name="ClaimableAfter">The moment after which the lender may claim the collateral, for a fixed-term loan.</param>
public sealed record LoanPosition(
    DateTimeOffset AsOf,
    BigInteger OutstandingPrincipal,
    BigInteger Interest,
    BigInteger Debt,
    BigInteger? CollateralValue,
    double? Ltv,
    BigInteger? HealthFactor,
    bool Liquidatable,
    BigInteger? LiquidationPrice,
    LoanStatus Status,
    DateTimeOffset? Maturity,
    DateTimeOffset? ClaimableAfter);

/// <summary>
/// Evaluates loans with their protocol's exact integer math: accrued interest to the wei, health factor, liquidation
/// threshold and price, and where the loan stands in its life.
/// </summary>
/// <remarks>
/// Accrual by <see cref="ProtocolProfile.Interest"/>: BendDAO and Aave v3 compound by their binomial
/// <c>calculateCompoundedInterest</c> (rate in ray = APR bps · 10²³) and <c>rayMul</c>; Blend by its exact
/// <c>computeCurrentDebt</c>; JPEG'd by <c>calculateAdditionalInterest</c> on the position; NFTfi V2.3 by
/// <c>_computeInterestDue</c> with the rate its contract stores (uint16 wrap included); Arcade v4 by
/// <c>getProratedInterestAmount</c>. A partial repayment pays interest first and restarts accrual on the remaining
/// balance; NFTfi and Blend loans can only be repaid in full. All members are thread-safe.
/// </remarks>
public static class LoanMath
{
    private static readonly BigInteger RayPerBps = BigInteger.Pow(10, 23);
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private const int SecondsPerYear = 365 * 24 * 60 * 60;

    /// <summary>Evaluates a loan at a moment.</summary>
    /// <param name="terms">The loan's terms.</param>
    /// <param name="asOf">The moment, at or after the start.</param>
    /// <param name="collateralValue">The collateral's value in wei, or <see langword="null"/> to skip price-based figures.</param>
    /// <param name="repayments">Payments made before <paramref name="asOf"/>, in any order.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A figure is out of range, <paramref name="asOf"/> or a repayment falls outside the loan's life, a repayment exceeds
    /// the debt, or a partial repayment is made on a protocol that takes full repayment only.
    /// </exception>
    /// <exception cref="ProtocolRevertException">The protocol's contract would revert on these figures.</exception>
    public static LoanPosition Evaluate(LoanTerms terms, DateTimeOffset asOf, BigInteger? collateralValue = null, IEnumerable<Repayment>? repayments = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Validate(terms, asOf, collateralValue);
        Repayment[] payments = (repayments ?? []).OrderBy(r => r.At).ToArray();

        BigInteger balance = terms.Principal;
        DateTimeOffset checkpoint = terms.Start;
        bool repaid = false;
        foreach (Repayment payment in payments)
        {
            if (payment.At < terms.Start || payment.At > asOf)
            {
                throw new ArgumentException($"Repayment at {payment.At:O} is outside the loan's life ({terms.Start:O} to {asOf:O}).", nameof(repayments));
            }

            if (payment.Amount.Sign <= 0)
            {
                throw new ArgumentException($"Repayment at {payment.At:O} must be positive, not {payment.Amount}.", nameof(repayments));
            }

            if (repaid)
            {
                throw new ArgumentException($"Repayment at {payment.At:O} comes after the loan was repaid in full.", nameof(repayments));
            }

            BigInteger interest = AccruedInterest(terms, balance, checkpoint, payment.At);
            BigInteger debt = balance + interest;
            if (payment.Amount > debt)
            {
                throw new ArgumentException($"Repayment of {payment.Amount} wei at {payment.At:O} exceeds the debt of {debt} wei.", nameof(repayments));
            }

            if (payment.Amount < debt && terms.Protocol.Interest is InterestModel.ProRatedCapped or InterestModel.Continuous)
            {
                throw new ArgumentException($"{terms.Protocol.Name} loans are repaid in full only ({debt} wei at {payment.At:O}).", nameof(repayments));
            }

            // Interest first, then principal; accrual restarts on the remaining balance.
            balance -= payment.Amount - BigInteger.Min(payment.Amount, interest);
            repaid = payment.Amount == debt;
            checkpoint = payment.At;
        }

        BigInteger accrued = repaid ? BigInteger.Zero : AccruedInterest(terms, balance, checkpoint, asOf);
        BigInteger outstanding = repaid ? BigInteger.Zero : balance;
        return Position(terms, asOf, collateralValue, outstanding, accrued, repaid);
    }

    private static void Validate(LoanTerms terms, DateTimeOffset asOf, BigInteger? collateralValue)
    {
        UInt256.Require(terms.Principal, nameof(terms.Principal));
        if (terms.Principal.IsZero)
        {
            throw new ArgumentException("Principal must be positive.", nameof(terms));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(terms.AprBps, nameof(terms.AprBps));
        ArgumentOutOfRangeException.ThrowIfNegative(terms.EffectiveLiquidationThresholdBps, nameof(terms.LiquidationThresholdBps));
        if (terms.Duration is TimeSpan d && d <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(terms), d, "Duration must be positive.");
        }

        if (terms.Duration is null && terms.Protocol.Interest is InterestModel.ProRatedCapped or InterestModel.ProRated)
        {
            throw new ArgumentException($"{terms.Protocol.Name} loans need a duration.", nameof(terms));
        }

        if (asOf < terms.Start)
        {
            throw new ArgumentException($"The evaluation time {asOf:O} is before the loan's start {terms.Start:O}.", nameof(asOf));
        }

        if (collateralValue is BigInteger value)
        {
            UInt256.Require(value, nameof(collateralValue));
        }
    }

    // Interest on the balance from the last checkpoint (start or last repayment) to a moment. NFTfi's runs from the
    // start, which is right because an NFTfi loan is never partly repaid.
    private static BigInteger AccruedInterest(LoanTerms terms, BigInteger balance, DateTimeOffset from, DateTimeOffset to)
    {
        BigInteger start = terms.Start.ToUnixTimeSeconds();
        BigInteger fromSeconds = from.ToUnixTimeSeconds();
        BigInteger toSeconds = to.ToUnixTimeSeconds();
        BigInteger apr = terms.AprBps;
        switch (terms.Protocol.Interest)
        {
            case InterestModel.BinomialCompound:
                BigInteger rate = apr * RayPerBps;
                BigInteger factor = terms.Protocol.Id == ProtocolProfiles.AaveV3.Id
                    ? AaveV3MathUtils.CalculateCompoundedInterest(rate, fromSeconds, toSeconds)
                    : BendDaoV1MathUtils.CalculateCompoundedInterest(rate, fromSeconds, toSeconds);
                BigInteger grown = terms.Protocol.Id == ProtocolProfiles.AaveV3.Id ? AaveV3Math.RayMul(balance, factor) : BendDaoV1Math.RayMul(balance, factor);
                return grown - balance;

            case InterestModel.Continuous:
                return BlendMath.ComputeCurrentDebt(balance, apr, toSeconds - fromSeconds) - balance;

            case InterestModel.VaultSimple:
                return NftVaultMath.CalculateAdditionalInterest(balance, new Rate(apr, 10_000), toSeconds - fromSeconds);

            case InterestModel.ProRatedCapped:
                BigInteger duration = (long)terms.Duration!.Value.TotalSeconds;
                BigInteger maximum = terms.MaximumRepayment ?? terms.Principal + (terms.Principal * apr * duration / (10_000 * (BigInteger)SecondsPerYear));
                ushort storedRate = NftFiV23.CalculateInterestRate(terms.Principal, maximum);
                return NftFiV23.ComputeInterestDue(terms.Principal, maximum, toSeconds - start, duration, storedRate);

            case InterestModel.ProRated:
                BigInteger term = (long)terms.Duration!.Value.TotalSeconds;
                return ArcadeInterest.GetProratedInterestAmount(balance, apr, term, start, fromSeconds, toSeconds);

            default:
                throw new ArgumentOutOfRangeException(nameof(terms), terms.Protocol.Interest, "Unknown interest model.");
        }
    }

    private static LoanPosition Position(LoanTerms terms, DateTimeOffset asOf, BigInteger? collateralValue, BigInteger outstanding, BigInteger interest, bool repaid)
    {
        BigInteger debt = outstanding + interest;
        int threshold = terms.EffectiveLiquidationThresholdBps;
        BigInteger? healthFactor = null;
        bool liquidatable = false;
        double? ltv = null;
        if (collateralValue is BigInteger value)
        {
            if (!value.IsZero)
            {
                ltv = (double)debt / (double)value;
            }

            if (threshold > 0 && !repaid)
            {
                (healthFactor, liquidatable) = HealthOf(terms.Protocol, value, debt, threshold);
            }
        }

        BigInteger? liquidationPrice = threshold > 0 && !repaid ? debt * 10_000 / threshold : null;
        DateTimeOffset? maturity = terms.Maturity;
        DateTimeOffset? claimableAfter = maturity is DateTimeOffset m ? m + terms.EffectiveGracePeriod : null;
        LoanStatus status = repaid ? LoanStatus.Repaid
            : claimableAfter is DateTimeOffset c && asOf > c ? LoanStatus.Defaulted
            : maturity is DateTimeOffset end && asOf > end ? LoanStatus.InGracePeriod
            : liquidatable ? LoanStatus.Liquidatable
            : LoanStatus.Active;
        return new LoanPosition(asOf, outstanding, interest, debt, collateralValue, ltv, healthFactor, liquidatable, liquidationPrice, status, maturity, claimableAfter);
    }

    // Each protocol's own comparison (lending.md §11.5): BendDAO auctions when debt > percentMul(value, LT); Aave
    // liquidates when HF < 1e18; JPEG'd when debt >= the liquidation limit; elsewhere the SDK's HF < 1e18.
    private static (BigInteger HealthFactor, bool Liquidatable) HealthOf(ProtocolProfile protocol, BigInteger value, BigInteger debt, int threshold)
    {
        if (protocol.Id == ProtocolProfiles.BendDao.Id)
        {
            BigInteger hf = BendDaoV1GenericLogic.CalculateHealthFactorFromBalances(value, debt, threshold);
            return (hf, debt > BendDaoV1Math.PercentMul(value, threshold));
        }

        if (protocol.Id == ProtocolProfiles.AaveV3.Id)
        {
            BigInteger hf = AaveV3GenericLogic.CalculateHealthFactor(value, debt, threshold);
            return (hf, AaveV3GenericLogic.IsLiquidatable(hf));
        }

        BigInteger limit = value * threshold / 10_000;
        BigInteger factor = debt.IsZero ? UInt256.MaxValue : limit * Wad / debt;
        bool liquidatable = protocol.Liquidation == LiquidationStyle.VaultLiquidation ? debt >= limit : factor < Wad;
        return (factor, liquidatable);
    }
}
