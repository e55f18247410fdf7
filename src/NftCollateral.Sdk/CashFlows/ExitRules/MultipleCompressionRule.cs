using System.Globalization;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Acts on a revenue multiple that stays below its historical average: after
/// <see cref="ExitRuleOptions.CompressionAddCollateralDays"/> (90) days it asks for more collateral, after
/// <see cref="ExitRuleOptions.CompressionUnwindDays"/> (180) days it unwinds (the seed's "exit after 90–180 days"; both
/// boundaries inclusive). Not evaluated without a value history.
/// </summary>
/// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
public sealed class MultipleCompressionRule(ExitRuleOptions? options = null) : IExitRule
{
    private readonly ExitRuleOptions options = CollateralThresholdRule.Checked(options);

    /// <inheritdoc/>
    public string Name => "multiple-compression";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MultipleCompression is not { } state)
        {
            return ExitVerdict.NotEvaluated(Name, "no value history to follow the revenue multiple");
        }

        string figures = $"revenue multiple {Figures.Number(state.CurrentMultiple)} vs historical average {Figures.Number(state.HistoricalAverage)}";
        if (state.CompressedSince is not DateOnly since)
        {
            return new ExitVerdict(Name, true, false, ExitAction.Keep, $"{figures}: not below the average");
        }

        string run = string.Create(CultureInfo.InvariantCulture, $"{figures}: below the average for {state.DaysCompressed} days (since {CashFlowSeries.Iso(since)})");
        if (state.DaysCompressed >= options.CompressionUnwindDays)
        {
            return new ExitVerdict(Name, true, true, ExitAction.Unwind, string.Create(CultureInfo.InvariantCulture, $"{run}, at least {options.CompressionUnwindDays}: exit"));
        }

        if (state.DaysCompressed >= options.CompressionAddCollateralDays)
        {
            return new ExitVerdict(Name, true, true, ExitAction.AddCollateral, string.Create(CultureInfo.InvariantCulture, $"{run}, at least {options.CompressionAddCollateralDays}: add collateral, exit by day {options.CompressionUnwindDays}"));
        }

        return new ExitVerdict(Name, true, false, ExitAction.Keep, string.Create(CultureInfo.InvariantCulture, $"{run}, fewer than {options.CompressionAddCollateralDays}"));
    }
}
