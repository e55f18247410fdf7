namespace NftCollateral.Sdk.Oracles;

/// <summary>Caches successful quotes per <see cref="PriceQuery"/> for a time to live, and shares one in-flight fetch between concurrent callers.</summary>
/// <remarks>
/// <para>
/// <b>Expiry:</b> a quote is cached from the moment the inner fetch completes, as read from the injected
/// <see cref="TimeProvider"/>, and is served while less than <see cref="TimeToLive"/> has passed; at exactly
/// <see cref="TimeToLive"/> it has expired and the next call fetches again. The TTL does not look at
/// <see cref="PriceQuote.Timestamp"/>: wrap this cache in a <see cref="StalenessGuardOracle"/> so cached quotes are
/// still checked for age.
/// </para>
/// <para>
/// <b>Single flight:</b> while a fetch for a query is running, other callers for the same query wait for it instead of
/// starting their own. A caller that cancels stops waiting at once (with <see cref="OperationCanceledException"/>);
/// the shared fetch itself is cancelled only when every waiting caller has cancelled.
/// </para>
/// <para>
/// <b>Failures are not cached:</b> a fetch that throws is forgotten, every caller waiting on it gets its exception,
/// and the next call fetches again.
/// </para>
/// <para>
/// Expired entries are dropped when their query is next asked for; the cache holds one entry per distinct query.
/// This type is thread-safe.
/// </para>
/// </remarks>
public sealed class CachingPriceOracle : DelegatingPriceOracle
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<PriceQuery, Entry> _entries = [];

    /// <summary>Initializes a new instance of the <see cref="CachingPriceOracle"/> class.</summary>
    /// <param name="innerOracle">The oracle to cache.</param>
    /// <param name="timeToLive">How long a successful quote is served from the cache; must be positive.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerOracle"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    public CachingPriceOracle(IPriceOracle innerOracle, TimeSpan timeToLive, TimeProvider timeProvider)
        : base(innerOracle)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        _timeProvider = timeProvider;
        TimeToLive = timeToLive;
    }

    /// <summary>Gets how long a successful quote is served from the cache.</summary>
    public TimeSpan TimeToLive { get; }

    /// <inheritdoc/>
    public override ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<PriceQuote>(cancellationToken);
        }

        Flight flight;
        bool start = false;
        lock (_gate)
        {
            if (_entries.TryGetValue(query, out Entry? entry))
            {
                if (entry.Flight is null)
                {
                    if (_timeProvider.GetUtcNow() < entry.ExpiresAt)
                    {
                        return new ValueTask<PriceQuote>(entry.Quote);
                    }

                    _entries.Remove(query);
                    entry = null;
                }
            }

            if (entry?.Flight is { } running)
            {
                flight = running;
            }
            else
            {
                flight = new Flight();
                _entries[query] = new Entry(flight);
                start = true;
            }

            flight.Waiters++;
        }

        if (start)
        {
            _ = FetchAsync(query, flight);
        }

        return WaitAsync(flight, query, cancellationToken);
    }

    private async Task FetchAsync(PriceQuery query, Flight flight)
    {
        try
        {
            PriceQuote quote = await InnerOracle.GetPriceAsync(query, flight.Cancellation.Token).ConfigureAwait(false);
            lock (_gate)
            {
                if (_entries.TryGetValue(query, out Entry? entry) && ReferenceEquals(entry.Flight, flight))
                {
                    _entries[query] = new Entry(quote, _timeProvider.GetUtcNow() + TimeToLive);
                }
            }

            flight.Completion.TrySetResult(quote);
        }
        catch (Exception ex)
        {
            Forget(query, flight);
            if (ex is OperationCanceledException && flight.Cancellation.IsCancellationRequested)
            {
                flight.Completion.TrySetCanceled(flight.Cancellation.Token);
            }
            else
            {
                flight.Completion.TrySetException(ex);
            }
        }
    }

    private async ValueTask<PriceQuote> WaitAsync(Flight flight, PriceQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            bool abandon;
            lock (_gate)
            {
                flight.Waiters--;
                abandon = flight.Waiters == 0 && !flight.Completion.Task.IsCompleted;
                if (abandon)
                {
                    Forget(query, flight);
                }
            }

            if (abandon)
            {
                await flight.Cancellation.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private void Forget(PriceQuery query, Flight flight)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(query, out Entry? entry) && ReferenceEquals(entry.Flight, flight))
            {
                _entries.Remove(query);
            }
        }
    }

    private sealed class Flight
    {
        public TaskCompletionSource<PriceQuote> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = new();

        public int Waiters { get; set; }
    }

    private sealed class Entry
    {
        public Entry(Flight flight) => Flight = flight;

        public Entry(PriceQuote quote, DateTimeOffset expiresAt)
        {
            Quote = quote;
            ExpiresAt = expiresAt;
        }

        public Flight? Flight { get; }

        public PriceQuote Quote { get; }

        public DateTimeOffset ExpiresAt { get; }
    }
}
