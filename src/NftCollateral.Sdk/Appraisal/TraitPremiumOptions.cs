using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Appraisal;

/// <summary>
/// Settings of <see cref="TraitPremiumAppraiser"/>. Every time constant <c>τ</c> weighs an observation <c>age</c> days old
/// by <c>e^(−age/τ)</c>.
/// </summary>
/// <remarks>
/// The defaults were chosen on CryptoPunks sales of 2021-01-01 to 2021-06-30 only (a coordinate search minimising mean
/// plus median absolute percentage error); every later month is out of sample. See <c>docs/appraisal.md</c>.
/// </remarks>
public sealed record TraitPremiumOptions
{
    /// <summary>Gets the default settings.</summary>
    public static TraitPremiumOptions Default { get; } = new();

    /// <summary>
    /// Gets the days between refits of the hedonic model (default 1: refit every day on the sales before it). Refit days
    /// are counted from Monday 2017-01-02, so 7 refits every Monday (UTC).
    /// </summary>
    public int RefitIntervalDays { get; init; } = 1;

    /// <summary>Gets how far back the hedonic model looks, in days (default 180; with a 30-day time constant older sales weigh under 0.25%).</summary>
    public int TrainingWindowDays { get; init; } = 180;

    /// <summary>Gets the time constant τ of the hedonic model's sale weights, in days (default 30).</summary>
    public double TrainingDecayDays { get; init; } = 30;

    /// <summary>Gets the ridge penalty λ on the premium coefficients (default 0.5).</summary>
    public double RidgePenalty { get; init; } = 0.5;

    /// <summary>Gets the number of robust reweighting iterations (least absolute deviation by IRLS; default 4, 0 for least squares).</summary>
    public int RobustIterations { get; init; } = 4;

    /// <summary>Gets the smallest residual (log units) a robust weight divides by (default 0.05).</summary>
    public double RobustEpsilon { get; init; } = 0.05;

    /// <summary>Gets the days of recent sales the market level is read from (default 7).</summary>
    public int MarketWindowDays { get; init; } = 7;

    /// <summary>Gets the time constant τ of the market level's weighted median, in days (default 2).</summary>
    public double MarketDecayDays { get; init; } = 2;

    /// <summary>
    /// Gets how far recent sales are assumed to follow the floor (default 0.7): 1 keeps each recent sale's ratio to the
    /// floor of its own day, 0 keeps its price in ETH whatever the floor did since.
    /// </summary>
    public double MarketFloorTracking { get; init; } = 0.7;

    /// <summary>Gets the days of sales searched for comparables (default 180).</summary>
    public int ComparableWindowDays { get; init; } = 180;

    /// <summary>Gets the time constant τ of a comparable's recency weight, in days (default 15).</summary>
    public double ComparableDecayDays { get; init; } = 15;

    /// <summary>Gets the exponent on trait similarity in a comparable's weight (default 4).</summary>
    public double SimilarityExponent { get; init; } = 4;

    /// <summary>
    /// Gets the prior weight of the hedonic premium against the comparables (default 1): the comparables' share of the
    /// blend is W / (W + prior), W being their total weight.
    /// </summary>
    public double ComparablePriorWeight { get; init; } = 1;

    /// <summary>Gets how much of the token's own last sale's unexplained premium carries over when that sale is fresh (default 0.2).</summary>
    public double OwnSaleWeight { get; init; } = 0.2;

    /// <summary>Gets the time constant τ of the own-sale carry-over, in days (default 365).</summary>
    public double OwnSaleDecayDays { get; init; } = 365;

    /// <summary>
    /// Gets the multiplier on the modelled log-price spread used for the range and confidence (default 1.05, which puts
    /// 80% of the January–June 2021 CryptoPunks sales inside the low–high range).
    /// </summary>
    public double SpreadScale { get; init; } = 1.05;

    /// <summary>
    /// Gets the largest multiple of the highest premium among the training sales that a token's premium may reach
    /// (default 2): beyond the evidence the regression's extrapolation (say, of rarity) is not trusted.
    /// </summary>
    public double PremiumCapFactor { get; init; } = 2;

    /// <summary>Gets the most comparable sales listed in a breakdown (default 5).</summary>
    public int ComparablesShown { get; init; } = 5;

    /// <summary>Gets the policy that turns the collection's sales rate into a liquidity haircut (default <see cref="LiquidityHaircutPolicy.Default"/>).</summary>
    public LiquidityHaircutPolicy LiquidityPolicy { get; init; } = LiquidityHaircutPolicy.Default;

    internal void Validate()
    {
        static void Positive(double value, string name)
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
            }
        }

        Positive(RefitIntervalDays, nameof(RefitIntervalDays));
        Positive(TrainingWindowDays, nameof(TrainingWindowDays));
        Positive(TrainingDecayDays, nameof(TrainingDecayDays));
        Positive(RidgePenalty, nameof(RidgePenalty));
        Positive(RobustEpsilon, nameof(RobustEpsilon));
        Positive(MarketWindowDays, nameof(MarketWindowDays));
        Positive(MarketDecayDays, nameof(MarketDecayDays));
        Positive(ComparableWindowDays, nameof(ComparableWindowDays));
        Positive(ComparableDecayDays, nameof(ComparableDecayDays));
        Positive(SimilarityExponent, nameof(SimilarityExponent));
        Positive(ComparablePriorWeight, nameof(ComparablePriorWeight));
        Positive(OwnSaleDecayDays, nameof(OwnSaleDecayDays));
        Positive(SpreadScale, nameof(SpreadScale));
        if (!(PremiumCapFactor >= 1) || !double.IsFinite(PremiumCapFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(PremiumCapFactor), PremiumCapFactor, "PremiumCapFactor must be at least 1 and finite.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(RobustIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(ComparablesShown);
        ArgumentNullException.ThrowIfNull(LiquidityPolicy);
        if (!(MarketFloorTracking >= 0 && MarketFloorTracking <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MarketFloorTracking), MarketFloorTracking, "MarketFloorTracking must be in [0, 1].");
        }

        if (!(OwnSaleWeight >= 0 && OwnSaleWeight <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(OwnSaleWeight), OwnSaleWeight, "OwnSaleWeight must be in [0, 1].");
        }
    }
}
