using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Lending.Ltv;

/// <summary>
/// A loan-to-value (discount) model: turns a collateral's floor, appraisal and market context into a maximum LTV, a
/// borrow limit, a liquidation threshold and a liquidation price, with its reasoning.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe.</remarks>
public interface ILoanToValueModel
{
    /// <summary>Gets the model's short name (<c>fixed</c>, <c>rarity</c>, <c>trait-boost</c>, <c>liquidity</c>, <c>risk</c>).</summary>
    string Name { get; }

    /// <summary>Evaluates the model for one collateral.</summary>
    /// <param name="context">The collateral and its market.</param>
    /// <returns>The limits and the reasoning behind them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context lacks an input the model needs.</exception>
    LoanToValueResult Evaluate(CollateralContext context);
}

/// <summary>One trait of the collateral token, as the trait file writes it.</summary>
/// <param name="TraitType">The trait type (for example <c>type</c>).</param>
/// <param name="Value">The value (for example <c>Alien</c>).</param>
public sealed record TokenTrait(string TraitType, string Value);

/// <summary>What an LTV model may read about one collateral token. ETH figures; fractions in [0, 1].</summary>
public sealed record CollateralContext
{
    /// <summary>Gets the collection floor in ETH (positive).</summary>
    public required decimal FloorEth { get; init; }

    /// <summary>Gets the token's appraisal, when one was made.</summary>
    public TokenAppraisal? Appraisal { get; init; }

    /// <summary>Gets the token's traits (for trait boosts).</summary>
    public IReadOnlyList<TokenTrait> Traits { get; init; } = [];

    /// <summary>Gets an explicit rarity multiplier of the floor (for the rarity model); derived from the appraisal when <see langword="null"/>.</summary>
    public decimal? RarityMultiplier { get; init; }

    /// <summary>Gets the collection's sales per day (for the liquidity model).</summary>
    public decimal? SalesPerDay { get; init; }

    /// <summary>Gets the order book's spread (for the liquidity model), when a book is available.</summary>
    public SpreadResult? Spread { get; init; }

    /// <summary>Gets the number of tokens that would be liquidated together (default 1).</summary>
    public int PositionSize { get; init; } = 1;

    /// <summary>Gets the collection's floor history (for the risk model); only dates on or before <see cref="AsOf"/> are read.</summary>
    public FloorSeries? FloorHistory { get; init; }

    /// <summary>Gets the as-of date of the evaluation (for the risk model: history after it is ignored).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Gets the appraised value when there is an appraisal, else the floor.</summary>
    public decimal ValueEth => Appraisal?.ValueEth ?? FloorEth;

    /// <summary>Builds a context from an appraisal: its floor, traits of the dataset, sales rate and floor history.</summary>
    /// <param name="appraisal">The appraisal.</param>
    /// <param name="data">The data the appraisal was made from (for the traits and the floor history).</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static CollateralContext FromAppraisal(TokenAppraisal appraisal, AppraisalDataset data)
    {
        ArgumentNullException.ThrowIfNull(appraisal);
        ArgumentNullException.ThrowIfNull(data);
        var traits = new List<TokenTrait>();
        if (data.Traits.TryGetTokenIndex(appraisal.TokenId, out int row))
        {
            ReadOnlySpan<int> cells = data.Traits.GetRow(row);
            for (int t = 0; t < cells.Length; t++)
            {
                if (cells[t] != 0)
                {
                    traits.Add(new TokenTrait(data.Traits.TraitTypes[t].DisplayName, data.Traits.TraitTypes[t].GetDisplayValue(cells[t])));
                }
            }
        }

        return new CollateralContext
        {
            FloorEth = appraisal.Breakdown.FloorEth,
            Appraisal = appraisal,
            Traits = traits,
            SalesPerDay = appraisal.Breakdown.Liquidity?.SalesPerDay,
            FloorHistory = data.Floors,
            AsOf = appraisal.AsOf,
        };
    }

    internal void Validate()
    {
        if (FloorEth <= 0)
        {
            throw new ArgumentException($"The floor must be positive, not {FloorEth}.", nameof(FloorEth));
        }

        if (ValueEth <= 0)
        {
            throw new ArgumentException($"The appraised value must be positive, not {ValueEth}.", nameof(Appraisal));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PositionSize, 1, nameof(PositionSize));
    }
}

/// <summary>What an LTV model allows for one collateral.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="ValueEth">The collateral value the LTV applies to (ETH).</param>
/// <param name="MaxLtv">The largest debt as a fraction of <paramref name="ValueEth"/>.</param>
/// <param name="BorrowLimitEth">The largest debt: <paramref name="MaxLtv"/> × <paramref name="ValueEth"/>.</param>
/// <param name="LiquidationThreshold">The debt-to-value fraction at or above which the position is liquidated.</param>
/// <param name="LiquidationPriceEth">
/// The collateral value at which a loan drawn to the borrow limit reaches the threshold:
/// <paramref name="BorrowLimitEth"/> / <paramref name="LiquidationThreshold"/>.
/// </param>
/// <param name="Reasoning">How the figures were reached, one step per line.</param>
public sealed record LoanToValueResult(
    string Model,
    decimal ValueEth,
    decimal MaxLtv,
    decimal BorrowLimitEth,
    decimal LiquidationThreshold,
    decimal LiquidationPriceEth,
    IReadOnlyList<string> Reasoning)
{
    internal static LoanToValueResult Create(string model, decimal value, decimal maxLtv, decimal threshold, List<string> reasoning)
    {
        decimal borrow = maxLtv * value;
        // threshold ≥ max LTV, so the price is at most the value (the clamp only removes decimal rounding).
        decimal liquidationPrice = Math.Min(value, borrow / threshold);
        reasoning.Add(Inv($"borrow limit = {maxLtv:0.####} × {value:0.####} ETH = {borrow:0.####} ETH; liquidated when the value falls to {borrow:0.####} / {threshold:0.####} = {liquidationPrice:0.####} ETH"));
        return new LoanToValueResult(model, value, maxLtv, borrow, threshold, liquidationPrice, reasoning);
    }

    internal static string Inv(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
