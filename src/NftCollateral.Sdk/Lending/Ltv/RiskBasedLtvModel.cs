using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>
/// Picks the LTV from the collection's own history: the largest LTV at which the chance that the collateral falls below
/// debt × (1 + liquidation penalty) within the liquidation window (grace period + auction) stays at or under a target.
/// </summary>
/// <remarks>
/// <para>
/// From the floor history up to the as-of date, every start day <c>s</c> gives the worst ratio within the window,
/// <c>m_s = min over 1 ≤ k ≤ H of F(s + k) / F(s)</c> (H = grace + auction days; missing days are skipped). A loan at LTV
/// <c>ℓ</c> falls short when <c>m &lt; ℓ (1 + penalty)</c>, so the model takes <c>ℓ = q_p / (1 + penalty)</c>, where
/// <c>q_p</c> is the lower <c>p</c>-quantile of <c>m</c>: the <c>(⌊p·n⌋ + 1)</c>-th smallest ratio, so at most a share p of
/// the history falls short. With an appraisal, its own uncertainty is folded in: the collateral's true value is the
/// appraisal times <c>e^ε</c>, <c>ε ~ N(0, σ²)</c> with σ the appraisal's log spread, and <c>q_p</c> solves
/// <c>mean_s Φ((ln q − ln m_s) / σ) = p</c>.
/// </para>
/// <para>
/// The liquidation threshold is the LTV at which the same chance reaches the liquidation tolerance (default 5%): a
/// position beyond it is too likely to end an auction short, so it must be liquidated.
/// </para>
/// </remarks>
public sealed class RiskBasedLtvModel : ILoanToValueModel
{
    /// <summary>Initializes a new instance of the <see cref="RiskBasedLtvModel"/> class.</summary>
    /// <param name="targetProbability">The tolerated chance of a shortfall for a new loan, in (0, 0.5) (default 1%).</param>
    /// <param name="liquidationTolerance">The chance at which a position must be liquidated, in [<paramref name="targetProbability"/>, 0.5) (default 5%).</param>
    /// <param name="liquidationPenalty">The liquidation penalty (bonus) as a fraction of the debt, at least 0 (default 5%, BendDAO's).</param>
    /// <param name="gracePeriodDays">The grace (redeem) period in days, at least 0 (default 2: BendDAO's original 48 h).</param>
    /// <param name="auctionDays">The auction length in days, at least 0 (default 2: 48 h).</param>
    /// <param name="lookbackDays">How many days of history to read before the as-of date, or <see langword="null"/> for all.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the window is shorter than a day.</exception>
    public RiskBasedLtvModel(
        double targetProbability = 0.01,
        double liquidationTolerance = 0.05,
        decimal liquidationPenalty = 0.05m,
        double gracePeriodDays = 2,
        double auctionDays = 2,
        int? lookbackDays = null)
    {
        if (!(targetProbability > 0 && targetProbability < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(targetProbability), targetProbability, "The target probability must be in (0, 0.5).");
        }

        if (!(liquidationTolerance >= targetProbability && liquidationTolerance < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(liquidationTolerance), liquidationTolerance, "The liquidation tolerance must be in [target, 0.5).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(liquidationPenalty);
        if (!(gracePeriodDays >= 0) || !(auctionDays >= 0) || !(gracePeriodDays + auctionDays >= 1) || !double.IsFinite(gracePeriodDays + auctionDays))
        {
            throw new ArgumentOutOfRangeException(nameof(auctionDays), gracePeriodDays + auctionDays, "The grace period plus the auction must be at least one day.");
        }

        if (lookbackDays is int days)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(days, 30, nameof(lookbackDays));
        }

        TargetProbability = targetProbability;
        LiquidationTolerance = liquidationTolerance;
        LiquidationPenalty = liquidationPenalty;
        GracePeriodDays = gracePeriodDays;
        AuctionDays = auctionDays;
        LookbackDays = lookbackDays;
    }

    /// <inheritdoc/>
    public string Name => "risk";

    /// <summary>Gets the tolerated chance of a shortfall for a new loan.</summary>
    public double TargetProbability { get; }

    /// <summary>Gets the chance at which a position must be liquidated.</summary>
    public double LiquidationTolerance { get; }

    /// <summary>Gets the liquidation penalty as a fraction of the debt.</summary>
    public decimal LiquidationPenalty { get; }

    /// <summary>Gets the grace period in days.</summary>
    public double GracePeriodDays { get; }

    /// <summary>Gets the auction length in days.</summary>
    public double AuctionDays { get; }

    /// <summary>Gets the days of history read, or <see langword="null"/> for all.</summary>
    public int? LookbackDays { get; }

    /// <summary>Gets the liquidation window in whole days: ⌈grace + auction⌉.</summary>
    public int WindowDays => (int)Math.Ceiling(GracePeriodDays + AuctionDays);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The context has no floor history.</exception>
    /// <exception cref="InsufficientHistoryException">Fewer than 30 windows of history precede the as-of date.</exception>
    public LoanToValueResult Evaluate(CollateralContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        FloorSeries history = context.FloorHistory ?? throw new ArgumentException("The risk model needs the collection's floor history.", nameof(context));
        double[] ratios = WindowMinima(history, context.AsOf, WindowDays, LookbackDays);
        if (ratios.Length < 30)
        {
            throw new InsufficientHistoryException($"The risk model needs at least 30 {WindowDays}-day windows of floor history before the as-of date; there are {ratios.Length}.");
        }

        Array.Sort(ratios);
        double sigma = context.Appraisal?.Breakdown.LogSpread ?? 0;
        double qTarget = Quantile(ratios, TargetProbability, sigma);
        double qTolerance = Quantile(ratios, LiquidationTolerance, sigma);
        decimal onePlus = 1 + LiquidationPenalty;
        decimal maxLtv = Math.Min(0.99m, (decimal)qTarget / onePlus);
        decimal threshold = Math.Clamp((decimal)qTolerance / onePlus, maxLtv, 1m);
        var reasoning = new List<string>
        {
            LoanToValueResult.Inv($"value = {(context.Appraisal is null ? "the floor" : "the appraisal")}, {context.ValueEth:0.####} ETH"),
            LoanToValueResult.Inv($"liquidation window = grace {GracePeriodDays:0.##} + auction {AuctionDays:0.##} days → {WindowDays} days; {ratios.Length} windows of floor history from {history.Dates[0]:yyyy-MM-dd}, worst {ratios[0]:0.####}, median {ratios[ratios.Length / 2]:0.####}"),
            sigma > 0
                ? LoanToValueResult.Inv($"appraisal uncertainty folded in: log spread σ = {sigma:0.####}")
                : "no appraisal uncertainty folded in (floor value)",
            LoanToValueResult.Inv($"{TargetProbability:0.###} quantile of the window's worst ratio = {qTarget:0.####}; max LTV = {qTarget:0.####} / (1 + penalty {LiquidationPenalty:0.####}) = {maxLtv:0.####}"),
            LoanToValueResult.Inv($"{LiquidationTolerance:0.###} quantile = {qTolerance:0.####}; liquidation threshold = {qTolerance:0.####} / {onePlus:0.####} = {threshold:0.####}"),
        };
        return LoanToValueResult.Create(Name, context.ValueEth, maxLtv, threshold, reasoning);
    }

    /// <summary>Every start day's worst floor ratio within the next <paramref name="window"/> days, for windows that end by the as-of date.</summary>
    internal static double[] WindowMinima(FloorSeries history, DateOnly? asOf, int window, int? lookbackDays)
    {
        ReadOnlySpan<DateOnly> dates = history.Dates;
        ReadOnlySpan<decimal> values = history.Values;
        int lastDay = asOf?.DayNumber ?? dates[^1].DayNumber;
        int firstDay = lookbackDays is int back ? lastDay - back : int.MinValue;
        var result = new List<double>();
        for (int s = 0; s < dates.Length; s++)
        {
            int startDay = dates[s].DayNumber;
            if (startDay < firstDay)
            {
                continue;
            }

            if (startDay + window > lastDay)
            {
                break;
            }

            double start = (double)values[s];
            double worst = double.PositiveInfinity;
            for (int k = s + 1; k < dates.Length && dates[k].DayNumber <= startDay + window; k++)
            {
                worst = Math.Min(worst, (double)values[k] / start);
            }

            if (double.IsFinite(worst))
            {
                result.Add(worst);
            }
        }

        return [.. result];
    }

    /// <summary>The lower p-quantile of sorted ratios, optionally convolved with a lognormal appraisal error.</summary>
    internal static double Quantile(double[] sorted, double p, double sigma)
    {
        if (!(sigma > 0))
        {
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
        }

        // Solve mean_s Φ((ln q − ln m_s) / σ) = p for q by bisection on ln q.
        double lo = Math.Log(sorted[0]) - (8 * sigma);
        double hi = Math.Log(sorted[^1]) + (8 * sigma);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            double share = 0;
            foreach (double m in sorted)
            {
                share += Appraisal.TraitPremiumAppraiser.NormalCdf((mid - Math.Log(m)) / sigma);
            }

            if (share / sorted.Length < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Exp(0.5 * (lo + hi));
    }
}
