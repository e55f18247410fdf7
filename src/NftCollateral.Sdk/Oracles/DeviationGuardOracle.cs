using System.Globalization;

namespace NftCollateral.Sdk.Oracles;

/// <summary>
/// Rejects a quote that deviates from a caller-supplied reference oracle by more than a percentage, with
/// <see cref="OracleErrorKind.Deviation"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Reference:</b> a second <see cref="IPriceOracle"/> the caller supplies (another feed, a marketplace floor, or a
/// time-weighted estimator over sales), queried concurrently with the inner oracle for the same query. The decorator
/// keeps no state of its own: a TWAP kept over its own accepted quotes would accept its first quote unchecked, lag
/// real moves (and then reject every honest quote), and can be walked by a manipulator one accepted step at a time.
/// </para>
/// <para>
/// The deviation is <c>|quote − reference| / reference × 100</c>. A deviation of <b>exactly</b>
/// <see cref="MaxDeviationPercent"/> is accepted; more is rejected. The guard fails closed: when the reference fails,
/// its exception propagates; a reference of zero or less throws <see cref="OracleErrorKind.NonPositiveAnswer"/>; a
/// reference or quote in another currency than the query's throws <see cref="OracleErrorKind.CurrencyMismatch"/>.
/// </para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class DeviationGuardOracle : DelegatingPriceOracle
{
    private readonly IPriceOracle _referenceOracle;

    /// <summary>Initializes a new instance of the <see cref="DeviationGuardOracle"/> class.</summary>
    /// <param name="innerOracle">The oracle to guard.</param>
    /// <param name="referenceOracle">The oracle whose price the inner oracle's quote is compared with.</param>
    /// <param name="maxDeviationPercent">The largest accepted deviation (inclusive), in percent of the reference (e.g. <c>10</c> for 10 %); must be positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerOracle"/> or <paramref name="referenceOracle"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDeviationPercent"/> is zero or negative.</exception>
    public DeviationGuardOracle(IPriceOracle innerOracle, IPriceOracle referenceOracle, decimal maxDeviationPercent)
        : base(innerOracle)
    {
        ArgumentNullException.ThrowIfNull(referenceOracle);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDeviationPercent, 0m);
        _referenceOracle = referenceOracle;
        MaxDeviationPercent = maxDeviationPercent;
    }

    /// <summary>Gets the largest accepted deviation from the reference (inclusive), in percent.</summary>
    public decimal MaxDeviationPercent { get; }

    /// <inheritdoc/>
    /// <exception cref="OracleException">The quote deviates too far (<see cref="OracleErrorKind.Deviation"/>), a currency differs, the reference is not positive, or either oracle failed.</exception>
    public override async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Task<PriceQuote> quoteTask = InnerOracle.GetPriceAsync(query, cancellationToken).AsTask();
        Task<PriceQuote> referenceTask = _referenceOracle.GetPriceAsync(query, cancellationToken).AsTask();
        try
        {
            await Task.WhenAll(quoteTask, referenceTask).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Both tasks are complete here. Below, the inner oracle's fault is rethrown first, then the reference's,
            // rather than whichever one WhenAll picked; a caller cancel wins over both.
        }

        cancellationToken.ThrowIfCancellationRequested();
        PriceQuote quote = await quoteTask.ConfigureAwait(false);
        PriceQuote reference = await referenceTask.ConfigureAwait(false);

        CheckCurrency(quote, query);
        CheckCurrency(reference, query);
        if (reference.Value <= 0m)
        {
            throw new OracleException(
                OracleErrorKind.NonPositiveAnswer,
                reference.Source,
                query,
                string.Create(CultureInfo.InvariantCulture, $"reference answer {reference.Value} {reference.Currency} is not positive"));
        }

        decimal deviationPercent = Math.Abs(quote.Value - reference.Value) / reference.Value * 100m;
        if (deviationPercent > MaxDeviationPercent)
        {
            throw new OracleException(
                OracleErrorKind.Deviation,
                quote.Source,
                query,
                string.Create(CultureInfo.InvariantCulture, $"answer {quote.Value} deviates {deviationPercent:0.####} % from reference {reference.Value} ({reference.Source}); max is {MaxDeviationPercent} %"));
        }

        return quote;
    }

    private static void CheckCurrency(PriceQuote quote, PriceQuery query)
    {
        if (!string.Equals(quote.Currency, query.Currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new OracleException(
                OracleErrorKind.CurrencyMismatch,
                quote.Source,
                query,
                $"answer is in {quote.Currency}, not {query.Currency}");
        }
    }
}
