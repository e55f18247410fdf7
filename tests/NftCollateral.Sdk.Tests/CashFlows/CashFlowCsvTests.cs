using System.Text;
using NftCollateral.Sdk.CashFlows;

namespace NftCollateral.Sdk.Tests.CashFlows;

public sealed class CashFlowCsvTests
{
    private static CashFlowSeries Read(string text, CashFlowCsvOptions? options = null) =>
        CashFlowCsv.Read(new StringReader(text), "flows.csv", options);

    private static CashFlowDataException Bad(string text, CashFlowCsvOptions? options = null) =>
        Should.Throw<CashFlowDataException>(() => Read(text, options));

    [Fact]
    public void Read_DateAmount_WithQuotesBlankLinesExtraColumnsAndBom()
    {
        CashFlowSeries s = Read("\uFEFFDate, Amount ,note\n2024-01-31,-1000,purchase\n\n2024-02-29,\"250.5\",\"royalty, Q1\"\n2024-03-31,1e2,\n");

        s.Count.ShouldBe(3);
        s.SourceName.ShouldBe("flows.csv");
        s.Amounts.ToArray().ShouldBe([-1000, 250.5, 100]);
        s.Dates[1].ShouldBe(new DateOnly(2024, 2, 29));
        s.Period.ShouldBe(new CashFlowPeriod(1, 0));
    }

    [Theory]
    [InlineData("", "flows.csv:1: empty file")]
    [InlineData("date,value\n2024-01-01,1\n", "flows.csv:1: field 'amount': missing required column")]
    [InlineData("date,amount\n", "flows.csv:1: no rows after the header")]
    [InlineData("date,amount\n2024-01-01,1\n2024-13-01,2\n", "flows.csv:3: field 'date': not a date yyyy-MM-dd: '2024-13-01'")]
    [InlineData("date,amount\n01/02/2024,1\n", "flows.csv:2: field 'date': not a date")]
    [InlineData("date,amount\n2024-01-01,1\n2024-02-01,abc\n", "flows.csv:3: field 'amount': not a number: 'abc'")]
    [InlineData("date,amount\n2024-01-01,NaN\n", "flows.csv:2: field 'amount': must be a finite number, not 'NaN'")]
    [InlineData("date,amount\n2024-01-01,1e999\n", "flows.csv:2: field 'amount': must be a finite number")]
    [InlineData("date,amount\n2024-01-01,\n", "flows.csv:2: field 'amount': empty; expected a number")]
    [InlineData("date,amount\n2024-01-01,1,2\n", "flows.csv:2: expected 2 fields as in the header, found 3")]
    [InlineData("date,amount\n2024-01-01,\"1\n", "flows.csv:2: field 'column 2': quoted field not closed")]
    [InlineData("date,amount,date\n", "flows.csv:1: field 'date': column appears twice")]
    [InlineData("date,amount\n2024-02-01,1\n2024-01-01,2\n", "flows.csv:3: field 'date': date 2024-01-01 is before the previous date 2024-02-01 (rows must be sorted by date)")]
    [InlineData("date,amount\n2024-01-01,1\n2024-01-01,2\n", "flows.csv:3: field 'date': duplicate date 2024-01-01 (also on line 2)")]
    public void BadFile_OneLineNamingFileLineAndField(string text, string expectedStart)
    {
        CashFlowDataException ex = Bad(text);
        ex.Message.ShouldStartWith(expectedStart);
        ex.Message.ShouldNotContain('\n');
        ex.ShouldBeAssignableTo<NftCollateralException>();
    }

    [Fact]
    public void DuplicateDates_CanBeSummedOnRequest()
    {
        CashFlowSeries s = Read("date,amount\n2024-01-01,-100\n2024-01-01,30\n2024-02-01,80\n", new CashFlowCsvOptions { DuplicateDates = DuplicateDatePolicy.Sum });
        s.Count.ShouldBe(2);
        s.Amounts.ToArray().ShouldBe([-70, 80]);
    }

    [Fact]
    public void GapsAreLoadedAndReportedAsIrregular()
    {
        CashFlowSeries s = Read("date,amount\n2024-01-15,-100\n2024-02-15,10\n2024-04-15,10\n");
        s.Period.ShouldBeNull();
        s.SpacingProblem!.ShouldContain("2024-04-15 follows 2024-02-15 where the period of 1 month expects 2024-03-15");
    }

    [Fact]
    public void Spacing_DaysQuartersAndSingleDates()
    {
        DateOnly d = new(2024, 1, 1);
        CashFlowSeries.FromValues([d, d.AddDays(7), d.AddDays(14)], [1, 2, 3]).Period.ShouldBe(new CashFlowPeriod(0, 7));
        CashFlowSeries.FromValues([d, d.AddMonths(3), d.AddMonths(6)], [1, 2, 3]).Period!.Value.ToString().ShouldBe("3 months");
        CashFlowSeries.FromValues([d, d.AddYears(1)], [1, 2]).Period!.Value.PeriodsPerYear.ShouldBe(1);
        CashFlowSeries.FromValues([d], [1]).SpacingProblem.ShouldBe("a single date has no period");

        // Jan 31 → Feb 29 → Mar 31: month ends. Jan 30 → Feb 29 → Mar 30: the clamped day comes back.
        CashFlowSeries.FromValues([new(2024, 1, 30), new(2024, 2, 29), new(2024, 3, 30)], [1, 2, 3]).Period.ShouldBe(new CashFlowPeriod(1, 0));
    }

    [Fact]
    public void Create_SortsAndHandlesDuplicatesAsAsked()
    {
        DateOnly d = new(2024, 1, 1);
        CashFlowSeries s = CashFlowSeries.Create([new(d.AddDays(2), 3), new(d, 1)]);
        s.Dates.ToArray().ShouldBe([d, d.AddDays(2)]);
        Should.Throw<ArgumentException>(() => CashFlowSeries.Create([new(d, 1), new(d, 2)])).Message.ShouldContain("DuplicateDatePolicy.Sum");
        CashFlowSeries.Create([new(d, 1), new(d, 2)], DuplicateDatePolicy.Sum).Amounts[0].ShouldBe(3);
        Should.Throw<ArgumentException>(() => CashFlowSeries.Create([]));
        Should.Throw<ArgumentException>(() => CashFlowSeries.Create([new(d, double.PositiveInfinity)]));
    }

    [Fact]
    public async Task WriteThenRead_RoundTrips()
    {
        CashFlowSeries original = CashFlowDemoGenerator.Rent(new DateOnly(2020, 1, 31), 24, new RentDemoOptions { PurchasePrice = 500_000 });
        var text = new StringWriter();
        CashFlowCsv.Write(text, original);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        CashFlowSeries back = await CashFlowCsv.ReadAsync(stream, "rent.csv");
        back.Dates.ToArray().ShouldBe(original.Dates.ToArray());
        back.Amounts.ToArray().ShouldBe(original.Amounts.ToArray());
    }
}
