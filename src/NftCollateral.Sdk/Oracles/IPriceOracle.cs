namespace NftCollateral.Sdk.Oracles;

/// <summary>Quotes the price of a collection (its floor) or of one token.</summary>
/// <remarks>
/// <para>
/// This is a plug point: the SDK's Chainlink feed reader implements it in <c>NftCollateral.Sdk.Evm</c>, and callers
/// may write their own adapters. Add behaviour with decorators (derive from <see cref="DelegatingPriceOracle"/>) and
/// compose them with <see cref="PriceOracleBuilder"/>; the interface will not grow.
/// </para>
/// <para>
/// Contract for implementations: return a quote only for a real answer. On any fault (stale or non-positive answer,
/// incomplete round, no feed, a revert, a dead contract) throw <see cref="OracleException"/> naming the source and the
/// query; never return a default or zero quote. When <c>cancellationToken</c> is cancelled, throw
/// <see cref="OperationCanceledException"/>, never an <see cref="OracleException"/>. Implementations must be thread-safe.
/// </para>
/// </remarks>
public interface IPriceOracle
{
    /// <summary>Gets the current price for <paramref name="query"/>.</summary>
    /// <param name="query">What to price.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The quote.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="OracleException">The source could not give a usable price; <see cref="OracleException.Kind"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default);
}
