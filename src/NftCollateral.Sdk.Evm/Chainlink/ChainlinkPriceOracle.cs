using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Evm.Chainlink;

/// <summary>A Chainlink feed and what it prices: a collection's floor in a currency.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ChainlinkFeed
{
    /// <summary>Initializes a new instance of the <see cref="ChainlinkFeed"/> class.</summary>
    /// <param name="address">The feed (proxy) address.</param>
    /// <param name="collection">The collection it prices, as callers put it in <see cref="PriceQuery.Collection"/> (an address or slug).</param>
    /// <param name="currency">The currency of the answer, e.g. <c>ETH</c> for the NFT floor feeds.</param>
    /// <param name="maxAge">The oldest answer accepted from this feed, or <see langword="null"/> for <see cref="ChainlinkPriceOracleOptions.DefaultMaxAge"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="collection"/> or <paramref name="currency"/> is empty, or <paramref name="maxAge"/> is not positive.</exception>
    public ChainlinkFeed(Address address, string collection, string currency, TimeSpan? maxAge = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (maxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The maximum age must be positive, but was {maxAge}.", nameof(maxAge));
        }

        Address = address;
        Collection = collection;
        Currency = currency;
        MaxAge = maxAge;
    }

    /// <summary>Gets the feed address.</summary>
    public Address Address { get; }

    /// <summary>Gets the collection priced.</summary>
    public string Collection { get; }

    /// <summary>Gets the currency of the answer.</summary>
    public string Currency { get; }

    /// <summary>Gets the oldest answer accepted, or <see langword="null"/> for the oracle's default.</summary>
    public TimeSpan? MaxAge { get; }

    internal bool Matches(PriceQuery query)
    {
        bool sameCollection = Address.TryParse(query.Collection, out Address asked) && Address.TryParse(Collection, out Address mine)
            ? asked == mine
            : string.Equals(query.Collection, Collection, StringComparison.OrdinalIgnoreCase);
        return sameCollection && string.Equals(query.Currency, Currency, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Settings of a <see cref="ChainlinkPriceOracle"/>.</summary>
public sealed class ChainlinkPriceOracleOptions
{
    /// <summary>How far in the future an <c>updatedAt</c> may lie (node and local clocks differ slightly) before it is refused.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>Gets the feeds, one per collection and currency.</summary>
    public IList<ChainlinkFeed> Feeds { get; } = [];

    /// <summary>
    /// Gets or sets the oldest answer accepted from a feed without its own <see cref="ChainlinkFeed.MaxAge"/>. Integrators
    /// document a 24-hour heartbeat for the NFT floor feeds; the default adds one hour of margin.
    /// </summary>
    /// <value>The default value is 25 hours.</value>
    public TimeSpan DefaultMaxAge { get; set; } = TimeSpan.FromHours(25);
}

/// <summary>
/// An <see cref="IPriceOracle"/> over Chainlink <c>AggregatorV3Interface</c> feeds (the NFT floor feeds, or any feed):
/// a query for a configured collection and currency is answered from the feed's latest round after every check
/// <see cref="ChainlinkFeedReader"/> makes.
/// </summary>
/// <remarks>
/// Token-level queries are refused with <see cref="OracleErrorKind.NoSource"/>: a floor feed prices a collection, and
/// silently answering a token with the floor would misstate it. Compose with the SDK's decorators (caching,
/// fallback, deviation guard) through <see cref="PriceOracleBuilder"/>. Thread-safe.
/// </remarks>
public sealed class ChainlinkPriceOracle : IPriceOracle
{
    private readonly ChainlinkFeedReader _reader;
    private readonly ChainlinkFeed[] _feeds;
    private readonly TimeSpan _defaultMaxAge;

    /// <summary>Initializes a new instance of the <see cref="ChainlinkPriceOracle"/> class.</summary>
    /// <param name="rpc">The JSON-RPC client.</param>
    /// <param name="options">The feeds and limits (copied).</param>
    /// <param name="timeProvider">The clock for ages, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpc"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No feed is configured, a feed is null, or <see cref="ChainlinkPriceOracleOptions.DefaultMaxAge"/> is not positive.</exception>
    public ChainlinkPriceOracle(IJsonRpcClient rpc, ChainlinkPriceOracleOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Feeds.Count == 0 || options.Feeds.Any(f => f is null))
        {
            throw new ArgumentException("Configure at least one feed, and no null feeds.", nameof(options));
        }

        if (options.DefaultMaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"DefaultMaxAge must be positive, but was {options.DefaultMaxAge}.", nameof(options));
        }

        _reader = new ChainlinkFeedReader(rpc, timeProvider);
        _feeds = [.. options.Feeds];
        _defaultMaxAge = options.DefaultMaxAge;
    }

    /// <inheritdoc/>
    public async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ChainlinkFeed? feed = Array.Find(_feeds, f => f.Matches(query));
        if (feed is null)
        {
            throw new OracleException(OracleErrorKind.NoSource, "chainlink", query, "no feed is configured for this collection and currency");
        }

        if (query.TokenId is not null)
        {
            throw new OracleException(OracleErrorKind.NoSource, ChainlinkFeedReader.SourceName(feed.Address), query, "a Chainlink floor feed prices the collection, not a single token; query the floor (no token id)");
        }

        ChainlinkFeedReading reading = await _reader.ReadAsync(feed.Address, feed.MaxAge ?? _defaultMaxAge, query, cancellationToken).ConfigureAwait(false);
        return new PriceQuote(reading.Price, feed.Currency, reading.UpdatedAt, ChainlinkFeedReader.SourceName(feed.Address))
        {
            RoundId = reading.Round.RoundId,
        };
    }
}
