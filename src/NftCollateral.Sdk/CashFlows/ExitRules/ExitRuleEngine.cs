namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>The engine's decision on a position at one date, with every rule's verdict.</summary>
/// <param name="AsOf">The date.</param>
/// <param name="Action">The most severe action any rule asks for.</param>
/// <param name="Verdicts">Every rule's verdict, in the engine's rule order.</param>
/// <param name="CollateralValue">The collateral value counted (after the haircut).</param>
/// <param name="Debt">The debt including accrued interest.</param>
/// <param name="CollateralRatio">CollateralValue / Debt.</param>
/// <param name="RequiredRatio">The preset's maintenance ratio plus the largest buffer increase of a fired rule.</param>
/// <param name="RequiredCollateral">Debt × RequiredRatio: the collateral value (after the haircut) the position needs.</param>
/// <param name="ProjectedIrr">The projected IRR the rules saw, when any.</param>
public sealed record ExitDecision(
    DateOnly AsOf,
    ExitAction Action,
    IReadOnlyList<ExitVerdict> Verdicts,
    double CollateralValue,
    double Debt,
    double CollateralRatio,
    double RequiredRatio,
    double RequiredCollateral,
    IrrResult? ProjectedIrr)
{
    /// <summary>Gets the verdict of the rule named <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="KeyNotFoundException">No rule has that name.</exception>
    public ExitVerdict Verdict(string rule) =>
        Verdicts.FirstOrDefault(v => string.Equals(v.Rule, rule, StringComparison.Ordinal)) ?? throw new KeyNotFoundException($"no rule named '{rule}'");
}

/// <summary>The replay of a position's history: the decision at every date and when each rule first fired.</summary>
public sealed class ExitBacktest
{
    internal ExitBacktest(IReadOnlyList<ExitDecision> steps, IReadOnlyList<string> rules)
    {
        Steps = steps;
        var first = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (string rule in rules)
        {
            first[rule] = steps.FirstOrDefault(s => s.Verdict(rule).Fired)?.AsOf;
        }

        FirstFired = first;
    }

    /// <summary>Gets the decision at every replayed date, in order.</summary>
    public IReadOnlyList<ExitDecision> Steps { get; }

    /// <summary>Gets, for every rule, the first date it fired, or <see langword="null"/> when it never did.</summary>
    public IReadOnlyDictionary<string, DateOnly?> FirstFired { get; }

    /// <summary>The first date the engine's decision was at least as severe as <paramref name="action"/>.</summary>
    /// <param name="action">The action (for example <see cref="ExitAction.Unwind"/>).</param>
    /// <returns>The date, or <see langword="null"/> when it never was.</returns>
    public DateOnly? FirstAction(ExitAction action) => Steps.FirstOrDefault(s => s.Action >= action)?.AsOf;
}

/// <summary>
/// Runs exit rules on a position: the decision is the most severe action any rule asks for (unwind over add collateral
/// over keep), with every rule's verdict and reason. <see cref="Backtest(IEnumerable{ExitContext})"/> replays a history.
/// </summary>
/// <remarks>Thread-safe when its rules are (the built-in rules are immutable).</remarks>
public sealed class ExitRuleEngine
{
    private readonly IExitRule[] rules;

    /// <summary>Initializes a new instance of the <see cref="ExitRuleEngine"/> class.</summary>
    /// <param name="rules">The rules, in the order their verdicts are reported; at least one, names unique.</param>
    /// <exception cref="ArgumentException">There is no rule, a rule is <see langword="null"/>, or two rules share a name.</exception>
    public ExitRuleEngine(IEnumerable<IExitRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        this.rules = [.. rules];
        if (this.rules.Length == 0)
        {
            throw new ArgumentException("An exit-rule engine needs at least one rule.", nameof(rules));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (IExitRule rule in this.rules)
        {
            if (rule is null)
            {
                throw new ArgumentException("A rule is null.", nameof(rules));
            }

            if (!names.Add(rule.Name))
            {
                throw new ArgumentException($"Two rules are named '{rule.Name}'.", nameof(rules));
            }
        }
    }

    /// <summary>Gets the rules, in order.</summary>
    public IReadOnlyList<IExitRule> Rules => rules;

    /// <summary>
    /// Creates the engine with the built-in rules: collateral threshold (120%), over-collateralization (preset),
    /// IRR vs WACC (200 bp), multiple compression (90/180 days), signal buffer (RSI, MACD divergence) and liquidity.
    /// </summary>
    /// <param name="options">The thresholds; <see langword="null"/> for the defaults.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ExitRuleEngine CreateDefault(ExitRuleOptions? options = null)
    {
        options = CollateralThresholdRule.Checked(options);
        return new ExitRuleEngine(
        [
            new CollateralThresholdRule(options),
            new OverCollateralizationRule(),
            new IrrVersusWaccRule(options),
            new MultipleCompressionRule(options),
            new SignalBufferRule(options),
            new LiquidityRule(options),
        ]);
    }

    /// <summary>Runs every rule on a position.</summary>
    /// <param name="context">The position's state.</param>
    /// <returns>The decision with every verdict.</returns>
    /// <exception cref="ArgumentException">The context's figures are out of range (see <see cref="ExitContext.Validate"/>).</exception>
    public ExitDecision Evaluate(ExitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Validate();
        var verdicts = new ExitVerdict[rules.Length];
        ExitAction action = ExitAction.Keep;
        double buffer = 0;
        for (int i = 0; i < rules.Length; i++)
        {
            ExitVerdict verdict = rules[i].Evaluate(context) ?? throw new InvalidOperationException($"Rule '{rules[i].Name}' returned no verdict.");
            verdicts[i] = verdict;
            if (verdict.Fired)
            {
                action = verdict.Action > action ? verdict.Action : action;
                buffer = Math.Max(buffer, verdict.BufferIncrease);
            }
        }

        double required = context.Preset.MinRatio + buffer;
        return new ExitDecision(context.AsOf, action, verdicts, context.CollateralValue, context.Debt, context.CollateralRatio, required, context.Debt * required, context.ProjectedIrr);
    }

    /// <summary>Replays a history: evaluates every state in order and records when each rule first fired.</summary>
    /// <param name="history">The states, in date order.</param>
    /// <returns>The replay.</returns>
    /// <exception cref="ArgumentException">The states are not in strictly increasing date order, or one is invalid.</exception>
    public ExitBacktest Backtest(IEnumerable<ExitContext> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = new List<ExitDecision>();
        foreach (ExitContext context in history)
        {
            if (steps.Count > 0 && context.AsOf <= steps[^1].AsOf)
            {
                throw new ArgumentException($"The history must be in increasing date order: {CashFlowSeries.Iso(context.AsOf)} follows {CashFlowSeries.Iso(steps[^1].AsOf)}.", nameof(history));
            }

            steps.Add(Evaluate(context));
        }

        return new ExitBacktest(steps, [.. rules.Select(r => r.Name)]);
    }

    /// <summary>Replays a position at the given dates, building each state with <paramref name="builder"/> from the data known on that date only.</summary>
    /// <param name="builder">Builds the state at a date.</param>
    /// <param name="dates">The dates, increasing; <see langword="null"/> for <see cref="ExitContextBuilder.ReplayDates"/>.</param>
    /// <returns>The replay.</returns>
    public ExitBacktest Backtest(ExitContextBuilder builder, IEnumerable<DateOnly>? dates = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Backtest((dates ?? builder.ReplayDates()).Select(builder.Build));
    }
}
