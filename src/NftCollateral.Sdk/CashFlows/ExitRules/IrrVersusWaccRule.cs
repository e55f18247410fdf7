using System.Globalization;

namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Exits when the projected IRR falls more than <see cref="ExitRuleOptions.IrrShortfallBps"/> (200 bp) below the
/// borrower's WACC: fires when <c>(WACC − IRR) × 10,000 &gt; 200</c>, the shortfall compared in basis points rounded to 9
/// decimals (exactly 200 bp below does not fire). Not evaluated without a WACC or with an undefined IRR.
/// </summary>
/// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
public sealed class IrrVersusWaccRule(ExitRuleOptions? options = null) : IExitRule
{
    private readonly ExitRuleOptions options = CollateralThresholdRule.Checked(options);

    /// <inheritdoc/>
    public string Name => "irr-vs-wacc";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Wacc is not double wacc)
        {
            return ExitVerdict.NotEvaluated(Name, "no WACC given");
        }

        if (context.ProjectedIrr is not { } irr)
        {
            return ExitVerdict.NotEvaluated(Name, "no projected IRR");
        }

        if (irr.Rate is not double rate)
        {
            return ExitVerdict.NotEvaluated(Name, $"the projected IRR is undefined ({irr.Reason})");
        }

        double shortfall = Math.Round((wacc - rate) * 10_000, 9);
        string figures = $"projected IRR {Figures.Percent(rate)} vs WACC {Figures.Percent(wacc)}: {Figures.Number(shortfall)} bp below";
        string limit = string.Create(CultureInfo.InvariantCulture, $"{options.IrrShortfallBps:0.####} bp");
        return shortfall > options.IrrShortfallBps
            ? new ExitVerdict(Name, true, true, ExitAction.Unwind, $"{figures}, more than {limit}: exit")
            : new ExitVerdict(Name, true, false, ExitAction.Keep, $"{figures}, within {limit}");
    }
}
