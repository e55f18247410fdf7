using System.Globalization;

namespace NftCollateral.Sdk.Oracles;

/// <summary>Asks several oracles concurrently and returns the median of the quotes obtained, provided a quorum answered.</summary>
/// <remarks>
/// <para>
/// Every source is asked at once with the caller's token, and the oracle waits for all of them (give slow sources a
/// timeout of their own). Failed sources are skipped; when fewer than <see cref="Quorum"/> answered,
/// <see cref="OracleErrorKind.QuorumNotMet"/> is thrown with every failure in <see cref="OracleException.InnerExceptions"/>.
/// A caller's cancellation propagates as <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// Every answer must be in the query's currency (compared ignoring case), otherwise
/// <see cref="OracleErrorKind.CurrencyMismatch"/> is thrown: mixing currencies is a configuration fault, not a
/// price. With an even number of answers the median is the mean of the two middle values.
/// </para>
/// <para>
/// The result's <see cref="PriceQuote.Timestamp"/> is the <b>oldest</b> timestamp among the answers, so a staleness
/// guard around this oracle judges the median by its stalest input. <see cref="PriceQuote.Source"/> lists the sources
/// used, as <c>median(a, b, c)</c>, and <see cref="PriceQuote.Constituents"/> holds their quotes in source order.
/// This type is thread-safe.
/// </para>
/// </remarks>
public sealed class MedianPriceOracle : IPriceOracle
{
    private readonly IPriceOracle[] _oracles;

    /// <summary>Initializes a new instance of the <see cref="MedianPriceOracle"/> class.</summary>
    /// <param name="oracles">The sources.</param>
    /// <param name="quorum">How many sources must answer, from 1 to the number of sources; <see langword="null"/> for a strict majority (<c>n / 2 + 1</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="oracles"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="oracles"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quorum"/> is less than 1 or more than the number of sources.</exception>
    public MedianPriceOracle(IEnumerable<IPriceOracle> oracles, int? quorum = null)
    {
        _oracles = OracleList.Copy(oracles, nameof(oracles));
        int q = quorum ?? (_oracles.Length / 2) + 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 1, nameof(quorum));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, _oracles.Length, nameof(quorum));
        Quorum = q;
    }

    /// <summary>Gets the sources.</summary>
    public IReadOnlyList<IPriceOracle> Oracles => _oracles;

    /// <summary>Gets how many sources must answer.</summary>
    public int Quorum { get; }

    /// <inheritdoc/>
    /// <exception cref="OracleException">Fewer than <see cref="Quorum"/> sources answered (<see cref="OracleErrorKind.QuorumNotMet"/>), or an answer is in another currency (<see cref="OracleErrorKind.CurrencyMismatch"/>).</exception>
    public async ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var tasks = new Task<PriceQuote>[_oracles.Length];
        for (int i = 0; i < _oracles.Length; i++)
        {
            tasks[i] = Ask(_oracles[i], query, cancellationToken);
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Every task is complete here; each one's outcome is inspected below.
        }

        cancellationToken.ThrowIfCancellationRequested();
        var quotes = new List<PriceQuote>(tasks.Length);
        var failures = new List<Exception>();
        foreach (Task<PriceQuote> task in tasks)
        {
            if (task.IsCompletedSuccessfully)
            {
                quotes.Add(task.Result);
            }
            else
            {
                failures.Add(task.Exception?.InnerException ?? new OperationCanceledException("A source was cancelled."));
            }
        }

        foreach (PriceQuote quote in quotes)
        {
            if (!string.Equals(quote.Currency, query.Currency, StringComparison.OrdinalIgnoreCase))
            {
                throw new OracleException(OracleErrorKind.CurrencyMismatch, quote.Source, query, $"answer is in {quote.Currency}, not {query.Currency}");
            }
        }

        if (quotes.Count < Quorum)
        {
            throw new OracleException(
                OracleErrorKind.QuorumNotMet,
                "median",
                query,
                string.Create(CultureInfo.InvariantCulture, $"{quotes.Count} of {_oracles.Length} sources answered; quorum is {Quorum}. ")
                    + OracleList.DescribeFailures(failures, _oracles.Length),
                failures);
        }

        return Combine(quotes, query.Currency);
    }

    private static Task<PriceQuote> Ask(IPriceOracle oracle, PriceQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return oracle.GetPriceAsync(query, cancellationToken).AsTask();
        }
        catch (Exception ex)
        {
            // A source that throws synchronously counts as a failed source, like one whose task faults.
            return Task.FromException<PriceQuote>(ex);
        }
    }

    private static PriceQuote Combine(List<PriceQuote> quotes, string currency)
    {
        var values = new decimal[quotes.Count];
        DateTimeOffset oldest = DateTimeOffset.MaxValue;
        var names = new string[quotes.Count];
        for (int i = 0; i < quotes.Count; i++)
        {
            values[i] = quotes[i].Value;
            names[i] = quotes[i].Source;
            if (quotes[i].Timestamp < oldest)
            {
                oldest = quotes[i].Timestamp;
            }
        }

        Array.Sort(values);
        int mid = values.Length / 2;
        decimal median = values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2m;
        return new PriceQuote(median, currency, oldest, $"median({string.Join(", ", names)})")
        {
            Constituents = quotes.AsReadOnly(),
        };
    }
}
