using System.Globalization;
using System.Runtime.CompilerServices;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>
/// <see cref="IMarketDataSource"/> and <see cref="IFloorAskSource"/> over a Reservoir-style REST API: the collection
/// floor ask, sales, listings (asks) and offers (bids), paged with <c>continuation</c> tokens.
/// </summary>
/// <remarks>
/// <para>The collection is a contract address. Prices come from <c>price.amount.raw</c> and the currency's decimals, so
/// ETH, WETH and Blur Pool (BETH) amounts are exact. Other currencies use Reservoir's <c>amount.native</c> ETH figure
/// when it is positive. An item with no usable price is skipped, or fails the stream when
/// <see cref="MarketplaceClientOptions.ThrowOnUnknownPrice"/> is set; it is never priced at 0.</para>
/// <para>The <see cref="HttpClient"/> is not disposed here; supply one from <c>IHttpClientFactory</c> or backed by a
/// <see cref="SocketsHttpHandler"/> with a <c>PooledConnectionLifetime</c>. Instances are thread-safe.</para>
/// </remarks>
public sealed class ReservoirMarketDataSource : IMarketDataSource, IFloorAskSource
{
    /// <summary>The <see cref="Sale"/>/<see cref="MarketListing"/>/<see cref="MarketBid"/> source name: <c>reservoir</c>.</summary>
    public const string SourceName = "reservoir";

    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";
    private const string WethAddress = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    private const string BlurPoolAddress = "0x0000000000a39bb272e79075ade125fd351887ac";

    private readonly MarketplaceTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="ReservoirMarketDataSource"/> class.</summary>
    /// <param name="httpClient">The client to send requests with; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> dates, waits and <see cref="FloorAsk.AsOf"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ReservoirMarketDataSource(HttpClient httpClient, ReservoirMarketDataSourceOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new ReservoirMarketDataSourceOptions();
        options.Validate(nameof(options));
        _transport = new MarketplaceTransport(SourceName, httpClient, options, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, or reports no such collection.</exception>
    public async Task<FloorAsk?> GetFloorAskAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        const string path = "collections/v7";
        ReservoirCollectionsPage page = await _transport.GetAsync(path, "?id=" + Uri.EscapeDataString(collection), ReservoirJsonContext.Default.ReservoirCollectionsPage, cancellationToken).ConfigureAwait(false);
        if (page.Collections is null)
        {
            throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'collections' array");
        }

        if (page.Collections.Length == 0)
        {
            throw _transport.Error(MarketplaceErrorKind.NotFound, path, "the API returned no collection for this id");
        }

        ReservoirFloorAsk? floor = page.Collections[0].FloorAsk;
        if (floor?.Price is null || !TryPrice(floor.Price, out decimal priceEth, out string currency, out bool exact))
        {
            return null;
        }

        return new FloorAsk(collection, priceEth, currency, floor.Token?.TokenId, floor.SourceDomain, exact, _transport.Time.GetUtcNow(), SourceName);
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<Sale> GetSalesAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string path = "sales/v6";
        string filter = query.TokenId is null
            ? "?collection=" + Uri.EscapeDataString(query.Collection)
            : "?tokens=" + Uri.EscapeDataString(query.Collection + ":" + query.TokenId);
        if (query.Since is DateTimeOffset since)
        {
            filter += "&startTimestamp=" + since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        filter += "&limit=" + _transport.Options.PageSize.ToString(CultureInfo.InvariantCulture);
        var pages = _transport.GetPagesAsync(path, c => filter + Continuation(c), ReservoirJsonContext.Default.ReservoirSalesPage, p => p.Continuation, cancellationToken);
        await foreach (ReservoirSalesPage page in pages.ConfigureAwait(false))
        {
            foreach (ReservoirSale sale in page.Sales ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'sales' array"))
            {
                if (sale is null || sale.IsDeleted == true)
                {
                    continue;
                }

                string tokenId = sale.Token?.TokenId ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a sale has no token id");
                long seconds = sale.Timestamp ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a sale has no timestamp");
                if (!Priced(sale.Price, path, "sale", out decimal priceEth, out _))
                {
                    continue;
                }

                yield return new Sale(
                    query.Collection,
                    tokenId,
                    DateTimeOffset.FromUnixTimeSeconds(seconds),
                    priceEth,
                    sale.Price?.Amount?.Usd is decimal usd && usd > 0 ? usd : null,
                    sale.FillSource ?? sale.OrderSource,
                    sale.TxHash,
                    sale.Block,
                    TimestampPrecision.Second,
                    SuspectLowPrice: null,
                    Buyer: sale.To?.ToLowerInvariant(),
                    Seller: sale.From?.ToLowerInvariant());
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<MarketListing> GetListingsAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string path = "orders/asks/v5";
        await foreach ((ReservoirOrder order, decimal priceEth, string currency) in PricedOrdersAsync(path, "contracts", "listing", query, cancellationToken).ConfigureAwait(false))
        {
            string tokenId = order.Criteria?.Data?.Token?.TokenId ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a listing has no token id");
            yield return new MarketListing(
                query.Collection,
                tokenId,
                priceEth,
                currency,
                Quantity(order.QuantityRemaining),
                order.Maker?.ToLowerInvariant(),
                order.Source?.Domain,
                order.Id,
                FromUnix(order.ValidFrom),
                FromUnix(order.ValidUntil),
                SourceName);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<MarketBid> GetBidsAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string path = "orders/bids/v6";
        await foreach ((ReservoirOrder order, decimal priceEth, string currency) in PricedOrdersAsync(path, "collection", "bid", query, cancellationToken).ConfigureAwait(false))
        {
            (BidScope scope, string? tokenId, string? trait) = order.Criteria?.Kind switch
            {
                "token" => (BidScope.Token, order.Criteria.Data?.Token?.TokenId ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a token bid has no token id"), (string?)null),
                "collection" => (BidScope.Collection, (string?)null, (string?)null),
                "attribute" => (BidScope.Attribute, null, order.Criteria.Data?.Attribute is { } a ? a.Key + ":" + a.Value : null),
                _ => (BidScope.Other, null, null),
            };
            yield return new MarketBid(
                query.Collection,
                scope,
                tokenId,
                trait,
                priceEth,
                currency,
                Quantity(order.QuantityRemaining),
                order.Maker?.ToLowerInvariant(),
                order.Source?.Domain,
                order.Id,
                FromUnix(order.ValidFrom),
                FromUnix(order.ValidUntil),
                SourceName);
        }
    }

    // The active orders of a collection (or one token) by price, page by page, without the unpriced ones.
    private async IAsyncEnumerable<(ReservoirOrder Order, decimal PriceEth, string Currency)> PricedOrdersAsync(
        string path, string collectionParameter, string kind, MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string filter = (query.TokenId is null
            ? $"?{collectionParameter}=" + Uri.EscapeDataString(query.Collection)
            : "?token=" + Uri.EscapeDataString(query.Collection + ":" + query.TokenId))
            + "&status=active&sortBy=price&limit=" + _transport.Options.PageSize.ToString(CultureInfo.InvariantCulture);
        var pages = _transport.GetPagesAsync(path, c => filter + Continuation(c), ReservoirJsonContext.Default.ReservoirOrdersPage, p => p.Continuation, cancellationToken);
        await foreach (ReservoirOrdersPage page in pages.ConfigureAwait(false))
        {
            foreach (ReservoirOrder order in page.Orders ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'orders' array"))
            {
                if (order is not null && Priced(order.Price, path, kind, out decimal priceEth, out string currency))
                {
                    yield return (order, priceEth, currency);
                }
            }
        }
    }

    private static string Continuation(string? cursor) =>
        cursor is null ? string.Empty : "&continuation=" + Uri.EscapeDataString(cursor);

    private static DateTimeOffset? FromUnix(long? seconds) =>
        seconds is long s && s > 0 && s < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    private static bool TryPrice(ReservoirPrice price, out decimal priceEth, out string currency, out bool exact)
    {
        ReservoirCurrency? c = price.Currency;
        currency = c?.Symbol ?? "ETH";
        string contract = (c?.Contract ?? ZeroAddress).ToLowerInvariant();
        if (contract is ZeroAddress or WethAddress or BlurPoolAddress)
        {
            exact = true;
            return Wei.TryToDecimal(price.Amount?.Raw, c?.Decimals ?? 18, out priceEth) && priceEth > 0;
        }

        exact = false;
        priceEth = price.Amount?.Native ?? 0;
        return priceEth > 0;
    }

    private static int Quantity(long? remaining) =>
        remaining is long r && r >= 1 && r <= int.MaxValue ? (int)r : 1;

    private bool Priced(ReservoirPrice? price, string path, string what, out decimal priceEth, out string currency)
    {
        priceEth = 0;
        currency = "ETH";
        if (price is not null && TryPrice(price, out priceEth, out currency, out _))
        {
            return true;
        }

        if (_transport.Options.ThrowOnUnknownPrice)
        {
            throw _transport.Error(MarketplaceErrorKind.UnknownPrice, path, $"a {what} has no usable price (missing, zero, or in an unconvertible currency)");
        }

        return false;
    }
}
