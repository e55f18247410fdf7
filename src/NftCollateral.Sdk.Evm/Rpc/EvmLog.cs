namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>An event log entry returned by <c>eth_getLogs</c>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EvmLog
{
    /// <summary>Initializes a new instance of the <see cref="EvmLog"/> class.</summary>
    /// <param name="address">The emitting contract.</param>
    /// <param name="topics">The topics (topic 0 is the event signature hash for non-anonymous events), 32 bytes each.</param>
    /// <param name="data">The non-indexed event data.</param>
    /// <param name="blockNumber">The block number.</param>
    /// <param name="transactionHash">The transaction hash, <c>0x</c> and 64 hex digits.</param>
    /// <param name="logIndex">The log's index in the block.</param>
    /// <param name="removed">Whether the log was removed by a chain re-organisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="topics"/> or <paramref name="transactionHash"/> is <see langword="null"/>.</exception>
    public EvmLog(Address address, IReadOnlyList<ReadOnlyMemory<byte>> topics, ReadOnlyMemory<byte> data, ulong blockNumber, string transactionHash, ulong logIndex, bool removed)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(transactionHash);
        Address = address;
        Topics = topics;
        Data = data;
        BlockNumber = blockNumber;
        TransactionHash = transactionHash;
        LogIndex = logIndex;
        Removed = removed;
    }

    /// <summary>Gets the emitting contract.</summary>
    public Address Address { get; }

    /// <summary>Gets the topics, 32 bytes each.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Topics { get; }

    /// <summary>Gets the non-indexed event data.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the block number.</summary>
    public ulong BlockNumber { get; }

    /// <summary>Gets the transaction hash.</summary>
    public string TransactionHash { get; }

    /// <summary>Gets the log's index in its block.</summary>
    public ulong LogIndex { get; }

    /// <summary>Gets a value indicating whether a re-organisation removed the log.</summary>
    public bool Removed { get; }
}

/// <summary>What <c>eth_getLogs</c> should return: a block range, an optional contract and topic filters.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LogFilter
{
    /// <summary>Initializes a new instance of the <see cref="LogFilter"/> class.</summary>
    /// <param name="fromBlock">The first block, inclusive.</param>
    /// <param name="toBlock">The last block, inclusive, or <see langword="null"/> for the latest block (resolved once, before the first request).</param>
    /// <param name="address">The emitting contract, or <see langword="null"/> for any.</param>
    /// <param name="topics">Per position, the required 32-byte topic or <see langword="null"/> for any.</param>
    /// <exception cref="ArgumentException">A topic is not 32 bytes, there are more than four, or <paramref name="toBlock"/> is before <paramref name="fromBlock"/>.</exception>
    public LogFilter(ulong fromBlock, ulong? toBlock, Address? address, IReadOnlyList<ReadOnlyMemory<byte>?>? topics = null)
    {
        if (toBlock < fromBlock)
        {
            throw new ArgumentException($"toBlock {toBlock} is before fromBlock {fromBlock}.", nameof(toBlock));
        }

        topics ??= [];
        if (topics.Count > 4)
        {
            throw new ArgumentException($"A log has at most 4 topics, but {topics.Count} filters were given.", nameof(topics));
        }

        for (int i = 0; i < topics.Count; i++)
        {
            if (topics[i] is { Length: not 32 } t)
            {
                throw new ArgumentException($"Topic filter {i} is {t.Length} bytes; a topic is 32 bytes.", nameof(topics));
            }
        }

        FromBlock = fromBlock;
        ToBlock = toBlock;
        Address = address;
        Topics = topics;
    }

    /// <summary>Gets the first block, inclusive.</summary>
    public ulong FromBlock { get; }

    /// <summary>Gets the last block, inclusive, or <see langword="null"/> for the latest block.</summary>
    public ulong? ToBlock { get; }

    /// <summary>Gets the emitting contract, or <see langword="null"/> for any.</summary>
    public Address? Address { get; }

    /// <summary>Gets the topic filters by position (<see langword="null"/> matches any topic).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>?> Topics { get; }
}

/// <summary>A block's number, hash and timestamp.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Hash">The block hash, <c>0x</c> and 64 hex digits.</param>
/// <param name="Timestamp">The block timestamp.</param>
public sealed record BlockHeader(ulong Number, string Hash, DateTimeOffset Timestamp);
