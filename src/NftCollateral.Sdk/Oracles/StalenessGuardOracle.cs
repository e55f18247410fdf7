using System.Globalization;

namespace NftCollateral.Sdk.Oracles;

/// <summary>Rejects quotes that are too old, or that claim to come from the future, with <see cref="OracleErrorKind.Stale"/>.</summary>
/// <remarks>
/// <para>
/// The age of a quote is <c>now − <see cref="PriceQuote.Timestamp"/></c>, with <c>now</c> read from the injected
/// <see cref="TimeProvider"/> after the inner oracle answers. A quote whose age is <b>exactly</b>
/// <see cref="MaxAge"/> is accepted; one tick older is rejected (Chainlink consumers' check
/// <c>now − updatedAt ≤ heartbeat + margin</c>). Set <see cref="MaxAge"/> to the feed's heartbeat plus a margin,
/// per feed: a deprecated feed keeps returning its last value, so this check is what catches it.
/// </para>
/// <para>
/// A timestamp ahead of <c>now</c> by <b>at most</b> <see cref="MaxClockSkew"/> is accepted (clocks differ); further
/// ahead is rejected as <see cref="OracleErrorKind.Stale"/>, since such a timestamp cannot be trusted.
/// </para>
/// <para>
/// Place this guard outside (after) a <see cref="CachingPriceOracle"/> so cached quotes are checked on every call.
/// This type is thread-safe.
/// </para>
/// </remarks>
public sealed class StalenessGuardOracle : DelegatingPriceOracle
{
    /// <summary>The default allowance for a timestamp ahead of the local clock: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="StalenessGuardOracle"/> class.</summary>
    /// <param name="innerOracle">The oracle to guard.</param>
    /// <param name="maxAge">The oldest accepted age (inclusive); must be positive.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="maxClockSkew">How far in the future a timestamp may be (inclusive); <see langword="null"/> for <see cref="DefaultMaxClockSkew"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerOracle"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> is zero or negative, or <paramref name="maxClockSkew"/> is negative.</exception>
    public StalenessGuardOracle(IPriceOracle innerOracle, TimeSpan maxAge, TimeProvider timeProvider, TimeSpan? maxClockSkew = null)
        : base(innerOracle)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        TimeSpan skew = maxClockSkew ?? DefaultMaxClockSkew;
        ArgumentOutOfRangeException.ThrowIfLessThan(skew, TimeSpan.Zero, nameof(maxClockSkew));
        _timeProvider = timeProvider;
        MaxAge = maxAge;
        MaxClockSkew = skew;
    }

    /// <summary>Gets the oldest accepted age of a quote (inclusive).</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Gets how far ahead of the local clock a quote's timestamp may be (inclusive).</summary>
    public TimeSpan MaxClockSkew { get; }

    /// <inheritdoc/>
    /// <exception cref="OracleException">The quote is stale or from the future (<see cref="OracleErrorKind.Stale"/>), or the inner oracle failed.</exception>
    public override async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        PriceQuote quote = await InnerOracle.GetPriceAsync(query, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _timeProvider.GetUtcNow();
        TimeSpan age = now - quote.Timestamp;
        if (age > MaxAge)
        {
            throw new OracleException(
                OracleErrorKind.Stale,
                quote.Source,
                query,
                string.Create(CultureInfo.InvariantCulture, $"quote updated at {quote.Timestamp:O} is {age.TotalSeconds:0.###} s old; max age is {MaxAge.TotalSeconds:0.###} s"));
        }

        if (-age > MaxClockSkew)
        {
            throw new OracleException(
                OracleErrorKind.Stale,
                quote.Source,
                query,
                string.Create(CultureInfo.InvariantCulture, $"quote timestamp {quote.Timestamp:O} is {(-age).TotalSeconds:0.###} s in the future; max clock skew is {MaxClockSkew.TotalSeconds:0.###} s"));
        }

        return quote;
    }
}
