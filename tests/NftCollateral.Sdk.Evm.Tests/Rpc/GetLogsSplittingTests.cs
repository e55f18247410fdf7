using System.Text.Json;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Tests.Rpc;

/// <summary>eth_getLogs against a scripted node that refuses ranges wider than a limit, as hosted providers do.</summary>
public class GetLogsSplittingTests
{
    private static readonly string TxHash = "0x" + new string('a', 64);

    private static string Log(ulong block) =>
        $"{{\"address\":\"0x{new string('1', 40)}\",\"topics\":[\"0x{new string('2', 64)}\"],\"data\":\"0x\",\"blockNumber\":\"0x{block:x}\",\"transactionHash\":\"{TxHash}\",\"logIndex\":\"0x0\",\"removed\":false}}";

    /// <summary>A node with one log every 10 blocks that refuses more than <paramref name="maxRange"/> blocks per request.</summary>
    private static (ScriptedHandler Handler, List<(ulong, ulong)> Asked) Node(ulong maxRange, string refusal, long code = -32005)
    {
        var asked = new List<(ulong, ulong)>();
        var handler = new ScriptedHandler(r =>
        {
            string id = r.GetProperty("id").GetRawText();
            JsonElement filter = r.GetProperty("params")[0];
            ulong from = Hex.ParseQuantity(filter.GetProperty("fromBlock").GetString()!);
            ulong to = Hex.ParseQuantity(filter.GetProperty("toBlock").GetString()!);
            asked.Add((from, to));
            if (to - from + 1 > maxRange)
            {
                string message = refusal.Replace("FROM", $"0x{from:x}").Replace("END", $"0x{from + maxRange - 1:x}");
                return ScriptedHandler.Json($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":{code},\"message\":\"{message}\"}}}}");
            }

            var logs = new List<string>();
            for (ulong b = from; b <= to; b++)
            {
                if (b % 10 == 0)
                {
                    logs.Add(Log(b));
                }
            }

            return ScriptedHandler.Json($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{string.Join(",", logs)}]}}");
        });
        return (handler, asked);
    }

    private static JsonRpcClient Client(ScriptedHandler handler) =>
        new(new HttpClient(handler), new JsonRpcClientOptions { Endpoint = new Uri("http://127.0.0.1:1/") });

    [Fact]
    public async Task RefusedRange_IsSplitInHalves_AndLogsComeBackInOrder()
    {
        var (handler, asked) = Node(100, "query returned more than 10000 results");
        IReadOnlyList<EvmLog> logs = await Client(handler).GetLogsAsync(new LogFilter(0, 999, null));
        logs.Select(l => l.BlockNumber).ShouldBe(Enumerable.Range(0, 100).Select(i => (ulong)i * 10));
        asked.Count.ShouldBeGreaterThan(1);
        asked.Count.ShouldBeLessThan(64);
    }

    [Fact]
    public async Task SuggestedRange_InTheMessage_IsUsed()
    {
        var (handler, asked) = Node(300, "Log response size exceeded. this block range should work: [FROM, END]", code: -32602);
        IReadOnlyList<EvmLog> logs = await Client(handler).GetLogsAsync(new LogFilter(0, 999, null));
        logs.Count.ShouldBe(100);
        asked.ShouldContain((0ul, 299ul));
        asked.Count.ShouldBeLessThanOrEqualTo(8);
    }

    [Fact]
    public async Task MaxBlockRange_PreSplits_WithoutRefusals()
    {
        var (handler, asked) = Node(250, "block range too large");
        IReadOnlyList<EvmLog> logs = await Client(handler).GetLogsAsync(new LogFilter(5, 1004, null), maxBlockRange: 250);
        logs.Count.ShouldBe(100);
        asked.ShouldBe([(5ul, 254ul), (255ul, 504ul), (505ul, 754ul), (755ul, 1004ul)]);
    }

    [Fact]
    public async Task SingleBlockRefused_Throws_InsteadOfReturningPartialLogs()
    {
        var (handler, _) = Node(0, "block range too large");
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetLogsAsync(new LogFilter(0, 3, null)));
        ex.Code.ShouldBe(-32005);
    }

    [Fact]
    public async Task OtherErrors_AreNotRetriedAsRanges()
    {
        var (handler, asked) = Node(100, "unknown block", code: -32000);
        await Should.ThrowAsync<JsonRpcException>(() => Client(handler).GetLogsAsync(new LogFilter(0, 999, null)));
        asked.Count.ShouldBe(1);
    }
}
