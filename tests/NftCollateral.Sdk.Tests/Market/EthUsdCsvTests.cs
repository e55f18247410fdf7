using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

/// <summary><see cref="EthUsdCsv"/> and <see cref="EthUsdSeries"/>.</summary>
public sealed class EthUsdCsvTests
{
    private const string FileName = "eth-usd-daily.csv";
    private static readonly Lazy<EthUsdSeries> Shared = new(() =>
    {
        using var reader = new StreamReader(SharedData.Path("data", FileName));
        return EthUsdCsv.Read(reader, FileName);
    });

    internal static EthUsdSeries LoadShared() => Shared.Value;

    private static CollectionDataException Bad(string text)
    {
        using var reader = new StringReader(text);
        return Should.Throw<CollectionDataException>(() => EthUsdCsv.Read(reader, "eth.csv"));
    }

    [Fact]
    public void Read_SharedFile_3252RowsFrom20170622To20260517()
    {
        EthUsdSeries series = LoadShared();

        series.Count.ShouldBe(3_252); // SOURCES.md §4
        series.Dates[0].ShouldBe(new DateOnly(2017, 6, 22));
        series.Dates[^1].ShouldBe(new DateOnly(2026, 5, 17));
        series[new DateOnly(2017, 6, 22)].ShouldBe(320.97m); // first data row
        series.SourceName.ShouldBe(FileName);
    }

    [Fact]
    public void Read_SharedFile_CrashTableAnchors()
    {
        EthUsdSeries series = LoadShared();

        // Spec §2 crash table, ETH/USD: 30 Apr 2022 $2,727; May–Jun low $994 on 06-18.
        Math.Round(series[new DateOnly(2022, 4, 30)]).ShouldBe(2_727m);
        Math.Round(series[new DateOnly(2022, 6, 18)]).ShouldBe(994m);
    }

    [Fact]
    public async Task ReadAsync_Stream_SameCount()
    {
        await using FileStream stream = File.OpenRead(SharedData.Path("data", FileName));
        EthUsdSeries series = await EthUsdCsv.ReadAsync(stream, FileName);

        series.Count.ShouldBe(3_252);
    }

    [Fact]
    public void Read_ColumnsByName_ExtraColumnsIgnored()
    {
        using var reader = new StringReader("source,ETH_USD_CLOSE,date\ncc,1500.5,2024-01-01\ncc,1600,2024-01-03\n");
        EthUsdSeries series = EthUsdCsv.Read(reader, "eth.csv");

        series.Closes.ToArray().ShouldBe([1500.5m, 1600m]);
        series.TryGetClose(new DateOnly(2024, 1, 2), out _).ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => series[new DateOnly(2024, 1, 2)]).Message.ShouldContain("2024-01-02");
    }

    [Theory]
    [InlineData("0", "must be positive, not 0")]
    [InlineData("-1", "must be positive, not -1")]
    [InlineData("NaN", "must be a finite number, not NaN")]
    [InlineData("Infinity", "must be a finite number, not Infinity")]
    [InlineData("$1,500", "expected 2 fields as in the header, found 3")]
    [InlineData("1.5.0", "not a number: '1.5.0'")]
    public void Read_BadClose_NamesFileLineAndField(string close, string reason)
    {
        CollectionDataException ex = Bad($"date,eth_usd_close\n2024-01-01,1500\n2024-01-02,{close}\n");

        ex.Source.ShouldBe("eth.csv:3");
        ex.Message.ShouldEndWith(reason);
    }

    [Fact]
    public void Read_BadClose_FieldIsTheColumn()
    {
        Bad("date,eth_usd_close\n2024-01-01,0\n").Message.ShouldBe("eth.csv:2: field 'eth_usd_close': must be positive, not 0");
    }

    [Fact]
    public void Read_BadDate_NamesField()
    {
        Bad("date,eth_usd_close\n2024/01/01,1500\n").Message.ShouldBe("eth.csv:2: field 'date': not a date yyyy-MM-dd: '2024/01/01'");
    }

    [Fact]
    public void Read_DuplicateDate_NamesLine()
    {
        Bad("date,eth_usd_close\n2024-01-01,1500\n2024-01-01,1501\n").Message.ShouldBe("eth.csv:3: field 'date': duplicate date 2024-01-01");
    }

    [Fact]
    public void Read_UnsortedDate_NamesLine()
    {
        CollectionDataException ex = Bad("date,eth_usd_close\n2024-01-02,1500\n2024-01-01,1501\n");

        ex.Source.ShouldBe("eth.csv:3");
        ex.Field.ShouldBe("date");
    }

    [Fact]
    public void Read_MissingColumn_Throws()
    {
        Bad("date,close\n2024-01-01,1500\n").Field.ShouldBe("eth_usd_close");
    }

    [Fact]
    public void Constructor_ValidatesOrderAndSign()
    {
        var day = new DateOnly(2024, 1, 1);
        Should.Throw<ArgumentException>(() => new EthUsdSeries([new EthUsdClose(day, 1m), new EthUsdClose(day, 2m)]));
        Should.Throw<ArgumentException>(() => new EthUsdSeries([new EthUsdClose(day, 0m)]));
    }

    [Fact]
    public void ToSeries_UsdSeriesOfCloses()
    {
        FloorSeries series = LoadShared().ToSeries();

        series.Currency.ShouldBe(FloorCurrency.Usd);
        series.Count.ShouldBe(3_252);
    }
}
