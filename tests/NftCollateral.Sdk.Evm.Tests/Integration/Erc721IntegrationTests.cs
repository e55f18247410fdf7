using System.Numerics;
using System.Text.Json;
using NftCollateral.Evm.TestNode;
using NftCollateral.Sdk.Evm.Abi;
using NftCollateral.Sdk.Evm.Contracts;
using NftCollateral.Sdk.Evm.Rpc;

namespace NftCollateral.Sdk.Evm.Tests.Integration;

[Collection(AnvilGroup.Name)]
public class Erc721IntegrationTests(AnvilFixture fixture)
{
    private Erc721Reader Reader(JsonRpcClient? client = null) => new(client ?? fixture.Client());

    private static ulong BlockOf(JsonElement receipt) => Hex.ParseQuantity(receipt.GetProperty("blockNumber").GetString()!);

    [Fact]
    public async Task Reads_OwnerUriBalanceNameSymbolSupply()
    {
        Address holder = fixture.Account(4);
        BigInteger supplyBefore = await Reader().TotalSupplyAsync(fixture.Nft);
        BigInteger balanceBefore = await Reader().BalanceOfAsync(fixture.Nft, holder);
        await fixture.Chain.MintAsync(fixture.Node.Accounts[4], 1001);
        await fixture.Chain.MintAsync(fixture.Node.Accounts[4], 1002);

        Erc721Reader reader = Reader();
        (await reader.OwnerOfAsync(fixture.Nft, 1001)).ShouldBe(holder);
        (await reader.OwnerOfAsync(fixture.Nft, 1001)).ToString().ShouldBe(holder.ToString());
        (await reader.TokenUriAsync(fixture.Nft, 1002)).ShouldBe("ipfs://bafy-test/1002");
        (await reader.BalanceOfAsync(fixture.Nft, holder)).ShouldBe(balanceBefore + 2);
        (await reader.NameAsync(fixture.Nft)).ShouldBe("Test Apes");
        (await reader.SymbolAsync(fixture.Nft)).ShouldBe("TAPE");
        (await reader.TotalSupplyAsync(fixture.Nft)).ShouldBe(supplyBefore + 2);
    }

    [Fact]
    public async Task OwnerOf_AtAnEarlierBlock_ReadsThatBlock()
    {
        await fixture.Chain.MintAsync(fixture.Node.Accounts[1], 1101);
        ulong before = (ulong)await fixture.Node.GetBlockNumberAsync();
        await fixture.Chain.TransferAsync(fixture.Node.Accounts[1], fixture.Node.Accounts[2], 1101);
        (await Reader().OwnerOfAsync(fixture.Nft, 1101, BlockParameter.AtNumber(before))).ShouldBe(fixture.Account(1));
        (await Reader().OwnerOfAsync(fixture.Nft, 1101)).ShouldBe(fixture.Account(2));
    }

    [Fact]
    public async Task SupportsInterface_FollowsErc165()
    {
        Erc721Reader reader = Reader();
        (await reader.SupportsInterfaceAsync(fixture.Nft, Erc721Reader.Erc721InterfaceId)).ShouldBeTrue();
        (await reader.SupportsInterfaceAsync(fixture.Nft, Erc721Reader.Erc721MetadataInterfaceId)).ShouldBeTrue();
        (await reader.SupportsInterfaceAsync(fixture.Nft, Erc721Reader.Erc165InterfaceId)).ShouldBeTrue();
        (await reader.SupportsInterfaceAsync(fixture.Nft, 0xffffffff)).ShouldBeFalse();
        (await reader.SupportsInterfaceAsync(fixture.Aggregator, Erc721Reader.Erc721InterfaceId)).ShouldBeFalse();
        var ex = await Should.ThrowAsync<ContractReadException>(() => reader.SupportsInterfaceAsync(fixture.Account(8), Erc721Reader.Erc721InterfaceId));
        ex.Kind.ShouldBe(ContractReadErrorKind.NoContract);
    }

    [Fact]
    public async Task OwnerOf_NonexistentAndBurnedTokens_AreNonexistent_NeverAZeroOwner()
    {
        var ex = await Should.ThrowAsync<ContractReadException>(() => Reader().OwnerOfAsync(fixture.Nft, 999_999_999));
        ex.Kind.ShouldBe(ContractReadErrorKind.NonexistentToken);
        ex.Revert!.Selector.ShouldBe(FunctionSelector.FromSignature("ERC721NonexistentToken(uint256)"));

        await fixture.Chain.MintAsync(fixture.Node.Accounts[5], 1201);
        await fixture.Node.SendTransactionAsync(fixture.Chain.Deployer, fixture.Chain.Nft, Calldata.Encode(fixture.Chain.Contracts["TestNft"], "burn(uint256)", new BigInteger(1201)));
        (await Should.ThrowAsync<ContractReadException>(() => Reader().OwnerOfAsync(fixture.Nft, 1201))).Kind.ShouldBe(ContractReadErrorKind.NonexistentToken);
    }

    [Fact]
    public async Task NoContract_And_MissingFunction_AreTypedErrors()
    {
        var noContract = await Should.ThrowAsync<ContractReadException>(() => Reader().OwnerOfAsync(fixture.Account(7), 1));
        noContract.Kind.ShouldBe(ContractReadErrorKind.NoContract);
        noContract.Message.ShouldContain("no contract");

        // The Reverter has no name() and no fallback: Solidity reverts without data.
        var missing = await Should.ThrowAsync<ContractReadException>(() => Reader().NameAsync(fixture.Reverter));
        missing.Kind.ShouldBe(ContractReadErrorKind.Reverted);
        missing.Revert!.Kind.ShouldBe(RevertReasonKind.Empty);

        var uri = await Should.ThrowAsync<ContractReadException>(() => Reader().TokenUriAsync(fixture.Nft, 888_888_888));
        uri.Kind.ShouldBe(ContractReadErrorKind.Reverted);
        uri.Revert!.Kind.ShouldBe(RevertReasonKind.Custom);
    }

    [Fact]
    public async Task Provenance_CountsTransfersHolders_AndTimeHeld()
    {
        string a = fixture.Node.Accounts[1], b = fixture.Node.Accounts[2], c = fixture.Node.Accounts[3];
        JsonElement mint = await fixture.Chain.MintAsync(a, 2001);
        await fixture.Chain.TransferAsync(a, b, 2001);
        JsonElement last = await fixture.Chain.TransferAsync(b, c, 2001);
        await fixture.Node.IncreaseTimeAsync(3600);

        TokenProvenance p = await Reader().GetProvenanceAsync(fixture.Nft, 2001);
        p.Owner.ShouldBe(Address.Parse(c));
        p.MintBlock.ShouldBe(BlockOf(mint));
        p.MintTransaction.ShouldBe(mint.GetProperty("transactionHash").GetString());
        p.TransferCount.ShouldBe(2);
        p.DistinctHolders.ShouldBe(3);
        p.HeldSinceBlock.ShouldBe(BlockOf(last));
        p.Transfers.Count.ShouldBe(3);
        p.Transfers[0].From.IsZero.ShouldBeTrue();

        long lastTime = (await fixture.Node.RpcAsync("eth_getBlockByNumber", last.GetProperty("blockNumber").GetString(), false)).GetProperty("timestamp").GetString() is string t ? (long)Hex.ParseQuantity(t) : 0;
        p.HeldSince.ToUnixTimeSeconds().ShouldBe(lastTime);
        p.HeldFor.ShouldBe(p.AtTime - p.HeldSince);
        p.HeldFor.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3600));
    }

    [Fact]
    public async Task Provenance_SearchStartingAfterTheLastTransfer_IsInconsistent_NotAGuess()
    {
        await fixture.Chain.MintAsync(fixture.Node.Accounts[1], 2101);
        await fixture.Node.MineAsync(2);
        ulong after = (ulong)await fixture.Node.GetBlockNumberAsync();
        var ex = await Should.ThrowAsync<ContractReadException>(() => Reader().GetProvenanceAsync(fixture.Nft, 2101, fromBlock: after));
        ex.Kind.ShouldBe(ContractReadErrorKind.Inconsistent);
    }

    [Fact]
    public async Task GetOwners_300Tokens_InOneRoundTrip_WithPerTokenErrors()
    {
        for (int i = 0; i < 20; i++)
        {
            await fixture.Chain.MintAsync(fixture.Node.Accounts[i % 6], 3000 + i);
        }

        var ids = Enumerable.Range(0, 300).Select(i => new BigInteger(3000 + (i % 25))).ToList(); // ids 3020..3024 do not exist
        var (client, counter) = fixture.CountedClient();
        IReadOnlyList<TokenOwnerResult> owners = await new Erc721Reader(client).GetOwnersAsync(fixture.Nft, ids);
        counter.Count.ShouldBe(1);

        owners.Count.ShouldBe(300);
        for (int i = 0; i < 300; i++)
        {
            int n = i % 25;
            if (n < 20)
            {
                owners[i].Owner.ShouldBe(fixture.Account(n % 6));
                owners[i].Error.ShouldBeNull();
            }
            else
            {
                owners[i].Owner.ShouldBeNull();
                owners[i].Error!.Kind.ShouldBe(ContractReadErrorKind.NonexistentToken);
            }
        }
    }

    [Fact]
    public async Task GetOwners_BeyondOneChunk_PinsOneBlock_AndSendsOneBatch()
    {
        await fixture.Chain.MintAsync(fixture.Node.Accounts[2], 3100);
        var (client, counter) = fixture.CountedClient();
        var multicall = new Multicall3(client, maxCallsPerRequest: 100);
        var ids = Enumerable.Repeat(new BigInteger(3100), 250).ToList();
        IReadOnlyList<TokenOwnerResult> owners = await new Erc721Reader(client, multicall).GetOwnersAsync(fixture.Nft, ids);
        owners.ShouldAllBe(o => o.Owner == fixture.Account(2));
        counter.Count.ShouldBe(2); // eth_blockNumber, then one JSON-RPC batch of three eth_calls
        counter.Bodies[1].ShouldStartWith("[");
    }

    [Fact]
    public async Task Multicall3_AtTheDeployedAddress_ReportsPerCallSuccess()
    {
        JsonRpcClient client = fixture.Client();
        var multicall = new Multicall3(client, Address.Parse(fixture.Chain.Multicall));
        byte[] name = new AbiEncoder().EncodeCall(FunctionSelector.FromSignature("name()"));
        byte[] fails = new AbiEncoder().Text("boom").EncodeCall(FunctionSelector.FromSignature("revertWithReason(string)"));
        IReadOnlyList<Multicall3Result> results = await multicall.Aggregate3Async(
        [
            new Multicall3Call(fixture.Nft, name),
            new Multicall3Call(fixture.Reverter, fails),
        ]);
        results[0].Success.ShouldBeTrue();
        var reader = new AbiReader(results[0].ReturnData.Span);
        reader.ReadString().ShouldBe("Test Apes");
        results[1].Success.ShouldBeFalse();
        RevertReason.Decode(results[1].ReturnData.Span).Message.ShouldBe("boom");

        var strict = await Should.ThrowAsync<ContractReadException>(() => multicall.Aggregate3Async([new Multicall3Call(fixture.Reverter, fails, AllowFailure: false)]));
        strict.Kind.ShouldBe(ContractReadErrorKind.Reverted);
        strict.Revert!.Message.ShouldBe("Multicall3: call failed");
    }

    [Fact]
    public async Task Multicall3_NotDeployed_IsNoContract()
    {
        var multicall = new Multicall3(fixture.Client(), fixture.Account(6));
        var ex = await Should.ThrowAsync<ContractReadException>(() => multicall.Aggregate3Async([new Multicall3Call(fixture.Nft, new byte[] { 0x06, 0xfd, 0xde, 0x03 })]));
        ex.Kind.ShouldBe(ContractReadErrorKind.NoContract);
    }
}
