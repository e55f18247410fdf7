using System.Text;
using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

public sealed class SalesCsvTests
{
    private const string Header = "collection,token_id,timestamp_utc,price_eth,price_usd,marketplace,tx_hash,block_number,ts_precision,source,suspect_low_price";

    internal static async Task<List<Sale>> LoadRealAsync()
    {
        string path = SharedData.Path("data", "cryptopunks-sales.csv");
        await using FileStream stream = File.OpenRead(path);
        return await SalesCsv.ReadAllAsync(stream, "cryptopunks-sales.csv");
    }

    private static Task<List<Sale>> ParseAsync(string text) =>
        SalesCsv.ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv");

    [Fact]
    public async Task RealFile_HasTheRowsAndPunksOfSourcesMd()
    {
        List<Sale> sales = await LoadRealAsync();

        // SOURCES.md §1: 18,186 rows, 6,530 distinct punks; part A 10,213 exact-second rows, part B 7,973 date-only rows.
        sales.Count.ShouldBe(18_186);
        sales.Select(s => s.TokenId).Distinct().Count().ShouldBe(6_530);
        sales.Count(s => s.Precision == TimestampPrecision.Second).ShouldBe(10_213);
        sales.Count(s => s.Precision == TimestampPrecision.Day).ShouldBe(7_973);
        sales.Where(s => s.Precision == TimestampPrecision.Day).ShouldAllBe(s => s.BlockNumber == null && s.Timestamp.TimeOfDay == TimeSpan.Zero);
        sales.Count(s => s.SuspectLowPrice == true).ShouldBe(50);
        sales.Count(s => s.SuspectLowPrice == null).ShouldBe(5);
        sales.ShouldAllBe(s => s.Collection == "cryptopunks" && s.PriceEth > 0 && s.Timestamp.Offset == TimeSpan.Zero);
        sales[0].Timestamp.ShouldBe(new DateTimeOffset(2017, 6, 23, 21, 5, 6, TimeSpan.Zero));
        sales[^1].Timestamp.ShouldBe(new DateTimeOffset(2022, 1, 14, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task RealFile_FirstRowFieldByField()
    {
        List<Sale> sales = await LoadRealAsync();
        Sale first = sales[0];

        first.TokenId.ShouldBe("544");
        first.PriceEth.ShouldBe(0.01m);
        first.PriceUsd.ShouldBe(3.27m);
        first.Marketplace.ShouldBe("cryptopunks-market-contract");
        first.TransactionHash.ShouldBe("0xb28b5f2c186bf534e4fc4b8604b1496c9632e42269424f70ef1bdce61ea8ba52");
        first.BlockNumber.ShouldBe(3919706L);
        first.Precision.ShouldBe(TimestampPrecision.Second);
        first.SuspectLowPrice.ShouldBeNull();
        first.Buyer.ShouldBeNull();
    }

    [Fact]
    public async Task HeaderDriven_AnyOrder_ExtraColumnsIgnored_BuyerSellerRead()
    {
        string text = "extra,price_eth,SELLER,token_id,timestamp_utc,collection,buyer\n" +
                      "zzz,1.5,0xAB,7,2021-05-01T10:00:00+02:00,bayc,0xCD\n" +
                      "q,2e0,,8,2021-05-02,bayc,\n";
        List<Sale> sales = await ParseAsync(text);

        sales.Count.ShouldBe(2);
        sales[0].PriceEth.ShouldBe(1.5m);
        sales[0].TokenId.ShouldBe("7");
        sales[0].Collection.ShouldBe("bayc");
        sales[0].Timestamp.ShouldBe(new DateTimeOffset(2021, 5, 1, 8, 0, 0, TimeSpan.Zero));
        sales[0].Timestamp.Offset.ShouldBe(TimeSpan.Zero);
        sales[0].Seller.ShouldBe("0xab");
        sales[0].Buyer.ShouldBe("0xcd");
        sales[0].Precision.ShouldBe(TimestampPrecision.Second);
        sales[0].PriceUsd.ShouldBeNull();
        sales[0].Marketplace.ShouldBeNull();
        sales[1].PriceEth.ShouldBe(2m);
        sales[1].Precision.ShouldBe(TimestampPrecision.Day);
        sales[1].Buyer.ShouldBeNull();
    }

    [Fact]
    public async Task QuotedFields_Rfc4180()
    {
        string text = "collection,token_id,timestamp_utc,price_eth,marketplace\n" +
                      "\"punks\",\"1\",\"2021-01-01T00:00:00Z\",\"1.25\",\"a, \"\"b\"\"\"\n" +
                      "punks,2,2021-01-02T00:00:00Z,2,\"two\nlines\"\n" +
                      "punks,3,2021-01-03T00:00:00Z,3,\"\"\n" +
                      "punks,4,2021-01-03T00:00:00Z,x,m\n";
        var ex = await Should.ThrowAsync<CollectionDataException>(() => ParseAsync(text));
        ex.Source.ShouldBe("test.csv:6", "the multi-line record takes lines 3-4, so the bad row is on line 6");

        List<Sale> sales = await ParseAsync(string.Join('\n', text.Split('\n')[..5]) + "\n");
        sales.Count.ShouldBe(3);
        sales[0].Marketplace.ShouldBe("a, \"b\"");
        sales[0].PriceEth.ShouldBe(1.25m);
        sales[1].Marketplace.ShouldBe("two\nlines");
        sales[2].Marketplace.ShouldBeNull();
    }

    public static TheoryData<string, int, string?> BadRows => new()
    {
        // row text (after the header), line number, field at fault
        { "cryptopunks,1,2021-01-01T00:00:00Z,abc,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,0,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,-1.5,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,NaN,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,Infinity,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1e400,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,,1,m,0x1,1,second,s,0", 2, "price_eth" },
        { "cryptopunks,1,2021-13-01T00:00:00Z,1,1,m,0x1,1,second,s,0", 2, "timestamp_utc" },
        { "cryptopunks,1,yesterday,1,1,m,0x1,1,second,s,0", 2, "timestamp_utc" },
        { "cryptopunks,,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s,0", 2, "token_id" },
        { ",1,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s,0", 2, "collection" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,-3,m,0x1,1,second,s,0", 2, "price_usd" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,x,m,0x1,1,second,s,0", 2, "price_usd" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,12b,second,s,0", 2, "block_number" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,1,minute,s,0", 2, "ts_precision" },
        { "cryptopunks,1,2021-01-01T10:00:00Z,1,1,m,0x1,1,day,s,0", 2, "ts_precision" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s,yes", 2, "suspect_low_price" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s", 2, null },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s,0,extra", 2, null },
        { "cryptopunks,1,2021-01-01T00:00:00Z,\"1\"x,1,m,0x1,1,second,s,0", 2, "column 4" },
        { "cryptopunks,1,2021-01-01T00:00:00Z,1\"2,1,m,0x1,1,second,s,0", 2, null },
        { "cryptopunks,1,2021-01-01T00:00:00Z,\"1,1,m,0x1,1,second,s,0", 2, null },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task BadRow_ThrowsNamingFileLineAndField(string row, int line, string? field)
    {
        // A good row first, so the bad row is on line 3 (header = line 1), except where stated as 2 for the first data row.
        string good = "cryptopunks,9,2020-12-31T00:00:00Z,1,1,m,0x0,1,second,s,0";
        var first = await Should.ThrowAsync<CollectionDataException>(() => ParseAsync($"{Header}\n{row}\n"));
        first.Source.ShouldBe($"test.csv:{line}");
        first.Field.ShouldBe(field);
        first.Message.ShouldStartWith($"test.csv:{line}: ");
        first.Message.ShouldNotContain("\n");

        var later = await Should.ThrowAsync<CollectionDataException>(() => ParseAsync($"{Header}\n{good}\n{row}\n"));
        later.Source.ShouldBe($"test.csv:{line + 1}");
    }

    [Theory]
    [InlineData("price_eth")]
    [InlineData("token_id")]
    [InlineData("timestamp_utc")]
    [InlineData("collection")]
    public async Task MissingRequiredColumn_ThrowsOnHeaderLine(string column)
    {
        string header = string.Join(',', Header.Split(',').Where(c => c != column));
        var ex = await Should.ThrowAsync<CollectionDataException>(() => ParseAsync($"{header}\n"));
        ex.Source.ShouldBe("test.csv:1");
        ex.Field.ShouldBe(column);
    }

    [Fact]
    public async Task EmptyFile_DuplicateColumn_AndInnerBlankLine_Throw()
    {
        (await Should.ThrowAsync<CollectionDataException>(() => ParseAsync(string.Empty))).Source.ShouldBe("test.csv:1");
        (await Should.ThrowAsync<CollectionDataException>(() => ParseAsync("collection,token_id,timestamp_utc,price_eth,Price_ETH\n"))).Field.ShouldBe("Price_ETH");
        string row = "p,1,2021-01-01T00:00:00Z,1";
        (await Should.ThrowAsync<CollectionDataException>(() => ParseAsync($"collection,token_id,timestamp_utc,price_eth\n{row}\n\n{row}\n"))).Source.ShouldBe("test.csv:3");
        (await ParseAsync($"collection,token_id,timestamp_utc,price_eth\n{row}\n\n")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Streaming_YieldsGoodRowsBeforeTheBadOne()
    {
        string text = $"{Header}\ncryptopunks,1,2021-01-01T00:00:00Z,1,1,m,0x1,1,second,s,0\ncryptopunks,2,2021-01-01T00:00:00Z,oops,1,m,0x1,1,second,s,0\n";
        var seen = new List<string>();
        var ex = await Should.ThrowAsync<CollectionDataException>(async () =>
        {
            await foreach (Sale sale in SalesCsv.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "s.csv"))
            {
                seen.Add(sale.TokenId);
            }
        });
        seen.ShouldBe(["1"]);
        ex.Source.ShouldBe("s.csv:3");
        ex.TokenId.ShouldBe("2");
    }
}
