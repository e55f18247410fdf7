using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Tests.Oracles;

/// <summary>A hand-written oracle whose answer is a delegate; counts calls and keeps the last token it was given.</summary>
internal sealed class FakePriceOracle(Func<PriceQuery, CancellationToken, ValueTask<PriceQuote>> handler) : IPriceOracle
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public CancellationToken LastToken { get; private set; }

    public static FakePriceOracle Returning(PriceQuote quote) => new((_, _) => ValueTask.FromResult(quote));

    public static FakePriceOracle Throwing(Exception exception) => new((_, _) => ValueTask.FromException<PriceQuote>(exception));

    /// <summary>Never answers; completes only by throwing <see cref="OperationCanceledException"/> when its token is cancelled.</summary>
    public static FakePriceOracle UntilCancelled() => new(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastToken = cancellationToken;
        return handler(query, cancellationToken);
    }
}

internal static class OracleTestData
{
    public static readonly DateTimeOffset Now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly PriceQuery Bayc = new("0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d", "ETH");

    public static PriceQuote Quote(decimal value, DateTimeOffset? timestamp = null, string source = "feed-a", string currency = "ETH") =>
        new(value, currency, timestamp ?? Now, source);

    public static OracleException Fault(OracleErrorKind kind, string source = "feed-a") => new(kind, source, Bayc, "test fault");
}
