using System.Collections.Concurrent;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Testing;

/// <summary>
/// An <see cref="IPriceOracle"/> for unit tests: each query is answered from its own script of quotes and failures, in
/// order; the last step repeats. A query without a script fails with <see cref="OracleErrorKind.NoSource"/>.
/// </summary>
/// <remarks>Thread-safe. Every query received is recorded in <see cref="Queries"/>.</remarks>
public sealed class ScriptedPriceOracle : IPriceOracle
{
    private readonly ConcurrentDictionary<PriceQuery, Script> _scripts = new();
    private readonly ConcurrentQueue<PriceQuery> _queries = new();

    /// <summary>Initializes a new instance of the <see cref="ScriptedPriceOracle"/> class.</summary>
    /// <param name="sourceName">The source name used in failures.</param>
    public ScriptedPriceOracle(string sourceName = "scripted")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        SourceName = sourceName;
    }

    /// <summary>Gets the source name used in failures.</summary>
    public string SourceName { get; }

    /// <summary>Gets every query received, in order.</summary>
    public IReadOnlyCollection<PriceQuery> Queries => _queries.ToArray();

    /// <summary>Adds a step that answers <paramref name="query"/> with <paramref name="quote"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="quote">The quote to return.</param>
    /// <returns>This oracle.</returns>
    public ScriptedPriceOracle Returns(PriceQuery query, PriceQuote quote) => Add(query, _ => ValueTask.FromResult(quote));

    /// <summary>Adds a step that fails <paramref name="query"/> with an <see cref="OracleException"/> of <paramref name="kind"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="kind">The failure kind.</param>
    /// <param name="detail">The failure detail.</param>
    /// <returns>This oracle.</returns>
    public ScriptedPriceOracle Fails(PriceQuery query, OracleErrorKind kind, string detail = "scripted failure") =>
        Add(query, q => ValueTask.FromException<PriceQuote>(new OracleException(kind, SourceName, q, detail)));

    /// <summary>Adds a step computed by <paramref name="answer"/> (e.g. one that waits on a task the test controls).</summary>
    /// <param name="query">The query.</param>
    /// <param name="answer">The step.</param>
    /// <returns>This oracle.</returns>
    public ScriptedPriceOracle Answers(PriceQuery query, Func<PriceQuery, ValueTask<PriceQuote>> answer) => Add(query, answer);

    /// <inheritdoc/>
    public ValueTask<PriceQuote> GetPriceAsync(PriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        _queries.Enqueue(query);
        return _scripts.TryGetValue(query, out Script? script)
            ? script.Next()(query)
            : ValueTask.FromException<PriceQuote>(new OracleException(OracleErrorKind.NoSource, SourceName, query, "no script for this query"));
    }

    private ScriptedPriceOracle Add(PriceQuery query, Func<PriceQuery, ValueTask<PriceQuote>> step)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(step);
        _scripts.GetOrAdd(query, _ => new Script()).Add(step);
        return this;
    }

    private sealed class Script
    {
        private readonly List<Func<PriceQuery, ValueTask<PriceQuote>>> _steps = [];
        private int _position;

        public void Add(Func<PriceQuery, ValueTask<PriceQuote>> step)
        {
            lock (_steps)
            {
                _steps.Add(step);
            }
        }

        public Func<PriceQuery, ValueTask<PriceQuote>> Next()
        {
            lock (_steps)
            {
                Func<PriceQuery, ValueTask<PriceQuote>> step = _steps[Math.Min(_position, _steps.Count - 1)];
                _position++;
                return step;
            }
        }
    }
}
