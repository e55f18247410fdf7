namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Starts an orderly unwind when the collateral value (after the haircut) falls to <see cref="ExitRuleOptions.UnwindRatio"/>
/// (120%) of the debt including accrued interest: fires when <c>ratio ≤ 1.20</c> (ratios compared at 12 decimals).
/// </summary>
/// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
public sealed class CollateralThresholdRule(ExitRuleOptions? options = null) : IExitRule
{
    private readonly ExitRuleOptions options = Checked(options);

    /// <inheritdoc/>
    public string Name => "collateral-threshold";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        double ratio = Figures.Ratio(context.CollateralRatio);
        string figures = $"collateral ratio {Figures.Percent(ratio)} (collateral {Figures.Amount(context.CollateralValue)} after a {Figures.Percent(context.Preset.Haircut)} haircut, debt {Figures.Amount(context.Debt)} with accrued interest)";
        return ratio <= options.UnwindRatio
            ? new ExitVerdict(Name, true, true, ExitAction.Unwind, $"{figures} is at or below {Figures.Percent(options.UnwindRatio)}: start an orderly unwind")
            : new ExitVerdict(Name, true, false, ExitAction.Keep, $"{figures} is above {Figures.Percent(options.UnwindRatio)}");
    }

    internal static ExitRuleOptions Checked(ExitRuleOptions? options)
    {
        options ??= ExitRuleOptions.Default;
        options.Validate();
        return options;
    }
}
