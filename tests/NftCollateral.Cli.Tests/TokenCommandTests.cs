using System.Text.Json;
using NftCollateral.Evm.TestNode;

namespace NftCollateral.Cli.Tests;

/// <summary><c>nftc token</c> against a real local EVM node. Each test uses its own token ids.</summary>
public sealed class TokenCommandTests(EvmChainFixture fixture) : IClassFixture<EvmChainFixture>
{
    // anvil's default accounts (the "test test ... junk" mnemonic) in their published EIP-55 form: an oracle
    // independent of the SDK's checksum code. The first contract account 0 deploys (nonce 0) is TestNft.
    private const string Account1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private const string Account2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private const string Account3 = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private const string FirstDeployment = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private TestChain Chain => fixture.Chain;

    private IReadOnlyList<string> Accounts => fixture.Node.Accounts;

    /// <summary>Mints <paramref name="id"/> to account 1, then transfers it 1 → 2 → 3; returns the receipts' blocks.</summary>
    private async Task<(ulong Mint, ulong First, ulong Second)> MintAndTransferTwiceAsync(int id)
    {
        ulong mint = EvmChainFixture.BlockOf(await Chain.MintAsync(Accounts[1], id));
        ulong first = EvmChainFixture.BlockOf(await Chain.TransferAsync(Accounts[1], Accounts[2], id));
        ulong second = EvmChainFixture.BlockOf(await Chain.TransferAsync(Accounts[2], Accounts[3], id));
        return (mint, first, second);
    }

    private static string OneErrorLine(string error)
    {
        string line = error.TrimEnd('\r', '\n');
        line.ShouldStartWith("error: ");
        line.ShouldNotContain('\n', customMessage: "exactly one line");
        line.ShouldNotContain("   at ");
        return line;
    }

    [Fact]
    public async Task Json_MintAndTwoTransfers_GivesProvenanceAndChecksummedAddresses()
    {
        Accounts[1].ShouldBe(Account1.ToLowerInvariant());
        Accounts[3].ShouldBe(Account3.ToLowerInvariant());
        (ulong mint, _, ulong second) = await MintAndTransferTwiceAsync(1001);

        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft, "--token", "1001", "--json", "--chain-id", "31337");

        code.ShouldBe(0, error);
        error.ShouldBeEmpty();
        output.TrimEnd().ShouldNotContain('\n');
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["contract", "tokenId", "owner", "tokenUri", "provenance", "name", "symbol", "atBlock", "atTime"]);
        Chain.Nft.ShouldBe(FirstDeployment.ToLowerInvariant());
        root.GetProperty("contract").GetString().ShouldBe(FirstDeployment);
        root.GetProperty("tokenId").GetString().ShouldBe("1001");
        root.GetProperty("owner").GetString().ShouldBe(Account3);
        root.GetProperty("tokenUri").GetString().ShouldBe("ipfs://bafy-test/1001");
        root.GetProperty("name").GetString().ShouldBe("Test Apes");
        root.GetProperty("symbol").GetString().ShouldBe("TAPE");

        JsonElement provenance = root.GetProperty("provenance");
        provenance.EnumerateObject().Select(p => p.Name).Take(3).ShouldBe(["mintBlock", "transfers", "holders"]);
        provenance.GetProperty("mintBlock").GetUInt64().ShouldBe(mint);
        provenance.GetProperty("transfers").GetInt32().ShouldBe(2);
        provenance.GetProperty("holders").GetInt32().ShouldBe(3);
        provenance.GetProperty("mintTransaction").GetString()!.ShouldStartWith("0x");
        provenance.GetProperty("heldSinceBlock").GetUInt64().ShouldBe(second);
        root.GetProperty("atBlock").GetUInt64().ShouldBeGreaterThanOrEqualTo(second);

        // Deterministic: the same chain state gives the same bytes.
        var (again, output2, _) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft, "--token", "1001", "--json", "--chain-id", "31337");
        again.ShouldBe(0);
        output2.ShouldBe(output);
    }

    [Fact]
    public async Task Human_ShowsOwnerUriAndProvenance()
    {
        (ulong mint, _, _) = await MintAndTransferTwiceAsync(1002);

        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), "--token", "1002");

        code.ShouldBe(0, error);
        output.ShouldStartWith($"Test Apes (TAPE) #1002 at {FirstDeployment}");
        output.ShouldContain($"owner       {Account3}");
        output.ShouldContain("token URI   ipfs://bafy-test/1002");
        output.ShouldContain($"minted      block {mint} (tx 0x");
        output.ShouldContain("transfers   2 after the mint, 3 distinct holder(s)");
    }

    [Fact]
    public async Task FromBlockAfterTheMint_MintBlockIsNullAndOnlyLaterTransfersCount()
    {
        (_, _, ulong second) = await MintAndTransferTwiceAsync(1003);

        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft, "--token", "1003", "--from-block", second.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        code.ShouldBe(0, error);
        output.ShouldContain("\"provenance\":{\"mintBlock\":null,\"transfers\":1,\"holders\":1,");
        using JsonDocument doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("owner").GetString().ShouldBe(Account3);
    }

    [Fact]
    public async Task NonexistentToken_ExitsOne()
    {
        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft, "--token", "987654321", "--json");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        string line = OneErrorLine(error);
        line.ShouldContain("987654321");
        line.ShouldContain("does not exist");
    }

    [Fact]
    public async Task AddressWithoutCode_ExitsOneSayingNoContract()
    {
        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", "0x1111111111111111111111111111111111111111", "--token", "1");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        OneErrorLine(error).ShouldContain("no contract");
    }

    [Fact]
    public async Task WrongChainId_ExitsOneNamingBothChainIds()
    {
        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", fixture.Rpc, "--contract", Chain.Nft, "--token", "1", "--chain-id", "1");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        string line = OneErrorLine(error);
        line.ShouldContain("chain id 31337");
        line.ShouldContain("chain id 1 was expected");
    }

    [Fact]
    public async Task UnreachableNode_ExitsOne()
    {
        string rpc = DeadEndpoints.ClosedPort();
        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", rpc, "--contract", Chain.Nft, "--token", "1");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        OneErrorLine(error).ShouldContain("could not exchange with http://127.0.0.1:");
    }

    [Fact]
    public async Task SilentNode_TimesOutAfterTimeout_ExitsOne()
    {
        using var silent = new DeadEndpoints.Silent();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, error) = await CliRunner.RunAsync("token", "--rpc", silent.Url, "--contract", Chain.Nft, "--token", "1", "--timeout", "0.3");

        code.ShouldBe(1);
        output.ShouldBeEmpty();
        OneErrorLine(error).ShouldContain("no complete answer within 0.3 s");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RpcUrlPathIsNotPrinted()
    {
        string rpc = DeadEndpoints.ClosedPort() + "v3/secret-api-key";
        var (code, _, error) = await CliRunner.RunAsync("token", "--rpc", rpc, "--contract", Chain.Nft, "--token", "1");

        code.ShouldBe(1);
        error.ShouldNotContain("secret-api-key");
    }
}
