using System.Globalization;

namespace NftCollateral.Sdk.CashFlows;

/// <summary>What an IRR or XIRR computation found.</summary>
public enum IrrStatus
{
    /// <summary>Exactly one rate makes the NPV zero (in the scanned range when the flows change sign more than once): <see cref="IrrResult.Rate"/> holds it.</summary>
    Unique = 0,

    /// <summary>Several rates make the NPV zero: <see cref="IrrResult.Roots"/> lists every one found and no single IRR is reported.</summary>
    Multiple = 1,

    /// <summary>Every nonzero amount has the same sign: no rate makes the NPV zero, so there is no IRR.</summary>
    NoSignChange = 2,

    /// <summary>Every amount is zero (or the amounts cancel on every date): every rate makes the NPV zero, so the IRR is undefined.</summary>
    AllZero = 3,

    /// <summary>The amounts change sign but the NPV does not cross zero in the scanned range of rates.</summary>
    NoRootInRange = 4,

    /// <summary>A periodic IRR was asked of a series whose dates are not regularly spaced; use XIRR.</summary>
    IrregularSpacing = 5,
}

/// <summary>
/// The outcome of <see cref="CashFlowMath.Irr(ReadOnlySpan{double}, IrrOptions?)"/> or
/// <see cref="CashFlowMath.Xirr(ReadOnlySpan{DateOnly}, ReadOnlySpan{double}, IrrOptions?)"/>: the rate when it is
/// defined, otherwise why not, with every root found. Never NaN.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IrrResult
{
    private readonly double[] roots;

    internal IrrResult(IrrStatus status, double[] roots, int signChanges, string? reason)
    {
        Status = status;
        this.roots = roots;
        SignChanges = signChanges;
        Reason = reason;
    }

    /// <summary>Creates a result for a rate computed elsewhere (for example a projected IRR from another model).</summary>
    /// <param name="rate">The rate, finite and above −1.</param>
    /// <returns>A <see cref="IrrStatus.Unique"/> result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not finite or is −1 or less.</exception>
    public static IrrResult FromRate(double rate)
    {
        CashFlowMath.CheckRate(rate, nameof(rate));
        return new IrrResult(IrrStatus.Unique, [rate], 1, null);
    }

    /// <summary>Gets what was found.</summary>
    public IrrStatus Status { get; }

    /// <summary>Gets the IRR (per period for IRR, annual on actual/365 for XIRR) when <see cref="Status"/> is <see cref="IrrStatus.Unique"/>; otherwise <see langword="null"/>.</summary>
    public double? Rate => Status == IrrStatus.Unique ? roots[0] : null;

    /// <summary>Gets a value indicating whether <see cref="Rate"/> holds a single IRR.</summary>
    public bool IsDefined => Status == IrrStatus.Unique;

    /// <summary>Gets every rate found at which the NPV is zero, ascending (empty when none; two or more for <see cref="IrrStatus.Multiple"/>).</summary>
    public IReadOnlyList<double> Roots => roots;

    /// <summary>Gets how many times the sign of the (date-merged) amounts changes, ignoring zeros: an upper bound on the number of IRRs (Descartes' rule of signs).</summary>
    public int SignChanges { get; }

    /// <summary>Gets why the IRR is undefined, or a note on how a unique rate was found among several possible; <see langword="null"/> for a plain unique IRR.</summary>
    public string? Reason { get; }

    /// <summary>Returns the rate, or the status and reason.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Rate is double rate
        ? rate.ToString("R", CultureInfo.InvariantCulture)
        : $"{Status}: {Reason}";
}

/// <summary>
/// How IRR and XIRR look for roots when the amounts change sign more than once (with one sign change there is exactly
/// one root above −100%, and it is found wherever it lies).
/// </summary>
/// <remarks>
/// The scan evaluates the NPV at <see cref="ScanPoints"/> rates evenly spaced in <c>ln(1 + r)</c> from
/// <see cref="MinRate"/> to <see cref="MaxRate"/> and refines every sign change with Brent's method. Two roots closer
/// together than one scan step, or a root where the NPV only touches zero, can be missed; <see cref="IrrResult.SignChanges"/>
/// bounds how many there can be. Beyond the range, the NPV's sign at each end is compared with its limit (the sign of the
/// first amount as r → ∞, of the last as r → −1): when they differ the outermost root out there is found too.
/// </remarks>
public sealed record IrrOptions
{
    /// <summary>Gets the default options.</summary>
    public static IrrOptions Default { get; } = new();

    /// <summary>Gets the lowest rate scanned, above −1 (default −0.99).</summary>
    public double MinRate { get; init; } = -0.99;

    /// <summary>Gets the highest rate scanned (default 10, i.e. 1,000% per period or year).</summary>
    public double MaxRate { get; init; } = 10;

    /// <summary>Gets the number of scan intervals (default 2,000: steps of about 0.35% in 1 + r).</summary>
    public int ScanPoints { get; init; } = 2000;

    internal void Validate()
    {
        if (!(MinRate > -1) || !double.IsFinite(MinRate) || !double.IsFinite(MaxRate) || !(MaxRate > MinRate))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The IRR scan range must satisfy -1 < MinRate < MaxRate, both finite (MinRate {MinRate}, MaxRate {MaxRate})."), nameof(IrrOptions));
        }

        if (ScanPoints < 10 || ScanPoints > 1_000_000)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ScanPoints must be from 10 to 1,000,000, not {ScanPoints}."), nameof(IrrOptions));
        }
    }
}

/// <summary>A figure that is either defined or undefined with a reason (a payback never reached, a multiple of a non-positive cash flow). Never NaN.</summary>
public readonly record struct CashFlowFigure
{
    private CashFlowFigure(double? value, string? reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>Gets the value, or <see langword="null"/> when undefined.</summary>
    public double? Value { get; }

    /// <summary>Gets why the figure is undefined, or <see langword="null"/> when it is defined.</summary>
    public string? Reason { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> is defined.</summary>
    public bool IsDefined => Value is not null;

    /// <summary>Creates a defined figure.</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not finite.</exception>
    public static CashFlowFigure Defined(double value) =>
        double.IsFinite(value) ? new(value, null) : throw new ArgumentOutOfRangeException(nameof(value), value, "A defined figure must be finite.");

    /// <summary>Creates an undefined figure.</summary>
    /// <param name="reason">Why it is undefined.</param>
    /// <returns>The figure.</returns>
    public static CashFlowFigure Undefined(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }

    /// <summary>Returns the value, or <c>undefined: reason</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : $"undefined: {Reason}";
}
