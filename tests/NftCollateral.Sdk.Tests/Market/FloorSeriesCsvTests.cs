using NftCollateral.Sdk.Market;

namespace NftCollateral.Sdk.Tests.Market;

/// <summary><see cref="FloorSeriesCsv"/> and <see cref="FloorSeries"/>: the shared floor files and every bad-row case.</summary>
public sealed class FloorSeriesCsvTests
{
    private const string OnchainFile = "cryptopunks-floor-onchain-daily.csv";
    private const string ProxyFile = "bayc-cryptopunks-floor-proxy-daily.csv";
    private const string Header = "collection,date,floor_eth,volume_eth,sales_count,active_asks,floor_punk_index,method";

    internal static IReadOnlyList<DailyFloor> LoadShared(string fileName)
    {
        string path = SharedData.Path("data", fileName);
        using var reader = new StreamReader(path);
        return FloorSeriesCsv.Read(reader, fileName);
    }

    private static IReadOnlyList<DailyFloor> Parse(string text, string source = "floors.csv")
    {
        using var reader = new StringReader(text);
        return FloorSeriesCsv.Read(reader, source);
    }

    private static CollectionDataException Bad(string text) =>
        Should.Throw<CollectionDataException>(() => Parse(text));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Read_OnchainFile_1464RowsFrom20201229To20241231()
    {
        IReadOnlyList<DailyFloor> rows = LoadShared(OnchainFile);

        rows.Count.ShouldBe(1_464); // SOURCES.md §2
        rows.ShouldAllBe(r => r.Collection == "cryptopunks" && r.Method == "lowest_public_ask_eod_utc" && !r.SuspectOutlier);
        rows[0].Date.ShouldBe(new DateOnly(2020, 12, 29));
        rows[^1].Date.ShouldBe(new DateOnly(2024, 12, 31));
        FloorSeries series = FloorSeries.Create("cryptopunks", rows);
        series.HasGaps.ShouldBeFalse(); // "No gaps and no duplicate dates"
    }

    [Fact]
    public void Read_OnchainFile_FirstRowEveryColumn()
    {
        // cryptopunks,2020-12-29,5.29,57.17,10,581,8396,lowest_public_ask_eod_utc
        DailyFloor first = LoadShared(OnchainFile)[0];

        first.FloorEth.ShouldBe(5.29m);
        first.VolumeEth.ShouldBe(57.17m);
        first.SalesCount.ShouldBe(10);
        first.ActiveAsks.ShouldBe(581);
    }

    [Fact]
    public void Read_OnchainFile_VolumeEmptyAfter20220113_ActiveAsksRange()
    {
        IReadOnlyList<DailyFloor> rows = LoadShared(OnchainFile);

        rows.Where(r => r.Date > new DateOnly(2022, 1, 13)).ShouldAllBe(r => r.VolumeEth == null && r.SalesCount == null);
        rows.Min(r => r.ActiveAsks).ShouldBe(581); // spec §2 takeaway 4: 581–1,711
        rows.Max(r => r.ActiveAsks).ShouldBe(1_711);
    }

    [Fact]
    public void Read_ProxyFile_3389RowsBayc1031Punks2358WithOutlierFlags()
    {
        IReadOnlyList<DailyFloor> rows = LoadShared(ProxyFile);

        rows.Count.ShouldBe(3_389); // SOURCES.md §3
        rows.Count(r => r.Collection == "bayc").ShouldBe(1_031);
        rows.Count(r => r.Collection == "cryptopunks").ShouldBe(2_358);
        rows.Count(r => r.Collection == "bayc" && r.SuspectOutlier).ShouldBe(48);
        rows.Count(r => r.Collection == "cryptopunks" && r.SuspectOutlier).ShouldBe(279);
        rows.ShouldAllBe(r => r.VolumeEth == null && r.SalesCount == null && r.ActiveAsks == null);

        FloorSeries bayc = FloorSeries.Create("bayc", rows);
        bayc.Dates[0].ShouldBe(new DateOnly(2021, 4, 30));
        bayc.Dates[^1].ShouldBe(new DateOnly(2024, 2, 24));
        FloorSeries punks = FloorSeries.Create("cryptopunks", rows);
        punks.Dates[0].ShouldBe(new DateOnly(2017, 6, 23));
        punks.Dates[^1].ShouldBe(new DateOnly(2024, 2, 24));
        punks.HasGaps.ShouldBeTrue(); // "Days with no data are missing"
    }

    [Fact]
    public async Task ReadSeriesAsync_Stream_SameAsRead()
    {
        await using FileStream stream = File.OpenRead(SharedData.Path("data", OnchainFile));
        FloorSeries series = await FloorSeriesCsv.ReadSeriesAsync(stream, OnchainFile, "cryptopunks");

        series.Count.ShouldBe(1_464);
        series.Currency.ShouldBe(FloorCurrency.Eth);
        series[new DateOnly(2020, 12, 29)].ShouldBe(5.29m);
    }

    [Fact]
    public async Task ReadSeriesAsync_UnknownCollection_NamesFileAndCollection()
    {
        await using FileStream stream = File.OpenRead(SharedData.Path("data", ProxyFile));
        CollectionDataException ex = await Should.ThrowAsync<CollectionDataException>(() => FloorSeriesCsv.ReadSeriesAsync(stream, ProxyFile, "azuki"));

        ex.Source.ShouldBe(ProxyFile);
        ex.Field.ShouldBe("collection");
        ex.Message.ShouldContain("'azuki'");
        ex.Message.ShouldContain("bayc, cryptopunks");
    }

    [Fact]
    public void Read_UserFile_ColumnsInAnyOrderAndCase_ExtraColumnsIgnored()
    {
        IReadOnlyList<DailyFloor> rows = Parse("Date,note,FLOOR_ETH,collection,suspect_outlier\n2024-01-01,x,\"1.5\",mine,1\n\n2024-01-02,\"a, b\",1.25,mine,0\n");

        rows.Count.ShouldBe(2);
        rows[0].ShouldBe(new DailyFloor("mine", new DateOnly(2024, 1, 1), 1.5m) { SuspectOutlier = true });
        rows[1].FloorEth.ShouldBe(1.25m);
        rows[1].SuspectOutlier.ShouldBeFalse();
        rows[1].Method.ShouldBeNull();
    }

    [Fact]
    public void Read_HeaderOnly_NoRows()
    {
        Parse(Header + "\n").ShouldBeEmpty();
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        Bad(string.Empty).Message.ShouldBe("floors.csv:1: empty file: expected a header row");
    }

    [Fact]
    public void Read_MissingFloorColumn_NamesColumnOnLine1()
    {
        CollectionDataException ex = Bad("collection,date\nx,2024-01-01\n");

        ex.Source.ShouldBe("floors.csv:1");
        ex.Field.ShouldBe("floor_eth");
    }

    [Fact]
    public void Read_DuplicateHeaderColumn_Throws()
    {
        Bad("collection,date,floor_eth,Date\n").Field.ShouldBe("Date");
    }

    [Theory]
    [InlineData("0", "must be positive, not 0")]
    [InlineData("-2.5", "must be positive, not -2.5")]
    [InlineData("NaN", "must be a finite number, not NaN")]
    [InlineData("Infinity", "must be a finite number, not Infinity")]
    [InlineData("-Infinity", "must be a finite number, not -Infinity")]
    [InlineData("1e40", "out of range: 1e40")]
    [InlineData("abc", "not a number: 'abc'")]
    [InlineData("", "empty; expected a positive number")]
    public void Read_BadFloor_NamesFileLineAndField(string floor, string reason)
    {
        CollectionDataException ex = Bad($"{Header}\ncryptopunks,2024-01-01,5,,,,1,m\ncryptopunks,2024-01-02,{floor},,,,1,m\n");

        ex.Message.ShouldBe($"floors.csv:3: field 'floor_eth': {reason}");
        ex.Field.ShouldBe("floor_eth");
        ex.Source.ShouldBe("floors.csv:3");
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("01/02/2024")]
    [InlineData("2024-01-02T00:00:00Z")]
    [InlineData("")]
    public void Read_BadDate_NamesLineAndField(string date)
    {
        CollectionDataException ex = Bad($"{Header}\ncryptopunks,{date},5,,,,1,m\n");

        ex.Source.ShouldBe("floors.csv:2");
        ex.Field.ShouldBe("date");
    }

    [Theory]
    [InlineData("volume_eth", "cryptopunks,2024-01-01,5,-1,,,1,m")]
    [InlineData("volume_eth", "cryptopunks,2024-01-01,5,lots,,,1,m")]
    [InlineData("sales_count", "cryptopunks,2024-01-01,5,,2.5,,1,m")]
    [InlineData("sales_count", "cryptopunks,2024-01-01,5,,-3,,1,m")]
    [InlineData("active_asks", "cryptopunks,2024-01-01,5,,,many,1,m")]
    [InlineData("collection", ",2024-01-01,5,,,,1,m")]
    public void Read_BadOptionalCell_NamesField(string field, string row)
    {
        CollectionDataException ex = Bad($"{Header}\n{row}\n");

        ex.Field.ShouldBe(field);
        ex.Source.ShouldBe("floors.csv:2");
    }

    [Fact]
    public void Read_BadOutlierFlag_NamesField()
    {
        CollectionDataException ex = Bad("collection,date,floor_eth,suspect_outlier\nbayc,2024-01-01,20,yes\n");

        ex.Message.ShouldBe("floors.csv:2: field 'suspect_outlier': expected 0 or 1, not 'yes'");
    }

    [Fact]
    public void Read_WrongFieldCount_NamesLine()
    {
        Bad($"{Header}\ncryptopunks,2024-01-01,5\n").Message.ShouldBe("floors.csv:2: expected 8 fields as in the header, found 3");
    }

    [Fact]
    public void Read_UnterminatedQuote_NamesLine()
    {
        Bad("collection,date,floor_eth\n\"bayc,2024-01-01,5\n").Source.ShouldBe("floors.csv:2");
    }

    [Fact]
    public void Read_DuplicateDateWithinCollection_NamesLineAndDate()
    {
        CollectionDataException ex = Bad("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-02,21\nbayc,2024-01-02,22\n");

        ex.Message.ShouldBe("floors.csv:4: field 'date': duplicate date 2024-01-02 for collection 'bayc'");
    }

    [Fact]
    public void Read_UnsortedDateWithinCollection_NamesLineAndDates()
    {
        CollectionDataException ex = Bad("collection,date,floor_eth\nbayc,2024-01-03,20\nbayc,2024-01-02,21\n");

        ex.Source.ShouldBe("floors.csv:3");
        ex.Field.ShouldBe("date");
        ex.Message.ShouldContain("2024-01-02 is before the previous date 2024-01-03");
    }

    [Fact]
    public void Read_SameDateInTwoCollections_Allowed()
    {
        IReadOnlyList<DailyFloor> rows = Parse("collection,date,floor_eth\nbayc,2024-01-02,20\npunks,2024-01-01,40\npunks,2024-01-02,41\nbayc,2024-01-03,21\n");

        FloorSeries.Create("bayc", rows).Count.ShouldBe(2);
        FloorSeries.Create("punks", rows).Count.ShouldBe(2);
    }

    [Fact]
    public void Read_LineNumbersCountBlankLines()
    {
        Bad("collection,date,floor_eth\n\nbayc,2024-01-01,20\n\nbayc,2024-01-01,21\n").Source.ShouldBe("floors.csv:5");
    }

    [Fact]
    public void Read_NullArguments_Throw()
    {
        Should.Throw<ArgumentNullException>(() => FloorSeriesCsv.Read(null!, "x"));
        Should.Throw<ArgumentNullException>(() => FloorSeriesCsv.Read(new StringReader(Header), null!));
    }

    [Fact]
    public void Create_RowsBuiltInCode_ValidatesOrderAndSign()
    {
        var unsorted = new[] { new DailyFloor("a", D("2024-01-02"), 1m), new DailyFloor("a", D("2024-01-01"), 1m) };
        var zero = new[] { new DailyFloor("a", D("2024-01-01"), 0m) };

        Should.Throw<CollectionDataException>(() => FloorSeries.Create("a", unsorted)).Field.ShouldBe("date");
        Should.Throw<CollectionDataException>(() => FloorSeries.Create("a", zero)).Field.ShouldBe("floor_eth");
    }

    [Fact]
    public void Lookup_ByDate_ValueOrKeyNotFound()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-04,23\n"));

        series[D("2024-01-04")].ShouldBe(23m);
        series.TryGetValue(D("2024-01-02"), out decimal missing).ShouldBeFalse();
        missing.ShouldBe(0m);
        Should.Throw<KeyNotFoundException>(() => series[D("2024-01-02")]).Message.ShouldContain("2024-01-02");
        series.IndexOf(D("2024-01-04")).ShouldBe(1);
    }

    [Fact]
    public void ForwardFill_CarriesPreviousValueIntoGaps()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-04,23\n"));

        FloorSeries filled = series.ForwardFill();

        filled.Dates.ToArray().ShouldBe([D("2024-01-01"), D("2024-01-02"), D("2024-01-03"), D("2024-01-04")]);
        filled.Values.ToArray().ShouldBe([20m, 20m, 20m, 23m]);
        filled.HasGaps.ShouldBeFalse();
        filled.ForwardFill().ShouldBeSameAs(filled);
    }

    [Fact]
    public void WithoutSuspectOutliers_DropsFlaggedDays_ThenFillUsesLastGoodValue()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse(
            "collection,date,floor_eth,suspect_outlier\nbayc,2024-01-01,20,0\nbayc,2024-01-02,13,1\nbayc,2024-01-03,21,0\n"));

        FloorSeries clean = series.WithoutSuspectOutliers();

        clean.Count.ShouldBe(2);
        clean.ForwardFill().Values.ToArray().ShouldBe([20m, 20m, 21m]);
        series.SuspectOutliers.ToArray().ShouldBe([false, true, false]);
    }

    [Fact]
    public void Between_KeepsInclusiveRange()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-03,22\nbayc,2024-01-05,24\n"));

        series.Between(D("2024-01-02"), D("2024-01-05")).Values.ToArray().ShouldBe([22m, 24m]);
        series.Between(D("2024-02-01"), D("2024-02-05")).Count.ShouldBe(0);
        Should.Throw<ArgumentException>(() => series.Between(D("2024-01-05"), D("2024-01-01")));
    }

    [Fact]
    public void ToUsd_MultipliesByTheDaysClose()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-02,21.5\n"));
        var ethUsd = new EthUsdSeries([new EthUsdClose(D("2024-01-01"), 2000m), new EthUsdClose(D("2024-01-02"), 1000.10m)]);

        FloorSeries usd = series.ToUsd(ethUsd);

        usd.Currency.ShouldBe(FloorCurrency.Usd);
        usd.Values.ToArray().ShouldBe([40_000m, 21_502.15m]);
        Should.Throw<InvalidOperationException>(() => usd.ToUsd(ethUsd));
    }

    [Fact]
    public void ToUsd_DateMissingInEthUsd_ErrorNamesTheDate()
    {
        FloorSeries series = FloorSeries.Create("bayc", Parse("collection,date,floor_eth\nbayc,2024-01-01,20\nbayc,2024-01-02,21\nbayc,2024-01-03,22\n"));
        var ethUsd = new EthUsdSeries([new EthUsdClose(D("2024-01-01"), 2000m), new EthUsdClose(D("2024-01-03"), 2100m)], "prices.csv");

        CollectionDataException ex = Should.Throw<CollectionDataException>(() => series.ToUsd(ethUsd));

        ex.Message.ShouldContain("no ETH/USD close for 2024-01-02");
        ex.Source.ShouldBe("prices.csv");
    }

    [Fact]
    public void ToUsd_SharedFiles_CoverEveryOnchainDay()
    {
        FloorSeries punks = FloorSeries.Create("cryptopunks", LoadShared(OnchainFile));
        FloorSeries usd = punks.ToUsd(EthUsdCsvTests.LoadShared());

        usd.Count.ShouldBe(1_464);
        // Spec §2 crash table: 30 Apr 2022 ≈ $166k (floor 60.95 ETH × close).
        (usd[new DateOnly(2022, 4, 30)] / 1000m).ShouldBeInRange(165.5m, 166.5m);
    }

    [Fact]
    public void RollingMedian_TrailingWindow_ShorterAtStart()
    {
        FloorSeries series = FloorSeries.FromValues("m", FloorCurrency.Eth, [D("2024-01-01"), D("2024-01-02"), D("2024-01-03"), D("2024-01-04")], [5m, 1m, 9m, 2m]);

        // [5] → 5; [5,1] → 3; [5,1,9] → 5; [1,9,2] → 2
        series.RollingMedian(3).Values.ToArray().ShouldBe([5m, 3m, 5m, 2m]);
        series.RollingMedian(1).ShouldBeSameAs(series);
        Should.Throw<ArgumentOutOfRangeException>(() => series.RollingMedian(0));
    }

    [Fact]
    public void FromValues_ValidatesArguments()
    {
        Should.Throw<ArgumentException>(() => FloorSeries.FromValues("x", FloorCurrency.Eth, [D("2024-01-01")], [1m, 2m]));
        Should.Throw<ArgumentException>(() => FloorSeries.FromValues("x", FloorCurrency.Eth, [D("2024-01-01"), D("2024-01-01")], [1m, 2m]));
        Should.Throw<ArgumentException>(() => FloorSeries.FromValues("x", FloorCurrency.Eth, [D("2024-01-01")], [-1m]));
        FloorSeries.FromValues("x", FloorCurrency.Eth, [], []).Count.ShouldBe(0);
    }
}
