using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Judges the collateral as it could be sold: the collateral ratio after the liquidity haircut of the market-data metrics
/// (<see cref="LiquidityHaircutPolicy"/>: spread and days to liquidate). Unwinds when that ratio is at or below
/// <see cref="ExitRuleOptions.UnwindRatio"/> (120%); asks for collateral when it is below the preset's maintenance level or
/// when the haircut hit its cap (the position is too large for the market). Not evaluated without liquidity data.
/// </summary>
/// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
public sealed class LiquidityRule(ExitRuleOptions? options = null) : IExitRule
{
    private readonly ExitRuleOptions options = CollateralThresholdRule.Checked(options);

    /// <inheritdoc/>
    public string Name => "liquidity";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Liquidity is not { } haircut)
        {
            return ExitVerdict.NotEvaluated(Name, "no liquidity data (order book or sales rate)");
        }

        double bps = (double)haircut.HaircutBps;
        double adjusted = Figures.Ratio(context.CollateralRatio * (1 - (bps / 10_000)));
        string figures = $"after the liquidity haircut of {Figures.Number(bps)} bp the collateral ratio is {Figures.Percent(adjusted)}";
        if (adjusted <= options.UnwindRatio)
        {
            return new ExitVerdict(Name, true, true, ExitAction.Unwind, $"{figures}, at or below {Figures.Percent(options.UnwindRatio)}: unwind while the market can absorb it");
        }

        if (adjusted < context.Preset.MinRatio)
        {
            return new ExitVerdict(Name, true, true, ExitAction.AddCollateral, $"{figures}, below the maintenance level of {Figures.Percent(context.Preset.MinRatio)}: add collateral");
        }

        if (haircut.Capped)
        {
            return new ExitVerdict(Name, true, true, ExitAction.AddCollateral, $"{figures}, but the haircut hit its cap of {Figures.Number((double)haircut.Policy.CapBps)} bp: the position is too large for the market, add collateral");
        }

        return new ExitVerdict(Name, true, false, ExitAction.Keep, $"{figures}, above the maintenance level of {Figures.Percent(context.Preset.MinRatio)}");
    }
}
