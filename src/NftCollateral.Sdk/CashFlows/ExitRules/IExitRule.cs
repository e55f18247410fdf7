namespace NftCollateral.Sdk.CashFlows.ExitRules;

/// <summary>What a lender should do with a position, in increasing severity.</summary>
public enum ExitAction
{
    /// <summary>Keep the position as it is.</summary>
    Keep = 0,

    /// <summary>Ask the borrower to add collateral (or repay part of the loan).</summary>
    AddCollateral = 1,

    /// <summary>Start an orderly unwind now.</summary>
    Unwind = 2,
}

/// <summary>One rule's verdict on a position: whether it fired, what it asks for and why.</summary>
/// <param name="Rule">The rule's <see cref="IExitRule.Name"/>.</param>
/// <param name="Evaluated">Whether the rule had the data it needs; a rule that was not evaluated never fires and says what was missing.</param>
/// <param name="Fired">Whether the rule fired.</param>
/// <param name="Action">What the rule asks for: <see cref="ExitAction.Keep"/> when it did not fire.</param>
/// <param name="Reason">A one-line explanation with the figures compared.</param>
public sealed record ExitVerdict(string Rule, bool Evaluated, bool Fired, ExitAction Action, string Reason)
{
    /// <summary>Gets how much the rule raises the required over-collateralization (ratio points, 0.1 = 10 percentage points); 0 for most rules.</summary>
    public double BufferIncrease { get; init; }

    /// <summary>Creates the verdict of a rule that lacked data: not evaluated, not fired.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="reason">What was missing.</param>
    /// <returns>The verdict.</returns>
    public static ExitVerdict NotEvaluated(string rule, string reason) => new(rule, false, false, ExitAction.Keep, "not evaluated: " + reason);
}

/// <summary>
/// An exit rule: a pure function from a position's state at one date to a verdict (keep, add collateral, unwind) with
/// its reason. Implementations must not keep state between calls, so that a replay (<see cref="ExitRuleEngine.Backtest(IEnumerable{ExitContext})"/>)
/// shows when each rule would have fired.
/// </summary>
public interface IExitRule
{
    /// <summary>Gets the rule's name, stable and lower-case with hyphens (it appears in the CLI's JSON).</summary>
    string Name { get; }

    /// <summary>Judges the position.</summary>
    /// <param name="context">The position's state at <see cref="ExitContext.AsOf"/>; validated by the engine.</param>
    /// <returns>The verdict.</returns>
    ExitVerdict Evaluate(ExitContext context);
}
