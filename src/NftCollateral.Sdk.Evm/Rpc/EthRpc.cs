using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NftCollateral.Sdk.Evm.Rpc;

/// <summary>A read-only <c>eth_call</c>: the contract, the call data and, optionally, the sender.</summary>
/// <param name="To">The contract called.</param>
/// <param name="Data">The call data (selector and arguments).</param>
/// <param name="From">The sender the call is simulated from, or <see langword="null"/>.</param>
public sealed record EthCallRequest(Address To, ReadOnlyMemory<byte> Data, Address? From = null);

/// <summary>The typed Ethereum reads over any <see cref="IJsonRpcClient"/>: chain id, block number, blocks, code, <c>eth_call</c> and <c>eth_getLogs</c>.</summary>
/// <remarks>Every result is checked: a quantity that is not hex, a missing block or malformed log is a <see cref="JsonRpcException"/>, never a zero.</remarks>
public static class EthRpc
{
    /// <summary>The most <c>eth_getLogs</c> requests one <see cref="GetLogsAsync"/> call makes while splitting refused ranges.</summary>
    public const int MaxLogRequests = 4096;

    /// <summary>Reads the chain id (<c>eth_chainId</c>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The chain id, e.g. 1 for Ethereum mainnet.</returns>
    /// <exception cref="JsonRpcException">The request failed or the answer is not a quantity.</exception>
    public static async Task<ulong> GetChainIdAsync(this IJsonRpcClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        JsonElement result = await client.SendAsync(new JsonRpcRequest("eth_chainId"), cancellationToken).ConfigureAwait(false);
        return ParseQuantity(result, "eth_chainId");
    }

    /// <summary>Reads the latest block number (<c>eth_blockNumber</c>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The block number.</returns>
    /// <exception cref="JsonRpcException">The request failed or the answer is not a quantity.</exception>
    public static async Task<ulong> GetBlockNumberAsync(this IJsonRpcClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        JsonElement result = await client.SendAsync(new JsonRpcRequest("eth_blockNumber"), cancellationToken).ConfigureAwait(false);
        return ParseQuantity(result, "eth_blockNumber");
    }

    /// <summary>Reads a block's number, hash and timestamp (<c>eth_getBlockByNumber</c> without transactions).</summary>
    /// <param name="client">The client.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The header.</returns>
    /// <exception cref="JsonRpcException">The request failed, the block is unknown (<see cref="JsonRpcErrorKind.MissingResult"/>) or the answer is malformed.</exception>
    public static async Task<BlockHeader> GetBlockAsync(this IJsonRpcClient client, BlockParameter block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        const string Method = "eth_getBlockByNumber";
        JsonElement result = await client.SendAsync(new JsonRpcRequest(Method, block.ToString(), false), cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Null)
        {
            throw new JsonRpcException(JsonRpcErrorKind.MissingResult, Method, $"the node has no block {block}");
        }

        if (result.ValueKind != JsonValueKind.Object)
        {
            throw JsonRpcClient.Malformed(Method, "the block is not a JSON object");
        }

        ulong number = ParseQuantity(Member(result, "number", Method), Method + ".number");
        string hash = ParseHash(Member(result, "hash", Method), Method + ".hash");
        ulong seconds = ParseQuantity(Member(result, "timestamp", Method), Method + ".timestamp");
        if (seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw JsonRpcClient.Malformed(Method, $"block {number} has an impossible timestamp {seconds}");
        }

        return new BlockHeader(number, hash, DateTimeOffset.FromUnixTimeSeconds((long)seconds));
    }

    /// <summary>Reads the code at an address (<c>eth_getCode</c>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="address">The address.</param>
    /// <param name="block">The block.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime bytecode; empty for an account without code.</returns>
    /// <exception cref="JsonRpcException">The request failed or the answer is not hex data.</exception>
    public static async Task<byte[]> GetCodeAsync(this IJsonRpcClient client, Address address, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        JsonElement result = await client.SendAsync(new JsonRpcRequest("eth_getCode", address.ToLowerInvariantHex(), block.ToString()), cancellationToken).ConfigureAwait(false);
        return ParseData(result, "eth_getCode");
    }

    /// <summary>Executes a read-only call (<c>eth_call</c>) and returns its raw return data.</summary>
    /// <param name="client">The client.</param>
    /// <param name="call">The call.</param>
    /// <param name="block">The block the call is evaluated at.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The return data, empty for <c>0x</c> (which may mean "no contract": the caller decides).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is <see langword="null"/>.</exception>
    /// <exception cref="EvmRevertException">The call reverted.</exception>
    /// <exception cref="JsonRpcException">The request failed or the answer is not hex data.</exception>
    public static async Task<byte[]> CallAsync(this IJsonRpcClient client, EthCallRequest call, BlockParameter block = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        JsonElement result = await client.SendAsync(BuildCall(call, block), cancellationToken).ConfigureAwait(false);
        return ParseData(result, "eth_call");
    }

    /// <summary>Builds the <c>eth_call</c> request for <paramref name="call"/>, e.g. to send several in one batch.</summary>
    /// <param name="call">The call.</param>
    /// <param name="block">The block.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="call"/> is <see langword="null"/>.</exception>
    public static JsonRpcRequest BuildCall(EthCallRequest call, BlockParameter block = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var transaction = new JsonObject
        {
            ["to"] = call.To.ToLowerInvariantHex(),
            ["data"] = Hex.Encode(call.Data.Span),
        };
        if (call.From is Address from)
        {
            transaction["from"] = from.ToLowerInvariantHex();
        }

        return new JsonRpcRequest("eth_call", transaction, block.ToString());
    }

    /// <summary>
    /// Reads event logs (<c>eth_getLogs</c>). When the node refuses a range as too large or too many results, the
    /// range is split in halves, or to the range the node suggests, and the parts are read in order.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="filter">The filter.</param>
    /// <param name="maxBlockRange">The largest range asked for in one request, or <see langword="null"/> to start with the whole range.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The logs in block and log-index order, removed (re-organised) logs included with <see cref="EvmLog.Removed"/> set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="filter"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonRpcException">A request failed for another reason than the range, a single block is refused, more than <see cref="MaxLogRequests"/> requests would be needed, or a log is malformed.</exception>
    public static async Task<IReadOnlyList<EvmLog>> GetLogsAsync(this IJsonRpcClient client, LogFilter filter, ulong? maxBlockRange = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(filter);
        if (maxBlockRange == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBlockRange), "The block range must be at least 1.");
        }

        ulong to = filter.ToBlock ?? await client.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        if (to < filter.FromBlock)
        {
            return [];
        }

        var logs = new List<EvmLog>();
        var pending = new Stack<(ulong From, ulong To)>();
        PushRange(pending, filter.FromBlock, to, maxBlockRange);
        int requests = 0;
        while (pending.Count > 0)
        {
            (ulong from, ulong until) = pending.Pop();
            if (++requests > MaxLogRequests)
            {
                throw new JsonRpcException(
                    JsonRpcErrorKind.RpcError,
                    "eth_getLogs",
                    string.Create(CultureInfo.InvariantCulture, $"blocks {filter.FromBlock}..{to} need more than {MaxLogRequests} requests at the range the node accepts; narrow the range"));
            }

            try
            {
                JsonElement result = await client.SendAsync(BuildGetLogs(filter, from, until), cancellationToken).ConfigureAwait(false);
                ReadLogs(result, logs);
            }
            catch (JsonRpcException ex) when (ex.Kind == JsonRpcErrorKind.RpcError && IsRangeRefusal(ex) && until > from)
            {
                if (SuggestedEnd(ex, from, until) is ulong end)
                {
                    pending.Push((end + 1, until));
                    pending.Push((from, end));
                }
                else
                {
                    ulong middle = from + ((until - from) / 2);
                    pending.Push((middle + 1, until));
                    pending.Push((from, middle));
                }
            }
        }

        return logs;
    }

    internal static ulong ParseQuantity(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw JsonRpcClient.Malformed(what, $"expected a hex quantity string but got {element.ValueKind}");
        }

        try
        {
            return Hex.ParseQuantity(element.GetString()!);
        }
        catch (FormatException ex)
        {
            throw new JsonRpcException(JsonRpcErrorKind.MalformedResponse, what, ex.Message, ex);
        }
    }

    internal static byte[] ParseData(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw JsonRpcClient.Malformed(what, $"expected hex data but got {(element.ValueKind == JsonValueKind.Null ? "null" : element.ValueKind.ToString())}");
        }

        try
        {
            return Hex.Decode(element.GetString()!);
        }
        catch (FormatException ex)
        {
            throw new JsonRpcException(JsonRpcErrorKind.MalformedResponse, what, ex.Message, ex);
        }
    }

    private static string ParseHash(JsonElement element, string what)
    {
        byte[] bytes = ParseData(element, what);
        return bytes.Length == 32 ? Hex.Encode(bytes) : throw JsonRpcClient.Malformed(what, $"a hash is 32 bytes but this one is {bytes.Length}");
    }

    private static JsonElement Member(JsonElement element, string name, string what) =>
        element.TryGetProperty(name, out JsonElement value) ? value : throw JsonRpcClient.Malformed(what, $"the '{name}' member is missing");

    private static void PushRange(Stack<(ulong From, ulong To)> pending, ulong from, ulong to, ulong? step)
    {
        if (step is not ulong size || to - from < size)
        {
            pending.Push((from, to));
            return;
        }

        var parts = new List<(ulong, ulong)>();
        for (ulong start = from; ; start += size)
        {
            ulong end = to - start < size ? to : start + size - 1;
            parts.Add((start, end));
            if (end == to)
            {
                break;
            }
        }

        for (int i = parts.Count - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static JsonRpcRequest BuildGetLogs(LogFilter filter, ulong from, ulong to)
    {
        var query = new JsonObject
        {
            ["fromBlock"] = Hex.FormatQuantity(from),
            ["toBlock"] = Hex.FormatQuantity(to),
        };
        if (filter.Address is Address address)
        {
            query["address"] = address.ToLowerInvariantHex();
        }

        if (filter.Topics.Count > 0)
        {
            var topics = new JsonArray();
            foreach (ReadOnlyMemory<byte>? topic in filter.Topics)
            {
                topics.Add(topic is { } t ? (JsonNode)JsonValue.Create(Hex.Encode(t.Span)) : null);
            }

            query["topics"] = topics;
        }

        return new JsonRpcRequest("eth_getLogs", query);
    }

    private static void ReadLogs(JsonElement result, List<EvmLog> logs)
    {
        const string What = "eth_getLogs";
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw JsonRpcClient.Malformed(What, $"expected an array of logs but got {result.ValueKind}");
        }

        foreach (JsonElement entry in result.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw JsonRpcClient.Malformed(What, "a log is not a JSON object");
            }

            byte[] address = ParseData(Member(entry, "address", What), What + ".address");
            if (address.Length != Address.Length)
            {
                throw JsonRpcClient.Malformed(What, $"a log address is {address.Length} bytes");
            }

            JsonElement topicsElement = Member(entry, "topics", What);
            if (topicsElement.ValueKind != JsonValueKind.Array)
            {
                throw JsonRpcClient.Malformed(What, "a log's topics are not an array");
            }

            var topics = new List<ReadOnlyMemory<byte>>(4);
            foreach (JsonElement topic in topicsElement.EnumerateArray())
            {
                byte[] bytes = ParseData(topic, What + ".topics");
                topics.Add(bytes.Length == 32 ? bytes : throw JsonRpcClient.Malformed(What, $"a topic is {bytes.Length} bytes, not 32"));
            }

            bool removed = entry.TryGetProperty("removed", out JsonElement r) && r.ValueKind == JsonValueKind.True;
            logs.Add(new EvmLog(
                new Address(address),
                topics,
                ParseData(Member(entry, "data", What), What + ".data"),
                ParseQuantity(Member(entry, "blockNumber", What), What + ".blockNumber"),
                ParseHash(Member(entry, "transactionHash", What), What + ".transactionHash"),
                ParseQuantity(Member(entry, "logIndex", What), What + ".logIndex"),
                removed));
        }
    }

    private static bool IsRangeRefusal(JsonRpcException ex)
    {
        if (ex.Code == -32005)
        {
            return true;
        }

        string message = ex.RpcMessage ?? string.Empty;
        ReadOnlySpan<string> hints = ["range", "too many", "limit", "exceed", "more than", "response size", "too large", "timeout", "timed out"];
        foreach (string hint in hints)
        {
            if (message.Contains(hint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a suggested range such as <c>[0x10, 0x20]</c> from the node's message, when it lies strictly inside the refused one.</summary>
    private static ulong? SuggestedEnd(JsonRpcException ex, ulong from, ulong to)
    {
        string message = ex.RpcMessage ?? string.Empty;
        int open = message.IndexOf('[', StringComparison.Ordinal);
        int close = open < 0 ? -1 : message.IndexOf(']', open);
        if (close < 0)
        {
            return null;
        }

        string[] parts = message[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        try
        {
            ulong start = Hex.ParseQuantity(parts[0]);
            ulong end = Hex.ParseQuantity(parts[1]);
            return start == from && end >= from && end < to ? end : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
