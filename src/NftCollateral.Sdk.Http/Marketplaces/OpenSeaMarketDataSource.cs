using System.Globalization;
using System.Runtime.CompilerServices;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>
/// <see cref="IMarketDataSource"/> and <see cref="IFloorAskSource"/> over the OpenSea API v2: collection stats (floor),
/// best listings, offers and sale events, paged with the <c>next</c> cursor. The API key goes in the <c>x-api-key</c> header.
/// </summary>
/// <remarks>
/// <para>The collection is an OpenSea slug. Order and sale prices come from the raw integer amounts (<c>value</c>,
/// <c>payment.quantity</c>) and their decimals, so ETH and WETH prices are exact; an order for several units is priced
/// per unit (total ÷ quantity). Amounts in other currencies, missing or zero have no usable price: they are skipped, or
/// fail the stream when <see cref="MarketplaceClientOptions.ThrowOnUnknownPrice"/> is set; never priced at 0.</para>
/// <para>OpenSea's collection endpoints have no token filter, so <see cref="MarketQuery.TokenId"/> is applied to the
/// items after they are read (every page is still fetched).</para>
/// <para>The floor from <c>/stats</c> is a decimal figure, not a raw amount: <see cref="FloorAsk.IsExact"/> is
/// <see langword="false"/>. A zero or missing floor means "no listing" and gives <see langword="null"/>.</para>
/// <para>The <see cref="HttpClient"/> is not disposed here. Instances are thread-safe.</para>
/// </remarks>
public sealed class OpenSeaMarketDataSource : IMarketDataSource, IFloorAskSource
{
    /// <summary>The <see cref="MarketListing"/>/<see cref="MarketBid"/> source name: <c>opensea</c>.</summary>
    public const string SourceName = "opensea";

    private const string Venue = "opensea.io";
    private const int MaxEventsPageSize = 50;

    private readonly MarketplaceTransport _transport;

    /// <summary>Initializes a new instance of the <see cref="OpenSeaMarketDataSource"/> class.</summary>
    /// <param name="httpClient">The client to send requests with; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The settings (set <see cref="MarketplaceClientOptions.ApiKey"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> dates, waits and <see cref="FloorAsk.AsOf"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OpenSeaMarketDataSource(HttpClient httpClient, OpenSeaMarketDataSourceOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        options ??= new OpenSeaMarketDataSourceOptions();
        options.Validate(nameof(options));
        _transport = new MarketplaceTransport(SourceName, httpClient, options, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed or reports no such collection.</exception>
    public async Task<FloorAsk?> GetFloorAskAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        string path = "api/v2/collections/" + Uri.EscapeDataString(collection) + "/stats";
        OpenSeaStats stats = await _transport.GetAsync(path, string.Empty, OpenSeaJsonContext.Default.OpenSeaStats, cancellationToken).ConfigureAwait(false);
        if (stats.Total is null)
        {
            throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'total' object");
        }

        string currency = stats.Total.FloorPriceSymbol is { Length: > 0 } s ? s : "ETH";
        if (stats.Total.FloorPrice is not decimal floor || floor <= 0 || !IsEth(currency))
        {
            return null;
        }

        return new FloorAsk(collection, floor, currency, null, Venue, IsExact: false, _transport.Time.GetUtcNow(), SourceName);
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<Sale> GetSalesAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string path = "api/v2/events/collection/" + Uri.EscapeDataString(query.Collection);
        string filter = "?event_type=sale&limit=" + Math.Min(_transport.Options.PageSize, MaxEventsPageSize).ToString(CultureInfo.InvariantCulture);
        if (query.Since is DateTimeOffset since)
        {
            filter += "&after=" + since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        var pages = _transport.GetPagesAsync(path, c => filter + Next(c), OpenSeaJsonContext.Default.OpenSeaEventsPage, p => p.Next, cancellationToken);
        await foreach (OpenSeaEventsPage page in pages.ConfigureAwait(false))
        {
            foreach (OpenSeaEvent e in page.AssetEvents ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'asset_events' array"))
            {
                if (e is null || !string.Equals(e.EventType, "sale", StringComparison.Ordinal))
                {
                    continue;
                }

                string tokenId = e.Nft?.Identifier ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a sale has no nft.identifier");
                if (query.TokenId is not null && !string.Equals(query.TokenId, tokenId, StringComparison.Ordinal))
                {
                    continue;
                }

                long seconds = e.EventTimestamp ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a sale has no event_timestamp");
                if (!Priced(e.Payment?.Quantity, e.Payment?.Decimals, e.Payment?.Symbol, e.Quantity, path, "sale", out decimal priceEth))
                {
                    continue;
                }

                yield return new Sale(
                    query.Collection,
                    tokenId,
                    DateTimeOffset.FromUnixTimeSeconds(seconds),
                    priceEth,
                    PriceUsd: null,
                    Venue,
                    e.Transaction,
                    BlockNumber: null,
                    TimestampPrecision.Second,
                    SuspectLowPrice: null,
                    Buyer: e.Buyer?.ToLowerInvariant(),
                    Seller: e.Seller?.ToLowerInvariant());
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<MarketListing> GetListingsAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string path = "api/v2/listings/collection/" + Uri.EscapeDataString(query.Collection) + "/best";
        string filter = "?limit=" + _transport.Options.PageSize.ToString(CultureInfo.InvariantCulture);
        var pages = _transport.GetPagesAsync(path, c => filter + Next(c), OpenSeaJsonContext.Default.OpenSeaListingsPage, p => p.Next, cancellationToken);
        await foreach (OpenSeaListingsPage page in pages.ConfigureAwait(false))
        {
            foreach (OpenSeaListing listing in page.Listings ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'listings' array"))
            {
                if (listing is null)
                {
                    continue;
                }

                OpenSeaOrderParameters? p = listing.ProtocolData?.Parameters;
                OpenSeaItem? nft = Array.Find(p?.Offer ?? [], i => i?.ItemType >= 2);
                string tokenId = nft?.IdentifierOrCriteria ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "a listing has no NFT in protocol_data.parameters.offer");
                if (query.TokenId is not null && !string.Equals(query.TokenId, tokenId, StringComparison.Ordinal))
                {
                    continue;
                }

                long units = ParseUnits(nft.StartAmount, path);
                OpenSeaAmount? amount = listing.Price?.Current;
                if (!Priced(amount?.Value, amount?.Decimals, amount?.Currency, units, path, "listing", out decimal priceEth))
                {
                    continue;
                }

                yield return new MarketListing(
                    query.Collection,
                    tokenId,
                    priceEth,
                    amount!.Currency!,
                    ToQuantity(listing.RemainingQuantity ?? units),
                    p?.Offerer?.ToLowerInvariant(),
                    Venue,
                    listing.OrderHash,
                    FromUnix(p?.StartTime),
                    FromUnix(p?.EndTime),
                    SourceName);
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="MarketplaceApiException">The API failed, paging looped or hit the page limit, or an item is malformed.</exception>
    public async IAsyncEnumerable<MarketBid> GetBidsAsync(MarketQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string path = "api/v2/offers/collection/" + Uri.EscapeDataString(query.Collection) + "/all";
        string filter = "?limit=" + _transport.Options.PageSize.ToString(CultureInfo.InvariantCulture);
        var pages = _transport.GetPagesAsync(path, c => filter + Next(c), OpenSeaJsonContext.Default.OpenSeaOffersPage, p => p.Next, cancellationToken);
        await foreach (OpenSeaOffersPage page in pages.ConfigureAwait(false))
        {
            foreach (OpenSeaOffer offer in page.Offers ?? throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "no 'offers' array"))
            {
                if (offer is null)
                {
                    continue;
                }

                OpenSeaOrderParameters? p = offer.ProtocolData?.Parameters;
                OpenSeaItem? wanted = Array.Find(p?.Consideration ?? [], i => i?.ItemType >= 2);
                long units = ParseUnits(wanted?.StartAmount, path);
                (BidScope scope, string? tokenId, string? trait) = Scope(offer.Criteria);
                if (query.TokenId is not null && scope == BidScope.Token && !string.Equals(query.TokenId, tokenId, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!Priced(offer.Price?.Value, offer.Price?.Decimals, offer.Price?.Currency, units, path, "offer", out decimal priceEth))
                {
                    continue;
                }

                yield return new MarketBid(
                    query.Collection,
                    scope,
                    tokenId,
                    trait,
                    priceEth,
                    offer.Price!.Currency!,
                    ToQuantity(offer.RemainingQuantity ?? units),
                    p?.Offerer?.ToLowerInvariant(),
                    Venue,
                    offer.OrderHash,
                    FromUnix(p?.StartTime),
                    FromUnix(p?.EndTime),
                    SourceName);
            }
        }
    }

    private static (BidScope Scope, string? TokenId, string? Trait) Scope(OpenSeaCriteria? criteria)
    {
        if (criteria?.Trait is { } t)
        {
            return (BidScope.Attribute, null, t.Type + ":" + t.Value);
        }

        string? ids = criteria?.EncodedTokenIds;
        if (ids is null || ids == "*")
        {
            return (BidScope.Collection, null, null);
        }

        bool single = ids.Length > 0 && ids.All(char.IsAsciiDigit);
        return single ? (BidScope.Token, ids, null) : (BidScope.Other, null, null);
    }

    private static bool IsEth(string? symbol) => symbol is "ETH" or "WETH";

    private static string Next(string? cursor) =>
        cursor is null ? string.Empty : "&next=" + Uri.EscapeDataString(cursor);

    private static DateTimeOffset? FromUnix(long? seconds) =>
        seconds is long s && s > 0 && s < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    private static int ToQuantity(long units) => units >= 1 && units <= int.MaxValue ? (int)units : 1;

    private long ParseUnits(string? startAmount, string path)
    {
        if (startAmount is null)
        {
            return 1;
        }

        return long.TryParse(startAmount, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 1
            ? n
            : throw _transport.Error(MarketplaceErrorKind.MalformedPayload, path, "an order's NFT amount is not a positive integer");
    }

    private bool Priced(string? raw, int? decimals, string? symbol, long? quantity, string path, string what, out decimal priceEth)
    {
        priceEth = 0;
        long units = quantity is long q && q >= 1 ? q : 1;
        if (IsEth(symbol) && Wei.TryToDecimal(raw, decimals ?? 18, out decimal total) && total > 0)
        {
            priceEth = total / units;
            return true;
        }

        if (_transport.Options.ThrowOnUnknownPrice)
        {
            throw _transport.Error(MarketplaceErrorKind.UnknownPrice, path, $"a {what} has no usable price (missing, zero, or not in ETH/WETH)");
        }

        return false;
    }
}
