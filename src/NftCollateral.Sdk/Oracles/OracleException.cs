namespace NftCollateral.Sdk.Oracles;

/// <summary>Why an oracle could not give a usable price.</summary>
public enum OracleErrorKind
{
    /// <summary>The answer is older than the allowed age, or its timestamp lies in the future beyond the clock-skew allowance.</summary>
    Stale = 0,

    /// <summary>The answer is zero or negative.</summary>
    NonPositiveAnswer = 1,

    /// <summary>The round is incomplete (e.g. Chainlink <c>updatedAt == 0</c> or <c>answeredInRound &lt; roundId</c>).</summary>
    IncompleteRound = 2,

    /// <summary>The answer deviates from the reference price by more than the allowed percentage.</summary>
    Deviation = 3,

    /// <summary>The source has no price for the query (no feed for the collection, token or currency).</summary>
    NoSource = 4,

    /// <summary>Every source of a fallback chain failed; <see cref="OracleException.InnerExceptions"/> holds each failure.</summary>
    AllSourcesFailed = 5,

    /// <summary>No contract is deployed at the feed address (an <c>eth_call</c> returned <c>0x</c>).</summary>
    ContractNotDeployed = 6,

    /// <summary>The feed contract reverted.</summary>
    Reverted = 7,

    /// <summary>A source answered in a different currency from the one asked for.</summary>
    CurrencyMismatch = 8,

    /// <summary>Too few sources of an aggregate answered; <see cref="OracleException.InnerExceptions"/> holds each failure.</summary>
    QuorumNotMet = 9,

    /// <summary>The source could not be reached or did not answer in time (a JSON-RPC, HTTP, connection or timeout fault); <see cref="Exception.InnerException"/> holds the cause.</summary>
    SourceUnavailable = 10,

    /// <summary>The source answered data that cannot be read as a price (malformed return data, an answer outside the representable range).</summary>
    MalformedAnswer = 11,
}

/// <summary>
/// Thrown when an oracle cannot give a usable price. The one-line message names the kind, the source and the query;
/// the same facts are in <see cref="Kind"/>, <see cref="SourceName"/> and <see cref="Query"/>.
/// </summary>
/// <remarks>
/// An oracle that throws this never returns a default quote instead. A caller's cancellation is reported as
/// <see cref="OperationCanceledException"/>, never as this exception.
/// </remarks>
public sealed class OracleException : NftCollateralException
{
    private static readonly IReadOnlyList<Exception> NoInnerExceptions = [];

    /// <summary>Initializes a new instance of the <see cref="OracleException"/> class.</summary>
    /// <param name="kind">Why the price is unusable.</param>
    /// <param name="sourceName">The source at fault (e.g. a quote's <see cref="PriceQuote.Source"/> or a decorator's name).</param>
    /// <param name="query">The query being answered, when known.</param>
    /// <param name="detail">What is wrong, e.g. <c>answer is 3700 s old; max age is 3600 s</c>.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public OracleException(OracleErrorKind kind, string sourceName, PriceQuery? query, string detail, Exception? innerException = null)
        : base(Format(kind, sourceName, query, detail), innerException)
    {
        Kind = kind;
        SourceName = sourceName;
        Query = query;
        Detail = detail;
        InnerExceptions = innerException is null ? NoInnerExceptions : [innerException];
    }

    /// <summary>Initializes a new instance of the <see cref="OracleException"/> class for a failure of several sources.</summary>
    /// <param name="kind">Why the price is unusable, normally <see cref="OracleErrorKind.AllSourcesFailed"/> or <see cref="OracleErrorKind.QuorumNotMet"/>.</param>
    /// <param name="sourceName">The aggregate's name.</param>
    /// <param name="query">The query being answered, when known.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerExceptions">Each source's failure, in source order; <see cref="Exception.InnerException"/> is an <see cref="AggregateException"/> of them.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerExceptions"/> is <see langword="null"/>.</exception>
    public OracleException(OracleErrorKind kind, string sourceName, PriceQuery? query, string detail, IEnumerable<Exception> innerExceptions)
        : this(kind, sourceName, query, detail, ToList(innerExceptions))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OracleException"/> class.</summary>
    public OracleException()
        : this(OracleErrorKind.NoSource, "oracle", null, "no usable price")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OracleException"/> class with kind <see cref="OracleErrorKind.NoSource"/>.</summary>
    /// <param name="message">What is wrong.</param>
    public OracleException(string message)
        : this(OracleErrorKind.NoSource, "oracle", null, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OracleException"/> class with kind <see cref="OracleErrorKind.NoSource"/>.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public OracleException(string message, Exception? innerException)
        : this(OracleErrorKind.NoSource, "oracle", null, message, innerException)
    {
    }

    private OracleException(OracleErrorKind kind, string sourceName, PriceQuery? query, string detail, Exception[] innerExceptions)
        : base(Format(kind, sourceName, query, detail), new AggregateException(innerExceptions))
    {
        Kind = kind;
        SourceName = sourceName;
        Query = query;
        Detail = detail;
        InnerExceptions = innerExceptions;
    }

    /// <summary>Gets why the price is unusable.</summary>
    public OracleErrorKind Kind { get; }

    /// <summary>Gets the name of the source at fault.</summary>
    public string SourceName { get; }

    /// <summary>Gets the query being answered, or <see langword="null"/> when unknown.</summary>
    public PriceQuery? Query { get; }

    /// <summary>Gets what is wrong, without the kind, source and query.</summary>
    public string Detail { get; }

    /// <summary>Gets the failures behind this one: each source's exception for an aggregate, else the single cause (or none).</summary>
    public IReadOnlyList<Exception> InnerExceptions { get; }

    private static Exception[] ToList(IEnumerable<Exception> innerExceptions)
    {
        ArgumentNullException.ThrowIfNull(innerExceptions);
        return [.. innerExceptions];
    }

    private static string Format(OracleErrorKind kind, string sourceName, PriceQuery? query, string detail) =>
        query is null
            ? $"Oracle {kind} from '{sourceName}': {detail}"
            : $"Oracle {kind} from '{sourceName}' for {query}: {detail}";
}
