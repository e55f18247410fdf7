using System.Globalization;
using System.Text.Json;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Contracts;

/// <summary>One call inside a Multicall3 <c>aggregate3</c>.</summary>
/// <param name="Target">The contract called.</param>
/// <param name="CallData">The call data.</param>
/// <param name="AllowFailure">Whether this call may fail without reverting the whole batch.</param>
public sealed record Multicall3Call(Address Target, ReadOnlyMemory<byte> CallData, bool AllowFailure = true);

/// <summary>The outcome of one call inside a Multicall3 <c>aggregate3</c>.</summary>
/// <param name="Success">Whether the call succeeded.</param>
/// <param name="ReturnData">The return data on success, the revert data on failure.</param>
public readonly record struct Multicall3Result(bool Success, ReadOnlyMemory<byte> ReturnData);

/// <summary>
/// Batches many read-only calls into one <c>eth_call</c> to a Multicall3 contract (<c>aggregate3</c>), with a success flag
/// per call: hundreds of <c>ownerOf</c> or feed reads in one round trip.
/// </summary>
/// <remarks>
/// <para>
/// Multicall3 is deployed at <see cref="CanonicalAddress"/> on Ethereum and most EVM chains. Calls beyond
/// <see cref="MaxCallsPerRequest"/> are split into several <c>eth_call</c>s sent as one JSON-RPC batch; when that happens
/// and the block is a tag, the tag is first resolved to a number so that every part reads the same block.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class Multicall3
{
    /// <summary>The address Multicall3 is deployed at on Ethereum and most EVM chains: <c>0xcA11bde05977b3631167028862bE2a173976CA11</c>.</summary>
    public static readonly Address CanonicalAddress = Address.Parse("0xcA11bde05977b3631167028862bE2a173976CA11");

    /// <summary>The selector of <c>aggregate3((address,bool,bytes)[])</c>, <c>0x82ad56cb</c>.</summary>
    public static readonly FunctionSelector Aggregate3Selector = FunctionSelector.FromSignature("aggregate3((address,bool,bytes)[])");

    private readonly IJsonRpcClient _rpc;

    /// <summary>Initializes a new instance of the <see cref="Multicall3"/> class.</summary>
    /// <param name="rpc">The JSON-RPC client.</param>
    /// <param name="address">The Multicall3 contract, or <see langword="null"/> for <see cref="CanonicalAddress"/>.</param>
    /// <param name="maxCallsPerRequest">The most calls in one <c>eth_call</c> (bounded by the node's gas cap for calls).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rpc"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCallsPerRequest"/> is less than 1.</exception>
    public Multicall3(IJsonRpcClient rpc, Address? address = null, int maxCallsPerRequest = 500)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCallsPerRequest, 1);
        _rpc = rpc;
        Address = address ?? CanonicalAddress;
        MaxCallsPerRequest = maxCallsPerRequest;
    }

    /// <summary>Gets the Multicall3 contract used.</summary>
    public Address Address { get; }

    /// <summary>Gets the most calls in one <c>eth_call</c>.</summary>
    public int MaxCallsPerRequest { get; }

    /// <summary>Runs the calls through <c>aggregate3</c> and returns one outcome per call, in order.</summary>
    /// <param name="calls">The calls.</param>
    /// <param name="block">The block every call is evaluated at.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>One outcome per call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calls"/> is <see langword="null"/>.</exception>
    /// <exception cref="ContractReadException">Multicall3 is not deployed at <see cref="Address"/>, the batch reverted (a call with <see cref="Multicall3Call.AllowFailure"/> false failed), or its answer is malformed.</exception>
    /// <exception cref="JsonRpcException">The request failed.</exception>
    public async Task<IReadOnlyList<Multicall3Result>> Aggregate3Async(IReadOnlyList<Multicall3Call> calls, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (calls.Count == 0)
        {
            return [];
        }

        int chunks = (calls.Count + MaxCallsPerRequest - 1) / MaxCallsPerRequest;
        if (chunks > 1 && !block.IsNumber)
        {
            block = BlockParameter.AtNumber(await _rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false));
        }

        var requests = new JsonRpcRequest[chunks];
        for (int c = 0; c < chunks; c++)
        {
            int start = c * MaxCallsPerRequest;
            int count = Math.Min(MaxCallsPerRequest, calls.Count - start);
            requests[c] = EthRpc.BuildCall(new EthCallRequest(Address, Encode(calls, start, count)), block);
        }

        var results = new Multicall3Result[calls.Count];
        if (chunks == 1)
        {
            JsonElement single = await SendOneAsync(requests[0], cancellationToken).ConfigureAwait(false);
            await DecodeInto(single, 0, calls.Count, results, block, cancellationToken).ConfigureAwait(false);
            return results;
        }

        IReadOnlyList<JsonRpcResult> answers = await _rpc.SendBatchAsync(requests, cancellationToken).ConfigureAwait(false);
        for (int c = 0; c < chunks; c++)
        {
            int start = c * MaxCallsPerRequest;
            JsonElement element;
            try
            {
                element = answers[c].GetResultOrThrow();
            }
            catch (EvmRevertException ex)
            {
                throw ContractCall.Reverted(Address, Describe(start, Math.Min(MaxCallsPerRequest, calls.Count - start)), ex.Reason, ex);
            }

            await DecodeInto(element, start, Math.Min(MaxCallsPerRequest, calls.Count - start), results, block, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Encodes <c>aggregate3</c> call data for <paramref name="count"/> calls from <paramref name="start"/>.</summary>
    /// <param name="calls">The calls.</param>
    /// <param name="start">The first call.</param>
    /// <param name="count">The number of calls.</param>
    /// <returns>The call data.</returns>
    public static byte[] Encode(IReadOnlyList<Multicall3Call> calls, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var elements = new List<AbiEncoder>(count);
        for (int i = start; i < start + count; i++)
        {
            Multicall3Call call = calls[i] ?? throw new ArgumentException($"Call {i} is null.", nameof(calls));
            elements.Add(new AbiEncoder().Address(call.Target).Bool(call.AllowFailure).Bytes(call.CallData.Span));
        }

        return new AbiEncoder().TupleArray(elements).EncodeCall(Aggregate3Selector);
    }

    /// <summary>Decodes <c>aggregate3</c> return data: <c>(bool success, bytes returnData)[]</c>.</summary>
    /// <param name="data">The return data.</param>
    /// <param name="expectedCount">The number of calls sent.</param>
    /// <returns>The outcomes.</returns>
    /// <exception cref="AbiDecodingException">The data is malformed or holds a different number of results.</exception>
    public static Multicall3Result[] Decode(ReadOnlySpan<byte> data, int expectedCount)
    {
        var reader = new AbiReader(data, "aggregate3");
        AbiReader array = reader.ReadArray(out int count);
        if (count != expectedCount)
        {
            throw new AbiDecodingException(string.Create(CultureInfo.InvariantCulture, $"aggregate3: {count} results for {expectedCount} calls"));
        }

        var results = new Multicall3Result[count];
        for (int i = 0; i < count; i++)
        {
            AbiReader tuple = array.ReadDynamicTuple();
            bool success = tuple.ReadBool();
            byte[] returned = tuple.ReadBytes().ToArray();
            array.Include(tuple);
            results[i] = new Multicall3Result(success, returned);
        }

        reader.Include(array);
        reader.EnsureEnd();
        return results;
    }

    private async Task<JsonElement> SendOneAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _rpc.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EvmRevertException ex)
        {
            throw ContractCall.Reverted(Address, "aggregate3", ex.Reason, ex);
        }
    }

    private async Task DecodeInto(JsonElement element, int start, int count, Multicall3Result[] results, BlockParameter block, CancellationToken cancellationToken)
    {
        byte[] data = EthRpc.ParseData(element, "eth_call");
        string function = Describe(start, count);
        if (data.Length == 0)
        {
            throw await ContractCall.EmptyAsync(_rpc, Address, function, block, cancellationToken).ConfigureAwait(false);
        }

        Multicall3Result[] decoded;
        try
        {
            decoded = Decode(data, count);
        }
        catch (AbiDecodingException ex)
        {
            throw ContractCall.Malformed(Address, function, ex);
        }

        decoded.CopyTo(results, start);
    }

    private static string Describe(int start, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"aggregate3(calls {start}..{start + count - 1})");
}
