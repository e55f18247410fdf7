namespace NftCollateral.Sdk.Market;

/// <summary>
/// A source of marketplace data for one collection: sales, active listings (asks) and active offers (bids), each as a
/// stream read page by page.
/// </summary>
/// <remarks>
/// <para>Implementations read lazily: nothing is requested until the stream is enumerated, and each page is requested
/// only when the previous one has been consumed. Stop early with <c>Take</c> or by breaking out of the loop.</para>
/// <para>Prices are in ETH. An item whose price is unknown (missing, zero, or in a currency the source cannot convert) is
/// never reported as 0: adapters skip it or raise an error, as their options say.</para>
/// <para>Remote faults raise an <see cref="NftCollateralException"/> subtype; a caller's cancellation raises
/// <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public interface IMarketDataSource
{
    /// <summary>Streams the sales matching <paramref name="query"/>, newest first when the source orders them.</summary>
    /// <param name="query">The collection, and optionally a token and a start time.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The sales, one page at a time.</returns>
    IAsyncEnumerable<Sale> GetSalesAsync(MarketQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams the active listings (asks) matching <paramref name="query"/>, cheapest first when the source sorts them.</summary>
    /// <param name="query">The collection, and optionally a token.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The listings, one page at a time.</returns>
    IAsyncEnumerable<MarketListing> GetListingsAsync(MarketQuery query, CancellationToken cancellationToken = default);

    /// <summary>Streams the active offers (bids) matching <paramref name="query"/>, highest first when the source sorts them.</summary>
    /// <param name="query">The collection, and optionally a token.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The bids (token, collection-wide and trait offers), one page at a time.</returns>
    IAsyncEnumerable<MarketBid> GetBidsAsync(MarketQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A source that can report a collection's floor ask in one request (the marketplaces keep it precomputed).</summary>
/// <remarks>
/// Kept apart from <see cref="IMarketDataSource"/> so that sources without a cheap floor need not fake one; the floor
/// can always be derived from <see cref="IMarketDataSource.GetListingsAsync"/> instead.
/// </remarks>
public interface IFloorAskSource
{
    /// <summary>Reads the lowest active ask of <paramref name="collection"/>.</summary>
    /// <param name="collection">The collection, in the source's own terms (a contract address or a slug).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The floor ask, or <see langword="null"/> when the source reports no priced listing (never a zero floor).</returns>
    Task<FloorAsk?> GetFloorAskAsync(string collection, CancellationToken cancellationToken = default);
}
