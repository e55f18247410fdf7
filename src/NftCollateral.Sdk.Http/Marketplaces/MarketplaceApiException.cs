using System.Net;

namespace NftCollateral.Sdk.Http.Marketplaces;

/// <summary>What went wrong in a marketplace API call.</summary>
public enum MarketplaceErrorKind
{
    /// <summary>The API answered with a status other than success (see <see cref="MarketplaceApiException.StatusCode"/>).</summary>
    HttpError,

    /// <summary>The API kept answering 429 beyond the retry budget, or asked to wait longer than the configured maximum.</summary>
    RateLimited,

    /// <summary>The body is not the expected JSON: an HTML page, malformed JSON, or a required field missing or invalid.</summary>
    MalformedPayload,

    /// <summary>An item has no usable price (missing, zero, or in a currency that cannot be converted) and the options say to fail.</summary>
    UnknownPrice,

    /// <summary>The API returned a continuation cursor it had already returned (paging would loop forever).</summary>
    RepeatedCursor,

    /// <summary>The configured maximum number of pages was read and the API still had more: the stream was truncated.</summary>
    PageLimitReached,

    /// <summary>The API reports no such collection.</summary>
    NotFound,

    /// <summary>The request timed out (the HttpClient's timeout, not the caller's cancellation).</summary>
    Timeout,

    /// <summary>The request failed below HTTP (connection refused, DNS, TLS).</summary>
    Transport,
}

/// <summary>
/// Thrown when a marketplace API call fails. Carries the marketplace, the endpoint path (never the query string or
/// any header, so API keys and cursors do not leak into logs), the HTTP status when there was one, and a kind.
/// </summary>
public sealed class MarketplaceApiException : NftCollateralException
{
    /// <summary>Initializes a new instance of the <see cref="MarketplaceApiException"/> class.</summary>
    public MarketplaceApiException()
        : base("a marketplace API call failed")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketplaceApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    public MarketplaceApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketplaceApiException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MarketplaceApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MarketplaceApiException"/> class.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="marketplace">The adapter's source name (for example <c>reservoir</c>).</param>
    /// <param name="endpoint">The request path without query string.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no response was read.</param>
    /// <param name="detail">A short description; must not contain secrets.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MarketplaceApiException(MarketplaceErrorKind kind, string marketplace, string endpoint, HttpStatusCode? statusCode, string detail, Exception? innerException = null)
        : base(Format(kind, marketplace, endpoint, statusCode, detail), innerException)
    {
        Kind = kind;
        Marketplace = marketplace;
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>Gets what went wrong.</summary>
    public MarketplaceErrorKind Kind { get; }

    /// <summary>Gets the adapter's source name (for example <c>reservoir</c> or <c>opensea</c>), or <see langword="null"/>.</summary>
    public string? Marketplace { get; }

    /// <summary>Gets the request path, without query string (for example <c>/sales/v6</c>), or <see langword="null"/>.</summary>
    public string? Endpoint { get; }

    /// <summary>Gets the HTTP status of the failed response, or <see langword="null"/> when no response was read.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets how long the API last asked to wait (429 <c>Retry-After</c>), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    private static string Format(MarketplaceErrorKind kind, string marketplace, string endpoint, HttpStatusCode? statusCode, string detail)
    {
        string status = statusCode is HttpStatusCode s ? $" HTTP {(int)s}" : string.Empty;
        return $"{marketplace} GET {endpoint}{status}: {kind}: {detail}";
    }
}
