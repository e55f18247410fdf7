using System.Text;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>Settings shared by the marketplace adapters.</summary>
/// <remarks>The API key is never printed: <see cref="object.ToString"/> shows it as <c>***</c>.</remarks>
public abstract record MarketplaceClientOptions
{
    /// <summary>Initializes a new instance of the <see cref="MarketplaceClientOptions"/> class.</summary>
    /// <param name="baseAddress">The API's default base address.</param>
    /// <param name="pageSize">The default page size.</param>
    /// <param name="maxPageSize">The largest page size the API accepts.</param>
    protected MarketplaceClientOptions(Uri baseAddress, int pageSize, int maxPageSize)
    {
        BaseAddress = baseAddress;
        PageSize = pageSize;
        MaxPageSize = maxPageSize;
    }

    /// <summary>Gets the API's base address; paths are resolved against it (a trailing slash is added if missing).</summary>
    public Uri BaseAddress { get; init; }

    /// <summary>Gets the API key sent in the <c>x-api-key</c> header, or <see langword="null"/> to send none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the number of items requested per page (the API's <c>limit</c>).</summary>
    public int PageSize { get; init; }

    /// <summary>Gets the number of pages a stream reads at most. When the API still has more after the last allowed page
    /// the stream throws <see cref="MarketplaceApiException"/> with <see cref="MarketplaceErrorKind.PageLimitReached"/>
    /// rather than ending as if complete.</summary>
    /// <value>The default value is 100.</value>
    public int MaxPages { get; init; } = 100;

    /// <summary>Gets how many times a request answered with 429 is retried before giving up.</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Gets the longest wait accepted from a <c>Retry-After</c> header; a longer request fails at once as rate limited.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets a value indicating whether an item without a usable price (missing, zero, or in a currency that
    /// cannot be converted to ETH) fails the stream with <see cref="MarketplaceErrorKind.UnknownPrice"/>. When
    /// <see langword="false"/> (the default) such items are skipped; they are never reported with a price of 0.</summary>
    public bool ThrowOnUnknownPrice { get; init; }

    /// <summary>Gets the largest page size the API accepts.</summary>
    protected int MaxPageSize { get; }

    /// <summary>Prints the options with the API key masked.</summary>
    /// <param name="builder">The builder to append to.</param>
    /// <returns><see langword="true"/>: members were printed.</returns>
    protected virtual bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("BaseAddress = ").Append(BaseAddress)
            .Append(", ApiKey = ").Append(ApiKey is null ? "null" : "***")
            .Append(", PageSize = ").Append(PageSize)
            .Append(", MaxPages = ").Append(MaxPages)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", MaxRetryAfter = ").Append(MaxRetryAfter)
            .Append(", ThrowOnUnknownPrice = ").Append(ThrowOnUnknownPrice);
        return true;
    }

    internal void Validate(string paramName)
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The base address must be an absolute URI.", paramName);
        }

        if (PageSize < 1 || PageSize > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(paramName, PageSize, $"PageSize must be in [1, {MaxPageSize}].");
        }

        if (MaxPages < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxPages, "MaxPages must be at least 1.");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxRetries, "MaxRetries must not be negative.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxRetryAfter, "MaxRetryAfter must not be negative.");
        }
    }
}

/// <summary>Settings of <see cref="ReservoirMarketDataSource"/>.</summary>
public sealed record ReservoirMarketDataSourceOptions : MarketplaceClientOptions
{
    /// <summary>The public Reservoir API for Ethereum mainnet.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.reservoir.tools/");

    /// <summary>Initializes a new instance of the <see cref="ReservoirMarketDataSourceOptions"/> class with the
    /// mainnet address and a page size of 100 (Reservoir accepts up to 1000).</summary>
    public ReservoirMarketDataSourceOptions()
        : base(DefaultBaseAddress, 100, 1000)
    {
    }
}

/// <summary>Settings of <see cref="OpenSeaMarketDataSource"/>.</summary>
public sealed record OpenSeaMarketDataSourceOptions : MarketplaceClientOptions
{
    /// <summary>The public OpenSea API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.opensea.io/");

    /// <summary>Initializes a new instance of the <see cref="OpenSeaMarketDataSourceOptions"/> class with the public
    /// address and a page size of 50 (OpenSea accepts up to 100 for orders, 50 for events; 50 suits both).</summary>
    public OpenSeaMarketDataSourceOptions()
        : base(DefaultBaseAddress, 50, 100)
    {
    }
}
