using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Rpc;
using NftCollateral.Sdk.Oracles;

namespace NftCollateral.Sdk.Testing.Tests;

public class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clock_MovesOnlyWhenTold_AndNeverBackwards()
    {
        var time = new ManualTimeProvider(Start);
        time.GetUtcNow().ShouldBe(Start);
        time.Advance(TimeSpan.FromMinutes(5));
        time.GetUtcNow().ShouldBe(Start.AddMinutes(5));
        Should.Throw<ArgumentOutOfRangeException>(() => time.SetUtcNow(Start));
        Should.Throw<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timers_FireInDueOrder_AtTheirDueTime_PeriodicOnesRepeat()
    {
        var time = new ManualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using ITimer periodic = time.CreateTimer(_ => fired.Add(("every10", time.GetUtcNow())), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        using ITimer once = time.CreateTimer(_ => fired.Add(("once15", time.GetUtcNow())), null, TimeSpan.FromSeconds(15), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(9));
        fired.ShouldBeEmpty();
        time.Advance(TimeSpan.FromSeconds(26)); // to 35 s
        fired.ShouldBe([("every10", Start.AddSeconds(10)), ("once15", Start.AddSeconds(15)), ("every10", Start.AddSeconds(20)), ("every10", Start.AddSeconds(30))]);
        time.GetUtcNow().ShouldBe(Start.AddSeconds(35));
        time.ActiveTimerCount.ShouldBe(1);
    }

    [Fact]
    public void DisposedOrChangedTimers_FollowTheirNewSchedule()
    {
        var time = new ManualTimeProvider(Start);
        int count = 0;
        ITimer timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(4));
        count.ShouldBe(0);
        time.Advance(TimeSpan.FromSeconds(1));
        count.ShouldBe(1);
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(10));
        count.ShouldBe(1);
        timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan).ShouldBeFalse();
    }

    [Fact]
    public async Task TaskDelay_WithTheProvider_CompletesOnAdvance()
    {
        var time = new ManualTimeProvider(Start);
        Task delay = Task.Delay(TimeSpan.FromHours(1), time);
        delay.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(59));
        delay.IsCompleted.ShouldBeFalse();
        time.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

public class ScriptedPriceOracleTests
{
    private static readonly PriceQuery Bayc = new("bayc", "ETH");

    private static PriceQuote Quote(decimal value) => new(value, "ETH", DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public async Task Steps_AreServedInOrder_AndTheLastRepeats()
    {
        var oracle = new ScriptedPriceOracle().Returns(Bayc, Quote(30)).Fails(Bayc, OracleErrorKind.Stale).Returns(Bayc, Quote(28));
        (await oracle.GetPriceAsync(Bayc)).Value.ShouldBe(30m);
        (await Should.ThrowAsync<OracleException>(async () => await oracle.GetPriceAsync(Bayc))).Kind.ShouldBe(OracleErrorKind.Stale);
        (await oracle.GetPriceAsync(Bayc)).Value.ShouldBe(28m);
        (await oracle.GetPriceAsync(Bayc)).Value.ShouldBe(28m);
        oracle.Queries.Count.ShouldBe(4);
    }

    [Fact]
    public async Task UnscriptedQuery_IsNoSource_AndCancellationIsHonoured()
    {
        var oracle = new ScriptedPriceOracle("desk");
        var ex = await Should.ThrowAsync<OracleException>(async () => await oracle.GetPriceAsync(new PriceQuery("punks", "ETH")));
        ex.Kind.ShouldBe(OracleErrorKind.NoSource);
        ex.SourceName.ShouldBe("desk");
        await Should.ThrowAsync<OperationCanceledException>(async () => await oracle.GetPriceAsync(Bayc, new CancellationToken(canceled: true)));
    }
}

public class ScriptedJsonRpcHandlerTests
{
    private static JsonRpcClient Client(ScriptedJsonRpcHandler handler) =>
        new(new HttpClient(handler), new JsonRpcClientOptions { Endpoint = new Uri("http://node.test/") });

    [Fact]
    public async Task AnswersSingleRequestsAndBatches_WithTheRequestIds()
    {
        var handler = new ScriptedJsonRpcHandler()
            .Answer("eth_chainId", "\"0x1\"")
            .Answer("web3_clientVersion", p => $"\"echo {p.GetArrayLength()}\"");
        JsonRpcClient client = Client(handler);
        (await client.GetChainIdAsync()).ShouldBe(1ul);
        IReadOnlyList<JsonRpcResult> batch = await client.SendBatchAsync([new JsonRpcRequest("eth_chainId"), new JsonRpcRequest("web3_clientVersion", "a", "b")]);
        batch[0].GetResultOrThrow().GetString().ShouldBe("0x1");
        batch[1].GetResultOrThrow().GetString().ShouldBe("echo 2");
        handler.HttpExchanges.ShouldBe(2);
        handler.Requests.Last().ShouldStartWith("[");
    }

    [Fact]
    public async Task ScriptedRevert_ReachesTheClientAsEvmRevertException()
    {
        string data = Evm.Hex.Encode(new AbiEncoder().Text("paused").EncodeCall(RevertReason.ErrorSelector));
        var handler = new ScriptedJsonRpcHandler().Fail("eth_call", 3, "execution reverted: paused", $"\"{data}\"");
        var ex = await Should.ThrowAsync<EvmRevertException>(() => Client(handler).SendAsync(new JsonRpcRequest("eth_call")));
        ex.Reason.Message.ShouldBe("paused");
    }

    [Fact]
    public async Task UnscriptedMethod_IsMethodNotFound()
    {
        var ex = await Should.ThrowAsync<JsonRpcException>(() => Client(new ScriptedJsonRpcHandler()).GetBlockNumberAsync());
        ex.Code.ShouldBe(-32601);
        ex.Message.ShouldContain("eth_blockNumber");
    }
}
