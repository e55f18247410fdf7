namespace NftCollateral.Sdk.Appraisal;

/// <summary>Appraises one token of a collection as of a date, explaining every figure it gives.</summary>
/// <remarks>
/// <para>
/// An appraisal as of date <c>D</c> uses only information recorded by the end of <c>D</c> (UTC): the floor recorded for
/// <c>D</c>, and sales dated <c>D</c> or earlier. To appraise a sale without hindsight, appraise it as of the day before
/// it (see <see cref="AppraisalBacktest"/>).
/// </para>
/// <para>Implementations must be thread-safe. A request the data cannot answer throws <see cref="AppraisalInputException"/>; no value is made up.</para>
/// </remarks>
public interface IAppraiser
{
    /// <summary>Gets the method's short name (for example <c>trait-premium</c>), as the CLI and JSON output spell it.</summary>
    string Name { get; }

    /// <summary>Appraises a token.</summary>
    /// <param name="tokenId">The token id as the trait file writes it.</param>
    /// <param name="asOf">The as-of date (UTC); information after the end of that day is not used.</param>
    /// <returns>The appraisal with its range, confidence and breakdown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokenId"/> is <see langword="null"/>.</exception>
    /// <exception cref="AppraisalInputException">The token is unknown, the date is outside the data, or no sale precedes it.</exception>
    TokenAppraisal Appraise(string tokenId, DateOnly asOf);
}

/// <summary>An appraisal of one token: a value in ETH, an 80% range, a confidence and the breakdown behind them.</summary>
/// <param name="TokenId">The token.</param>
/// <param name="AsOf">The as-of date: information up to the end of this UTC day was used.</param>
/// <param name="ValueEth">The appraised market value in ETH: what the token is expected to sell for (before any liquidity haircut).</param>
/// <param name="LowEth">The 10th percentile of the modelled sale price (ETH).</param>
/// <param name="HighEth">The 90th percentile of the modelled sale price (ETH).</param>
/// <param name="Confidence">The modelled probability, in [0, 1], that a sale lands within ±20% of <paramref name="ValueEth"/>.</param>
/// <param name="Breakdown">How the value was built.</param>
public sealed record TokenAppraisal(
    string TokenId,
    DateOnly AsOf,
    decimal ValueEth,
    decimal LowEth,
    decimal HighEth,
    double Confidence,
    AppraisalBreakdown Breakdown);

/// <summary>
/// How an appraisal was built: <c>value = floor × market level × trait premium × comparables adjustment × own-sale adjustment</c>
/// (each factor 1 when a method does not use it).
/// </summary>
public sealed record AppraisalBreakdown
{
    /// <summary>Gets the appraiser's name (<c>trait-premium</c>, <c>floor-only</c>).</summary>
    public required string Method { get; init; }

    /// <summary>Gets the floor used (ETH): the lowest public ask at the end of <see cref="FloorDate"/>.</summary>
    public required decimal FloorEth { get; init; }

    /// <summary>Gets the date of the floor used.</summary>
    public required DateOnly FloorDate { get; init; }

    /// <summary>
    /// Gets the market level: what a typical recently sold token cleared at, as a multiple of the floor (the
    /// collection-wide view: recent sales read against the floor).
    /// </summary>
    public double MarketLevel { get; init; } = 1;

    /// <summary>Gets the number of recent sales the market level was read from.</summary>
    public int MarketSales { get; init; }

    /// <summary>Gets the days of sales the market level was read from.</summary>
    public int MarketWindowDays { get; init; }

    /// <summary>Gets the hedonic trait premium: the token's value over a typical recently sold token, as a multiple.</summary>
    public double TraitPremium { get; init; } = 1;

    /// <summary>Gets the traits that drive <see cref="TraitPremium"/>, largest effect first (their factors multiply to it).</summary>
    public IReadOnlyList<TraitDriver> TraitDrivers { get; init; } = [];

    /// <summary>Gets the value from the floor, market level and trait premium alone (the hedonic model), in ETH.</summary>
    public decimal HedonicValueEth { get; init; }

    /// <summary>
    /// Gets the value the comparable sales alone give (ETH): the hedonic value moved by the comparables' own unexplained
    /// premium; <see langword="null"/> when there are none.
    /// </summary>
    public decimal? ComparablesValueEth { get; init; }

    /// <summary>Gets the comparables' share of the blend, W / (W + prior), in [0, 1).</summary>
    public double ComparablesShare { get; init; }

    /// <summary>Gets the blended comparables adjustment, as a multiple.</summary>
    public double ComparablesAdjustment { get; init; } = 1;

    /// <summary>Gets the most heavily weighted comparable sales.</summary>
    public IReadOnlyList<ComparableSale> Comparables { get; init; } = [];

    /// <summary>Gets the token's own sale history before the as-of date (provenance), or <see langword="null"/> when it never sold.</summary>
    public OwnSaleHistory? OwnHistory { get; init; }

    /// <summary>Gets the adjustment from the token's own last sale, as a multiple.</summary>
    public double OwnSaleAdjustment { get; init; } = 1;

    /// <summary>Gets the standard deviation of the modelled log sale price behind the range and the confidence.</summary>
    public double LogSpread { get; init; }

    /// <summary>Gets the collection-wide view: floor, recent volume, listings.</summary>
    public required CollectionView Collection { get; init; }

    /// <summary>Gets the liquidity haircut and the collateral value after it.</summary>
    public LiquidityView? Liquidity { get; init; }

    /// <summary>Gets the date of the hedonic model's last refit (it was fitted on sales before that date), when one was used.</summary>
    public DateOnly? ModelRefitDate { get; init; }

    /// <summary>Gets the number of sales the hedonic model was fitted on.</summary>
    public int TrainingSales { get; init; }

    /// <summary>Gets remarks a reader should see, for example where the data is thin.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>One trait's effect on a token's premium.</summary>
/// <param name="TraitType">The trait type as the source writes it (or <c>OpenRarity score</c>).</param>
/// <param name="Value">The token's value of that trait (<c>null</c> when it lacks it).</param>
/// <param name="TokensWithValue">How many tokens of the collection share the value.</param>
/// <param name="Factor">The multiple this trait contributes to the premium, against a typical recently sold token.</param>
/// <param name="Evidence">The recency-weighted number of training sales that hold the value.</param>
public sealed record TraitDriver(string TraitType, string Value, int TokensWithValue, double Factor, double Evidence);

/// <summary>A comparable sale used in an appraisal.</summary>
/// <param name="TokenId">The token sold.</param>
/// <param name="Date">The sale's date.</param>
/// <param name="PriceEth">The sale price in ETH.</param>
/// <param name="Similarity">The trait similarity (Jaccard) to the appraised token, in (0, 1].</param>
/// <param name="Weight">The sale's share of the comparables' total weight.</param>
/// <param name="UnexplainedPremium">The sale's price over what the hedonic model and its day's market level predicted, as a multiple.</param>
public sealed record ComparableSale(string TokenId, DateOnly Date, decimal PriceEth, double Similarity, double Weight, double UnexplainedPremium);

/// <summary>A token's own sales before the as-of date (flagged wash or accidental sales left out).</summary>
/// <param name="SaleCount">The number of sales.</param>
/// <param name="FirstSaleDate">The first sale's date.</param>
/// <param name="LastSaleDate">The last sale's date.</param>
/// <param name="LastPriceEth">The last sale's price in ETH.</param>
public sealed record OwnSaleHistory(int SaleCount, DateOnly FirstSaleDate, DateOnly LastSaleDate, decimal LastPriceEth);

/// <summary>The collection-wide view used in an appraisal.</summary>
/// <param name="FloorEth">The floor (end-of-day lowest public ask) on the as-of date.</param>
/// <param name="SalesLast30Days">Sales in the 30 days to the as-of date (flagged ones left out).</param>
/// <param name="VolumeEthLast30Days">Their volume in ETH.</param>
/// <param name="ActiveAsks">Public asks standing at the end of the as-of date, when the floor file gives them.</param>
/// <param name="HolderSpread">
/// The share of tokens held by distinct owners, when holder data is supplied; <see langword="null"/> otherwise (the
/// shared sales and floor files carry no holders).
/// </param>
public sealed record CollectionView(decimal FloorEth, int SalesLast30Days, decimal VolumeEthLast30Days, int? ActiveAsks, double? HolderSpread);

/// <summary>The liquidity haircut applied to an appraisal to get a collateral value.</summary>
/// <param name="SalesPerDay">Sales per day over the 30 days to the as-of date.</param>
/// <param name="DaysToLiquidate">Days to sell this one token at that rate.</param>
/// <param name="HaircutBps">The haircut in basis points (<see cref="Market.LiquidityHaircutPolicy"/>).</param>
/// <param name="CollateralValueEth">The value after the haircut, in ETH.</param>
public sealed record LiquidityView(decimal SalesPerDay, decimal DaysToLiquidate, decimal HaircutBps, decimal CollateralValueEth);
