namespace NftCollateral.Sdk.Market;

/// <summary>What to read from an <see cref="IMarketDataSource"/>: a collection, and optionally one token and a start time.</summary>
public sealed record MarketQuery
{
    /// <summary>Initializes a new instance of the <see cref="MarketQuery"/> class.</summary>
    /// <param name="collection">The collection in the source's own terms: a contract address (Reservoir) or a slug (OpenSea).</param>
    /// <exception cref="ArgumentException"><paramref name="collection"/> is null, empty or white space.</exception>
    public MarketQuery(string collection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        Collection = collection;
    }

    /// <summary>Gets the collection: a contract address or a slug, as the source expects.</summary>
    public string Collection { get; }

    /// <summary>Gets the token id to restrict the query to, or <see langword="null"/> for the whole collection.</summary>
    public string? TokenId { get; init; }

    /// <summary>Gets the earliest sale time to read (sales only), or <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? Since { get; init; }
}
