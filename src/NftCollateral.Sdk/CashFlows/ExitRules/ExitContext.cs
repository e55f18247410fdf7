using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// How a revenue multiple (value over trailing revenue) stands against its historical average at one date.
/// </summary>
/// <param name="CurrentMultiple">The latest multiple on or before the as-of date.</param>
/// <param name="HistoricalAverage">The mean of the multiples observed before the latest one.</param>
/// <param name="CompressedSince">The first observation of the current run below the average, or <see langword="null"/> when the latest multiple is not below it.</param>
/// <param name="DaysCompressed">Days from <paramref name="CompressedSince"/> to the as-of date (0 when not compressed).</param>
public sealed record MultipleCompressionState(double CurrentMultiple, double HistoricalAverage, DateOnly? CompressedSince, int DaysCompressed);

/// <summary>Signals on the revenue stream at one date (see <see cref="Signals.SignalKernels"/>).</summary>
/// <param name="Rsi">The latest RSI (Wilder), or <see langword="null"/> when there are too few observations.</param>
/// <param name="BearishDivergence">Whether revenue made a higher high while its MACD line made a lower high in the recent observations; <see langword="null"/> when the MACD needs more observations.</param>
/// <param name="Observations">How many revenue observations the signals were computed from.</param>
public sealed record RevenueSignalState(double? Rsi, bool? BearishDivergence, int Observations);

/// <summary>
/// A revenue-backed position's state at one date: what every exit rule reads. Build one by hand, or with
/// <see cref="ExitContextBuilder"/> from a position and its revenue history.
/// </summary>
/// <remarks>
/// The collateral value counted is the appraised value after the preset's haircut; the collateral ratio is that value over
/// the debt including accrued interest. Optional parts left <see langword="null"/> make the rules that need them report
/// "not evaluated".
/// </remarks>
public sealed record ExitContext
{
    /// <summary>Gets the date the state describes.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Gets the appraised value of the collateral (market value or cash-flow valuation), before the haircut; finite, not negative.</summary>
    public required double AppraisedValue { get; init; }

    /// <summary>Gets the debt: principal plus accrued interest; positive.</summary>
    public required double Debt { get; init; }

    /// <summary>Gets the over-collateralization range and haircut in force.</summary>
    public required CollateralPreset Preset { get; init; }

    /// <summary>Gets the borrower's weighted average cost of capital as a fraction (0.09 = 9%), above −1; <see langword="null"/> when unknown.</summary>
    public double? Wacc { get; init; }

    /// <summary>Gets the projected IRR of the position (annual), or <see langword="null"/> when not computed.</summary>
    public IrrResult? ProjectedIrr { get; init; }

    /// <summary>Gets the revenue multiple against its history, or <see langword="null"/> when there is no value history.</summary>
    public MultipleCompressionState? MultipleCompression { get; init; }

    /// <summary>Gets the signals on the revenue stream, or <see langword="null"/> when not computed.</summary>
    public RevenueSignalState? Signals { get; init; }

    /// <summary>Gets the liquidity haircut from the market-data metrics (<see cref="LiquidityHaircutPolicy"/>), or <see langword="null"/> when there is no market data.</summary>
    public LiquidityHaircut? Liquidity { get; init; }

    /// <summary>Gets the collateral value counted: <c>AppraisedValue × (1 − Preset.Haircut)</c>.</summary>
    public double CollateralValue => AppraisedValue * (1 - Preset.Haircut);

    /// <summary>Gets the collateral ratio: <see cref="CollateralValue"/> / <see cref="Debt"/> (1.2 = 120%).</summary>
    public double CollateralRatio => CollateralValue / Debt;

    /// <summary>Checks the figures.</summary>
    /// <exception cref="ArgumentException">The debt is not positive and finite, the appraised value is negative or not finite, the WACC is −100% or less, or the preset is invalid.</exception>
    public void Validate()
    {
        if (!(Debt > 0) || !double.IsFinite(Debt))
        {
            throw new ArgumentException($"The debt must be positive and finite, not {Debt}.", nameof(Debt));
        }

        if (!(AppraisedValue >= 0) || !double.IsFinite(AppraisedValue))
        {
            throw new ArgumentException($"The appraised value must be finite and not negative, not {AppraisedValue}.", nameof(AppraisedValue));
        }

        if (Wacc is double wacc && (!(wacc > -1) || !double.IsFinite(wacc)))
        {
            throw new ArgumentException($"The WACC must be finite and above -100%, not {wacc}.", nameof(Wacc));
        }

        ArgumentNullException.ThrowIfNull(Preset);
        Preset.Validate();
    }
}
