namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>
/// Raises the collateral buffer when the revenue stream's signals turn: the RSI strictly below
/// <see cref="ExitRuleOptions.RsiBelow"/> (30), or a bearish MACD divergence in the recent observations. When fired, the
/// required over-collateralization rises by <see cref="ExitRuleOptions.SignalBufferIncrease"/> (10 points) and the rule
/// asks for collateral if the ratio is below the raised level; otherwise it fires with <see cref="ExitAction.Keep"/>.
/// </summary>
/// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
public sealed class SignalBufferRule(ExitRuleOptions? options = null) : IExitRule
{
    private readonly ExitRuleOptions options = CollateralThresholdRule.Checked(options);

    /// <inheritdoc/>
    public string Name => "signal-buffer";

    /// <inheritdoc/>
    public ExitVerdict Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Signals is not { } signals || (signals.Rsi is null && signals.BearishDivergence is null))
        {
            return ExitVerdict.NotEvaluated(Name, $"too few revenue observations ({context.Signals?.Observations ?? 0}) for RSI or MACD");
        }

        var turned = new List<string>();
        if (signals.Rsi is double rsi && rsi < options.RsiBelow)
        {
            turned.Add($"RSI {Figures.Number(rsi)} below {Figures.Number(options.RsiBelow)}");
        }

        if (signals.BearishDivergence == true)
        {
            turned.Add("bearish MACD divergence (revenue higher high, MACD lower high)");
        }

        if (turned.Count == 0)
        {
            string rsiText = signals.Rsi is double r ? $"RSI {Figures.Number(r)} not below {Figures.Number(options.RsiBelow)}" : "RSI not available";
            string macdText = signals.BearishDivergence is null ? "MACD not available" : "no bearish MACD divergence";
            return new ExitVerdict(Name, true, false, ExitAction.Keep, $"{rsiText}; {macdText}");
        }

        double required = context.Preset.MinRatio + options.SignalBufferIncrease;
        double ratio = Figures.Ratio(context.CollateralRatio);
        string head = $"revenue signals turned ({string.Join("; ", turned)}): required collateral raised by {Figures.Number(options.SignalBufferIncrease * 100)} points to {Figures.Percent(required)}";
        return ratio < required
            ? new ExitVerdict(Name, true, true, ExitAction.AddCollateral, $"{head}; collateral ratio {Figures.Percent(ratio)} is below it: add collateral") { BufferIncrease = options.SignalBufferIncrease }
            : new ExitVerdict(Name, true, true, ExitAction.Keep, $"{head}; collateral ratio {Figures.Percent(ratio)} covers it") { BufferIncrease = options.SignalBufferIncrease };
    }
}
