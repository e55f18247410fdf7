using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Contracts;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Evm.Chainlink;

/// <summary>A validated reading of a Chainlink feed: the round, the price it means, and how old it is.</summary>
/// <param name="Feed">The feed (aggregator or proxy) address.</param>
/// <param name="Description">The feed's <c>description()</c>, e.g. <c>BAYC / ETH</c>.</param>
/// <param name="Decimals">The feed's <c>decimals()</c>.</param>
/// <param name="Round">The raw round.</param>
/// <param name="Price">The answer divided by 10^decimals, exact (rounded half-even only beyond 28 decimal places).</param>
/// <param name="UpdatedAt">When the answer was last updated.</param>
/// <param name="Age">How old the answer is, by the reader's clock.</param>
public sealed record ChainlinkFeedReading(Address Feed, string Description, byte Decimals, ChainlinkRoundData Round, decimal Price, DateTimeOffset UpdatedAt, TimeSpan Age);

/// <summary>
/// Reads Chainlink <c>AggregatorV3Interface</c> feeds and applies the checks Chainlink's consumers and auditors ask for:
/// a positive answer, a complete round (<c>updatedAt ≠ 0</c>, <c>answeredInRound ≥ roundId</c>), an age within the
/// allowed maximum, and <c>decimals()</c> read from the feed (once, then cached), never assumed.
/// </summary>
/// <remarks>
/// Every rejection is an <see cref="OracleException"/> whose <see cref="OracleException.Kind"/> says why: <see cref="OracleErrorKind.Stale"/>,
/// <see cref="OracleErrorKind.NonPositiveAnswer"/>, <see cref="OracleErrorKind.IncompleteRound"/>, <see cref="OracleErrorKind.ContractNotDeployed"/>
/// (the call returned <c>0x</c> and the address has no code), <see cref="OracleErrorKind.Reverted"/>, <see cref="OracleErrorKind.NoSource"/>
/// (a contract that is not a feed), <see cref="OracleErrorKind.MalformedAnswer"/> or <see cref="OracleErrorKind.SourceUnavailable"/>
/// (the node could not be reached). Thread-safe.
/// </remarks>
public sealed class ChainlinkFeedReader
{
    /// <summary>The selector of <c>latestRoundData()</c>, <c>0xfeaf968c</c>.</summary>
    public static readonly FunctionSelector LatestRoundDataSelector = new(0xfeaf968c);

    /// <summary>The selector of <c>decimals()</c>, <c>0x313ce567</c>.</summary>
    public static readonly FunctionSelector DecimalsSelector = new(0x313ce567);

    /// <summary>The selector of <c>description()</c>, <c>0x7284e416</c>.</summary>
    public static readonly FunctionSelector DescriptionSelector = new(0x7284e416);

    /// <summary>The selector of <c>getRoundData(uint80)</c>, <c>0x9a6fc8f5</c>.</summary>
    public static readonly FunctionSelector GetRoundDataSelector = new(0x9a6fc8f5);

    private static readonly byte[] LatestRoundDataCall = new AbiEncoder().EncodeCall(LatestRoundDataSelector);
    private static readonly byte[] DecimalsCall = new AbiEncoder().EncodeCall(DecimalsSelector);
    private static readonly byte[] DescriptionCall = new AbiEncoder().EncodeCall(DescriptionSelector);

    private readonly IJsonRpcClient _rpc;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Address, byte> _decimals = new();

    /// <summary>Initializes a new instance of the <see cref="ChainlinkFeedReader"/> class.</summary>
    /// <param name="rpc">The JSON-RPC client.</param>
    /// <param name="timeProvider">The clock ages are measured with, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpc"/> is <see langword="null"/>.</exception>
    public ChainlinkFeedReader(IJsonRpcClient rpc, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the source name used in quotes and errors for a feed: <c>chainlink:</c> and the checksummed address.</summary>
    /// <param name="feed">The feed.</param>
    /// <returns>The source name.</returns>
    public static string SourceName(Address feed) => "chainlink:" + feed;

    /// <summary>Reads the latest round and validates it.</summary>
    /// <param name="feed">The feed address.</param>
    /// <param name="maxAge">The oldest answer accepted.</param>
    /// <param name="query">The query being answered, for error messages, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The validated reading.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAge"/> is not positive.</exception>
    /// <exception cref="OracleException">The answer is unusable; see the remarks for the kinds.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ChainlinkFeedReading> ReadAsync(Address feed, TimeSpan maxAge, PriceQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxAge, TimeSpan.Zero);
        string source = SourceName(feed);
        return await Guard(source, query, async () =>
        {
            // One round trip: latestRoundData, description and (the first time) decimals in one JSON-RPC batch.
            bool cached = _decimals.TryGetValue(feed, out byte decimals);
            var requests = new List<JsonRpcRequest>(3);
            if (!cached)
            {
                requests.Add(EthRpc.BuildCall(new EthCallRequest(feed, DecimalsCall)));
            }

            requests.Add(EthRpc.BuildCall(new EthCallRequest(feed, LatestRoundDataCall)));
            requests.Add(EthRpc.BuildCall(new EthCallRequest(feed, DescriptionCall)));
            IReadOnlyList<JsonRpcResult> results = await _rpc.SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
            int next = 0;
            if (!cached)
            {
                decimals = DecodeDecimals(feed, await ContractCall.FromBatchAsync(_rpc, results[next++], feed, "decimals()", BlockParameter.Latest, cancellationToken).ConfigureAwait(false));
                _decimals.TryAdd(feed, decimals);
            }

            ChainlinkRoundData round = DecodeRound(feed, "latestRoundData()", await ContractCall.FromBatchAsync(_rpc, results[next++], feed, "latestRoundData()", BlockParameter.Latest, cancellationToken).ConfigureAwait(false));
            string description = DecodeString(feed, "description()", await ContractCall.FromBatchAsync(_rpc, results[next], feed, "description()", BlockParameter.Latest, cancellationToken).ConfigureAwait(false));
            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset updatedAt = Validate(round, now, maxAge, source, query);
            decimal price = ToDecimal(round.Answer, decimals)
                ?? throw new OracleException(OracleErrorKind.MalformedAnswer, source, query, $"answer {round.Answer} with {decimals} decimals is outside the decimal range");
            return new ChainlinkFeedReading(feed, description, decimals, round, price, updatedAt, now - updatedAt);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads <c>decimals()</c> once per feed and caches it (a feed's decimals never change).</summary>
    /// <param name="feed">The feed address.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of decimals of the answer.</returns>
    /// <exception cref="OracleException">The read failed.</exception>
    public Task<byte> GetDecimalsAsync(Address feed, CancellationToken cancellationToken = default) =>
        Guard(SourceName(feed), null, () => GetDecimalsCoreAsync(feed, cancellationToken));

    /// <summary>Reads <c>latestRoundData()</c> without validating it (decoding is still strict).</summary>
    /// <param name="feed">The feed address.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The raw round.</returns>
    /// <exception cref="OracleException">The read failed.</exception>
    public Task<ChainlinkRoundData> GetLatestRoundAsync(Address feed, BlockParameter block = default, CancellationToken cancellationToken = default) =>
        Guard(SourceName(feed), null, () => GetLatestRoundCoreAsync(feed, block, cancellationToken));

    /// <summary>Reads <c>getRoundData(roundId)</c> without validating it, e.g. to walk a feed's history.</summary>
    /// <param name="feed">The feed address.</param>
    /// <param name="roundId">The round id (80 bits).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The raw round.</returns>
    /// <exception cref="OracleException">The read failed (an unknown round reverts: <see cref="OracleErrorKind.Reverted"/>).</exception>
    public Task<ChainlinkRoundData> GetRoundAsync(Address feed, UInt128 roundId, CancellationToken cancellationToken = default) =>
        Guard(SourceName(feed), null, async () =>
        {
            byte[] call = new AbiEncoder().UIntN((BigInteger)roundId, 80).EncodeCall(GetRoundDataSelector);
            string function = string.Create(CultureInfo.InvariantCulture, $"getRoundData({roundId})");
            byte[] data = await ContractCall.ReadAsync(_rpc, feed, call, function, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
            return DecodeRound(feed, function, data);
        });

    /// <summary>Reads <c>description()</c>.</summary>
    /// <param name="feed">The feed address.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The description.</returns>
    /// <exception cref="OracleException">The read failed.</exception>
    public Task<string> GetDescriptionAsync(Address feed, CancellationToken cancellationToken = default) =>
        Guard(SourceName(feed), null, () => ReadStringAsync(feed, DescriptionCall, "description()", cancellationToken));

    /// <summary>Converts a raw answer to a decimal price: exact up to 28 decimal places and 96 bits of mantissa, else rounded half-even.</summary>
    /// <param name="answer">The raw answer.</param>
    /// <param name="decimals">The feed's decimals.</param>
    /// <returns>The price, or <see langword="null"/> when its integer part does not fit a <see cref="decimal"/>.</returns>
    public static decimal? ToDecimal(Int128 answer, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        BigInteger mantissa = answer;
        int scale = decimals;
        if (scale > 28)
        {
            mantissa = DivideHalfEven(mantissa, BigInteger.Pow(10, scale - 28));
            scale = 28;
        }

        BigInteger limit = BigInteger.One << 96;
        while (BigInteger.Abs(mantissa) >= limit)
        {
            if (scale == 0)
            {
                return null;
            }

            mantissa = DivideHalfEven(mantissa, 10);
            scale--;
        }

        bool negative = mantissa.Sign < 0;
        BigInteger magnitude = BigInteger.Abs(mantissa);
        int lo = (int)(uint)(magnitude & uint.MaxValue);
        int mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        int hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    private static BigInteger DivideHalfEven(BigInteger value, BigInteger divisor)
    {
        BigInteger quotient = BigInteger.DivRem(value, divisor, out BigInteger remainder);
        BigInteger twice = BigInteger.Abs(remainder) * 2;
        if (twice > divisor || (twice == divisor && !quotient.IsEven))
        {
            quotient += value.Sign;
        }

        return quotient;
    }

    private static DateTimeOffset Validate(ChainlinkRoundData round, DateTimeOffset now, TimeSpan maxAge, string source, PriceQuery? query)
    {
        if (round.UpdatedAt == 0)
        {
            throw new OracleException(OracleErrorKind.IncompleteRound, source, query, string.Create(CultureInfo.InvariantCulture, $"round {round.RoundId} has updatedAt = 0 (not complete)"));
        }

        if (round.AnsweredInRound < round.RoundId)
        {
            throw new OracleException(OracleErrorKind.IncompleteRound, source, query, string.Create(CultureInfo.InvariantCulture, $"answeredInRound {round.AnsweredInRound} is before roundId {round.RoundId} (the answer is carried over from an earlier round)"));
        }

        if (round.Answer <= 0)
        {
            throw new OracleException(OracleErrorKind.NonPositiveAnswer, source, query, string.Create(CultureInfo.InvariantCulture, $"round {round.RoundId} answered {round.Answer}; a price must be positive"));
        }

        DateTimeOffset updatedAt = round.UpdatedAtTime
            ?? throw new OracleException(OracleErrorKind.Stale, source, query, string.Create(CultureInfo.InvariantCulture, $"updatedAt {round.UpdatedAt} is not a representable time"));
        TimeSpan age = now - updatedAt;
        if (age > maxAge)
        {
            throw new OracleException(OracleErrorKind.Stale, source, query, string.Create(CultureInfo.InvariantCulture, $"the answer is {age.TotalSeconds:0} s old (updated {updatedAt:O}); the maximum age is {maxAge.TotalSeconds:0} s"));
        }

        if (-age > ChainlinkPriceOracleOptions.ClockSkewAllowance)
        {
            throw new OracleException(OracleErrorKind.Stale, source, query, string.Create(CultureInfo.InvariantCulture, $"updatedAt {updatedAt:O} is {-age.TotalSeconds:0} s in the future, beyond the {ChainlinkPriceOracleOptions.ClockSkewAllowance.TotalSeconds:0} s clock-skew allowance"));
        }

        return updatedAt;
    }

    private async Task<byte> GetDecimalsCoreAsync(Address feed, CancellationToken cancellationToken)
    {
        if (_decimals.TryGetValue(feed, out byte cached))
        {
            return cached;
        }

        byte[] data = await ContractCall.ReadAsync(_rpc, feed, DecimalsCall, "decimals()", BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        byte decimals = DecodeDecimals(feed, data);
        _decimals.TryAdd(feed, decimals);
        return decimals;
    }

    private static byte DecodeDecimals(Address feed, byte[] data)
    {
        try
        {
            AbiReader.RequireStaticLength(data, 1, $"decimals() on {feed}");
            return new AbiReader(data, "decimals()").ReadUInt8();
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(feed, "decimals()", ex);
        }
    }

    private async Task<ChainlinkRoundData> GetLatestRoundCoreAsync(Address feed, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data = await ContractCall.ReadAsync(_rpc, feed, LatestRoundDataCall, "latestRoundData()", block, cancellationToken).ConfigureAwait(false);
        return DecodeRound(feed, "latestRoundData()", data);
    }

    private static ChainlinkRoundData DecodeRound(Address feed, string function, byte[] data)
    {
        try
        {
            return ChainlinkRoundData.Decode(data);
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(feed, function, ex);
        }
    }

    private async Task<string> ReadStringAsync(Address feed, byte[] call, string function, CancellationToken cancellationToken)
    {
        byte[] data = await ContractCall.ReadAsync(_rpc, feed, call, function, BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        return DecodeString(feed, function, data);
    }

    private static string DecodeString(Address feed, string function, byte[] data)
    {
        try
        {
            var reader = new AbiReader(data, $"{function} on {feed}");
            string text = reader.ReadString();
            reader.EnsureEnd();
            return text;
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(feed, function, ex);
        }
    }

    /// <summary>Runs a read and maps every chain fault to the matching <see cref="OracleException"/> kind.</summary>
    private static async Task<T> Guard<T>(string source, PriceQuery? query, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ContractReadException ex) when (ex.Kind == ContractReadErrorKind.Reverted && ex.Function == "decimals()" && ex.Revert?.Kind == RevertReasonKind.Empty)
        {
            // Solidity answers a call to a function a contract does not have by reverting without data.
            throw new OracleException(OracleErrorKind.NoSource, source, query, "decimals() reverted without data: the contract is not an AggregatorV3 feed", ex);
        }
        catch (ContractReadException ex)
        {
            OracleErrorKind kind = ex.Kind switch
            {
                ContractReadErrorKind.NoContract => OracleErrorKind.ContractNotDeployed,
                ContractReadErrorKind.Reverted => OracleErrorKind.Reverted,
                ContractReadErrorKind.EmptyReturn => OracleErrorKind.NoSource,
                _ => OracleErrorKind.MalformedAnswer,
            };
            string detail = ex.Kind == ContractReadErrorKind.EmptyReturn ? $"{ex.Function} returned 0x: the contract is not an AggregatorV3 feed" : ex.Function + ": " + ex.Detail;
            throw new OracleException(kind, source, query, detail, ex);
        }
        catch (JsonRpcException ex)
        {
            throw new OracleException(OracleErrorKind.SourceUnavailable, source, query, ex.Message, ex);
        }
    }
}
