namespace NftCollateral.Sdk.Oracles;

/// <summary>Composes decorators around a source oracle.</summary>
/// <remarks>
/// <para>
/// Each <see cref="Use"/> (or <c>With…</c> extension) wraps everything added before it, so the first call is the
/// innermost decorator and the last is the outermost, the one callers talk to. A typical order is:
/// </para>
/// <code>
/// IPriceOracle oracle = new PriceOracleBuilder(chainlink) { TimeProvider = clock }
///     .WithNonPositiveGuard()
///     .WithCache(TimeSpan.FromSeconds(30))
///     .WithStalenessGuard(TimeSpan.FromHours(25))   // outside the cache: cached quotes are checked too
///     .Build();
/// </code>
/// <para>A builder is not thread-safe; the oracles it builds are as thread-safe as their parts.</para>
/// </remarks>
public sealed class PriceOracleBuilder
{
    private readonly IPriceOracle _source;
    private readonly List<Func<IPriceOracle, IPriceOracle>> _decorators = [];
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Initializes a new instance of the <see cref="PriceOracleBuilder"/> class.</summary>
    /// <param name="source">The innermost oracle, e.g. a Chainlink feed reader.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is <see langword="null"/>.</exception>
    public PriceOracleBuilder(IPriceOracle source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Gets or sets the clock that the <c>With…</c> extensions use when none is passed to them.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _timeProvider = value;
        }
    }

    /// <summary>Adds a decorator that wraps everything added so far.</summary>
    /// <param name="decorator">Given the oracle built so far, returns the oracle that wraps it.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="decorator"/> is <see langword="null"/>.</exception>
    public PriceOracleBuilder Use(Func<IPriceOracle, IPriceOracle> decorator)
    {
        ArgumentNullException.ThrowIfNull(decorator);
        _decorators.Add(decorator);
        return this;
    }

    /// <summary>Builds the oracle: the source wrapped by each decorator in the order added.</summary>
    /// <returns>The outermost oracle.</returns>
    /// <exception cref="InvalidOperationException">A decorator returned <see langword="null"/>.</exception>
    public IPriceOracle Build()
    {
        IPriceOracle oracle = _source;
        for (int i = 0; i < _decorators.Count; i++)
        {
            oracle = _decorators[i](oracle)
                ?? throw new InvalidOperationException($"Decorator #{i + 1} of {_decorators.Count} returned null instead of an oracle.");
        }

        return oracle;
    }
}

/// <summary>Adds the built-in decorators to a <see cref="PriceOracleBuilder"/>.</summary>
public static class PriceOracleBuilderExtensions
{
    /// <summary>Adds a <see cref="StalenessGuardOracle"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="maxAge">The oldest accepted age of a quote (inclusive).</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="PriceOracleBuilder.TimeProvider"/>.</param>
    /// <param name="maxClockSkew">How far in the future a timestamp may be; <see langword="null"/> for <see cref="StalenessGuardOracle.DefaultMaxClockSkew"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> is zero or negative, or <paramref name="maxClockSkew"/> is negative.</exception>
    public static PriceOracleBuilder WithStalenessGuard(this PriceOracleBuilder builder, TimeSpan maxAge, TimeProvider? timeProvider = null, TimeSpan? maxClockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        if (maxClockSkew is { } skew)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(skew, TimeSpan.Zero, nameof(maxClockSkew));
        }

        TimeProvider clock = timeProvider ?? builder.TimeProvider;
        return builder.Use(inner => new StalenessGuardOracle(inner, maxAge, clock, maxClockSkew));
    }

    /// <summary>Adds a <see cref="NonPositiveGuardOracle"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static PriceOracleBuilder WithNonPositiveGuard(this PriceOracleBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(static inner => new NonPositiveGuardOracle(inner));
    }

    /// <summary>Adds a <see cref="DeviationGuardOracle"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="referenceOracle">The oracle whose price quotes are compared with.</param>
    /// <param name="maxDeviationPercent">The largest accepted deviation (inclusive), in percent.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="referenceOracle"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDeviationPercent"/> is zero or negative.</exception>
    public static PriceOracleBuilder WithDeviationGuard(this PriceOracleBuilder builder, IPriceOracle referenceOracle, decimal maxDeviationPercent)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(referenceOracle);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDeviationPercent, 0m);
        return builder.Use(inner => new DeviationGuardOracle(inner, referenceOracle, maxDeviationPercent));
    }

    /// <summary>Adds a <see cref="CachingPriceOracle"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="timeToLive">How long a successful quote is served from the cache.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="PriceOracleBuilder.TimeProvider"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    public static PriceOracleBuilder WithCache(this PriceOracleBuilder builder, TimeSpan timeToLive, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        TimeProvider clock = timeProvider ?? builder.TimeProvider;
        return builder.Use(inner => new CachingPriceOracle(inner, timeToLive, clock));
    }

    /// <summary>Adds a <see cref="FallbackPriceOracle"/> that asks the oracle built so far first, then each of <paramref name="fallbacks"/> in order.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="fallbacks">The oracles to ask when the ones before them fail.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="fallbacks"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="fallbacks"/> is empty.</exception>
    public static PriceOracleBuilder WithFallback(this PriceOracleBuilder builder, params IPriceOracle[] fallbacks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IPriceOracle[] copy = OracleList.Copy(fallbacks, nameof(fallbacks));
        return builder.Use(inner => new FallbackPriceOracle([inner, .. copy]));
    }
}
