using System.Globalization;

namespace NftCollateral.Sdk.Oracles;

/// <summary>Rejects quotes whose value is zero or negative with <see cref="OracleErrorKind.NonPositiveAnswer"/>.</summary>
/// <remarks>
/// A zero is treated as a missing price, never as a price: APIs use it as a sentinel, and a negative feed answer
/// cast to an unsigned integer becomes a huge one. This type is stateless and thread-safe.
/// </remarks>
public sealed class NonPositiveGuardOracle : DelegatingPriceOracle
{
    /// <summary>Initializes a new instance of the <see cref="NonPositiveGuardOracle"/> class.</summary>
    /// <param name="innerOracle">The oracle to guard.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerOracle"/> is <see langword="null"/>.</exception>
    public NonPositiveGuardOracle(IPriceOracle innerOracle)
        : base(innerOracle)
    {
    }

    /// <inheritdoc/>
    /// <exception cref="OracleException">The value is zero or negative (<see cref="OracleErrorKind.NonPositiveAnswer"/>), or the inner oracle failed.</exception>
    public override async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        PriceQuote quote = await InnerOracle.GetPriceAsync(query, cancellationToken).ConfigureAwait(false);
        if (quote.Value <= 0m)
        {
            throw new OracleException(
                OracleErrorKind.NonPositiveAnswer,
                quote.Source,
                query,
                string.Create(CultureInfo.InvariantCulture, $"answer {quote.Value} {quote.Currency} is not positive"));
        }

        return quote;
    }
}
