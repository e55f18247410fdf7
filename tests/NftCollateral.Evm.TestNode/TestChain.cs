using System.Numerics;
using System.Text.Json;

namespace NftCollateral.Evm.TestNode;

/// <summary>
/// The contracts most integration tests want, deployed on an <see cref="AnvilNode"/> by <see cref="AnvilNode.Accounts"/>[0]:
/// a TestNft ("Test Apes", "TAPE", "ipfs://bafy-test/"), two TestAggregators (18 decimals "TAPE / ETH",
/// 8 decimals "ETH / USD"), TestMulticall3 (deployed, and its code also installed at the canonical Multicall3
/// address) and Reverter. Addresses are lowercase 0x hex.
/// </summary>
public sealed class TestChain
{
    /// <summary>The canonical Multicall3 address (lowercase), where <see cref="DeployAsync"/> installs TestMulticall3's code.</summary>
    public const string CanonicalMulticall3 = "0xca11bde05977b3631167028862be2a173976ca11";

    private TestChain(AnvilNode node, CompiledContracts contracts)
    {
        Node = node;
        Contracts = contracts;
    }

    /// <summary>Gets the node the contracts live on.</summary>
    public AnvilNode Node { get; }

    /// <summary>Gets the compiled contracts (ABIs, bytecode, selectors).</summary>
    public CompiledContracts Contracts { get; }

    /// <summary>Gets the account that deployed everything (<see cref="AnvilNode.Accounts"/>[0]).</summary>
    public string Deployer => Node.Accounts[0];

    /// <summary>Gets the TestNft address.</summary>
    public string Nft { get; private set; } = "";

    /// <summary>Gets the 18-decimal TestAggregator ("TAPE / ETH").</summary>
    public string Aggregator { get; private set; } = "";

    /// <summary>Gets the 8-decimal TestAggregator ("ETH / USD").</summary>
    public string Aggregator8 { get; private set; } = "";

    /// <summary>Gets the normally deployed TestMulticall3 (the same code also runs at <see cref="CanonicalMulticall3"/>).</summary>
    public string Multicall { get; private set; } = "";

    /// <summary>Gets the Reverter address.</summary>
    public string Reverter { get; private set; } = "";

    /// <summary>Compiles (cached) and deploys the contracts.</summary>
    public static async Task<TestChain> DeployAsync(AnvilNode node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        CompiledContracts contracts = await EvmNodeTools.CompileContractsAsync(cancellationToken);
        var chain = new TestChain(node, contracts);

        CompiledContract nft = contracts["TestNft"];
        CompiledContract aggregator = contracts["TestAggregator"];
        chain.Nft = await node.DeployAsync(nft, Calldata.EncodeConstructor(nft, "Test Apes", "TAPE", "ipfs://bafy-test/"));
        chain.Aggregator = await node.DeployAsync(aggregator, Calldata.EncodeConstructor(aggregator, 18, "TAPE / ETH"));
        chain.Aggregator8 = await node.DeployAsync(aggregator, Calldata.EncodeConstructor(aggregator, 8, "ETH / USD"));
        chain.Multicall = await node.DeployAsync(contracts["TestMulticall3"]);
        chain.Reverter = await node.DeployAsync(contracts["Reverter"]);

        string runtime = (await node.RpcAsync("eth_getCode", chain.Multicall, "latest")).GetString()!;
        await node.SetCodeAsync(CanonicalMulticall3, runtime);
        return chain;
    }

    /// <summary>Mints <paramref name="id"/> to <paramref name="to"/> (sent by <see cref="Deployer"/>) and returns the receipt.</summary>
    public Task<JsonElement> MintAsync(string to, BigInteger id) =>
        Node.SendTransactionAsync(Deployer, Nft, Calldata.Encode(Contracts["TestNft"], "mint(address,uint256)", to, id));

    /// <summary>Calls <c>transferFrom(from, to, id)</c> as <paramref name="from"/> and returns the receipt.</summary>
    public Task<JsonElement> TransferAsync(string from, string to, BigInteger id) =>
        Node.SendTransactionAsync(
            from, Nft, Calldata.Encode(Contracts["TestNft"], "transferFrom(address,address,uint256)", from, to, id));

    /// <summary>Stores a round on an aggregator and makes it the latest.</summary>
    public Task<JsonElement> SetRoundAsync(
        string aggregator, BigInteger roundId, BigInteger answer, long startedAt, long updatedAt, BigInteger answeredInRound) =>
        Node.SendTransactionAsync(
            Deployer,
            aggregator,
            Calldata.Encode(
                Contracts["TestAggregator"],
                "setRound(uint80,int256,uint256,uint256,uint80)",
                roundId,
                answer,
                startedAt,
                updatedAt,
                answeredInRound));

    /// <summary>Appends round latest+1 with the current block time as both timestamps.</summary>
    public Task<JsonElement> SetLatestAnswerAsync(string aggregator, BigInteger answer) =>
        Node.SendTransactionAsync(Deployer, aggregator, Calldata.Encode(Contracts["TestAggregator"], "setLatestAnswer(int256)", answer));

    /// <summary>Sets how latestRoundData fails: 0 normal, 1 Error("feed paused"), 2 Panic(0x01), 3 FeedDisabled(7).</summary>
    public Task<JsonElement> SetRevertModeAsync(string aggregator, int mode) =>
        Node.SendTransactionAsync(Deployer, aggregator, Calldata.Encode(Contracts["TestAggregator"], "setRevertMode(uint8)", mode));
}
