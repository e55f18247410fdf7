using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.CashFlows;

namespace NftCollateral.Sdk.Tests.CashFlows;

/// <summary>
/// NPV, XNPV, IRR and XIRR against published examples. Every expected value was recomputed independently, not by this
/// SDK: with Python 3 <c>fractions.Fraction</c> (exact NPV) or <c>decimal</c> at 60 significant digits with 250 bisection
/// steps (roots), so each is exact to far below the 1e-9 asserted.
/// </summary>
public sealed class CashFlowMathTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Npv_ExcelDocumentationExample()
    {
        // Excel's NPV help: rate 10%, values −10000, 3000, 4200, 6800 → 1188.44. Excel discounts the first value by one
        // period (firstPeriod: 1). Exact: Σ v_i / 1.1^(i+1) = 17400000 / 14641 = 1188.443412335223003893… (Fraction).
        double[] values = [-10000, 3000, 4200, 6800];
        CashFlowMath.Npv(0.10, values, firstPeriod: 1).ShouldBe(17400000.0 / 14641, 1e-9);
        CashFlowMath.Npv(0.10, values, firstPeriod: 1).ShouldBe(1188.4434123352230, 1e-9);

        // Our default puts the first value at period 0 (undiscounted): 1.1 × the above = 1307.287753568745304282… (Fraction).
        CashFlowMath.Npv(0.10, values).ShouldBe(1307.2877535687453, 1e-9);
    }

    [Fact]
    public void Irr_ExcelDocumentationExamples()
    {
        // Excel's IRR help: −70000 then 12000, 15000, 18000, 21000 (4 years) → −2.1%; with 26000 (5 years) → 8.66%.
        // Decimal bisection (60 digits): −0.021244848273410991031…, 0.086630948036531614293…
        IrrResult four = CashFlowMath.Irr([-70000, 12000, 15000, 18000, 21000]);
        IrrResult five = CashFlowMath.Irr([-70000, 12000, 15000, 18000, 21000, 26000]);

        four.Status.ShouldBe(IrrStatus.Unique);
        four.Rate!.Value.ShouldBe(-0.021244848273410991, 1e-9);
        five.Rate!.Value.ShouldBe(0.086630948036531614, 1e-9);
        five.SignChanges.ShouldBe(1);
        five.Reason.ShouldBeNull();
        CashFlowMath.Npv(five.Rate.Value, [-70000, 12000, 15000, 18000, 21000, 26000]).ShouldBe(0, 1e-6);
    }

    [Fact]
    public void Xirr_ExcelDocumentationExample()
    {
        // Excel's XIRR help: −10000 (2008-01-01), 2750 (2008-03-01), 4250 (2008-10-30), 3250 (2009-02-15), 2750 (2009-04-01)
        // → 0.373362535 (Excel stops at its own 1e-6 tolerance). The exact root of Σ a_i (1 + r)^(−days_i / 365), by decimal
        // bisection with ln/exp at 60 digits, is 0.373362533518831510308…: Excel's printed figure is 1.5e-9 off it.
        DateOnly[] dates = [D(2008, 1, 1), D(2008, 3, 1), D(2008, 10, 30), D(2009, 2, 15), D(2009, 4, 1)];
        double[] amounts = [-10000, 2750, 4250, 3250, 2750];

        IrrResult xirr = CashFlowMath.Xirr(dates, amounts);

        xirr.Rate!.Value.ShouldBe(0.37336253351883151, 1e-9);
        xirr.Rate.Value.ShouldBe(0.373362535, 2e-9); // Excel's printed value, within its tolerance

        // Excel's XNPV help, same flows at 9%: 2086.65. Decimal (60 digits): 2086.647602031536621663…
        CashFlowMath.Xnpv(0.09, dates, amounts).ShouldBe(2086.6476020315366, 1e-9);
    }

    [Fact]
    public void Irr_SeveralSignChanges_ReportsEveryRoot()
    {
        // −100, +230, −132: NPV = −100 + 230/(1 + r) − 132/(1 + r)², zero at r = 10% and 20% (x = 1/(1 + r) solves
        // 132x² − 230x + 100 = 0: x = 10/11 and 5/6). Two sign changes: no single IRR, both roots listed.
        IrrResult result = CashFlowMath.Irr([-100, 230, -132]);

        result.Status.ShouldBe(IrrStatus.Multiple);
        result.Rate.ShouldBeNull();
        result.IsDefined.ShouldBeFalse();
        result.SignChanges.ShouldBe(2);
        result.Roots.Count.ShouldBe(2);
        result.Roots[0].ShouldBe(0.10, 1e-12);
        result.Roots[1].ShouldBe(0.20, 1e-12);
        result.Reason!.ShouldContain("multiple IRRs");
        result.ToString().ShouldStartWith("Multiple: ");
    }

    [Fact]
    public void Xirr_SeveralSignChanges_FindsARootBeyondTheScanRange()
    {
        // −100, +230, −132 a month apart: the annual roots are near 110% and 3,020% (the second beyond the default scan
        // to 1,000%): the NPV's sign at 1,000% differs from its limit, so the outer root is searched for and reported.
        IrrResult result = CashFlowMath.Xirr([D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)], [-100, 230, -132]);
        result.Status.ShouldBe(IrrStatus.Multiple);
        result.Roots.Count.ShouldBe(2);
        result.Roots[0].ShouldBeInRange(1.09, 1.12);
        result.Roots[1].ShouldBeInRange(30.1, 30.6);
        foreach (double root in result.Roots)
        {
            CashFlowMath.Xnpv(root, [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)], [-100, 230, -132]).ShouldBe(0, 1e-9);
        }

        // An even number of roots beyond the range is not found: −1 + 1.9x − 0.9x² (x = 1/(1 + r)) is zero at x = 1 and
        // x = 10/9, i.e. r = 0 and r = −0.1, both below a range starting at 0.5; the ends' signs match their limits.
        CashFlowMath.Irr([-1, 1.9, -0.9], new IrrOptions { MinRate = 0.5, MaxRate = 10 }).Status.ShouldBe(IrrStatus.NoRootInRange);
    }

    [Fact]
    public void Irr_SignChangesButNoRealRoot_SaysSo()
    {
        // −100 + 250x − 170x²: discriminant 250² − 4·100·170 = −5500 < 0, so the NPV never reaches zero.
        IrrResult result = CashFlowMath.Irr([-100, 250, -170]);

        result.Status.ShouldBe(IrrStatus.NoRootInRange);
        result.Roots.ShouldBeEmpty();
        result.Reason!.ShouldContain("change sign 2 times");
    }

    [Fact]
    public void Irr_NoSignChange_OrAllZero_IsUndefinedWithReason()
    {
        IrrResult positive = CashFlowMath.Irr([100, 50, 0, 20]);
        positive.Status.ShouldBe(IrrStatus.NoSignChange);
        positive.Rate.ShouldBeNull();
        positive.Reason!.ShouldContain("no sign change");
        positive.Reason!.ShouldContain("no IRR");

        CashFlowMath.Irr([-5, 0, -1]).Status.ShouldBe(IrrStatus.NoSignChange);
        IrrResult zeros = CashFlowMath.Irr([0, 0, 0]);
        zeros.Status.ShouldBe(IrrStatus.AllZero);
        zeros.Reason!.ShouldContain("every amount is zero");

        // Amounts that cancel on one date are one zero term for XIRR.
        CashFlowMath.Xirr([D(2024, 1, 1), D(2024, 1, 1)], [-100, 100]).Status.ShouldBe(IrrStatus.AllZero);
    }

    [Fact]
    public void Irr_RootsNearTheExtremes()
    {
        // −1, +1000 in one period: r = 999. −1000, +1: r = −0.999. Found by bracketing, whatever the scan range.
        CashFlowMath.Irr([-1, 1000]).Rate!.Value.ShouldBe(999, 1e-9);
        CashFlowMath.Irr([-1000, 1]).Rate!.Value.ShouldBe(-0.999, 1e-12);
        CashFlowMath.Irr([-100, 100]).Rate!.Value.ShouldBe(0, 1e-15);

        // 600 periods near −100% would overflow a plain NPV; the scaled form keeps it finite.
        double[] longFlows = new double[600];
        longFlows[0] = -1;
        longFlows[^1] = 1e-300;
        IrrResult far = CashFlowMath.Irr(longFlows);
        far.Status.ShouldBe(IrrStatus.Unique);
        far.Rate!.Value.ShouldBe(Math.Pow(1e-300, 1.0 / 599) - 1, 1e-12);
    }

    [Fact]
    public void Rates_OfMinusOneHundredPercentOrLess_AreRejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.Npv(-1, [1, 2])).Message.ShouldContain("-100%");
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.Npv(-1.5, [1, 2]));
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.Npv(double.NaN, [1, 2]));
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.Xnpv(-1, [D(2024, 1, 1)], [1]));
        Should.Throw<ArgumentException>(() => CashFlowMath.Npv(0.1, []));
        Should.Throw<ArgumentException>(() => CashFlowMath.Irr([]));
        Should.Throw<ArgumentException>(() => CashFlowMath.Irr([1, double.NaN]));
        Should.Throw<ArgumentException>(() => CashFlowMath.Xirr([D(2024, 2, 1), D(2024, 1, 1)], [-1, 2])).Message.ShouldContain("in order");
        Should.Throw<ArgumentException>(() => CashFlowMath.Irr([-1, 2, -1], new IrrOptions { MinRate = -1 }));
        Should.Throw<ArgumentOutOfRangeException>(() => IrrResult.FromRate(-1));
    }

    [Fact]
    public void Series_WithGaps_PeriodicFunctionsRefuseAndDatedOnesWork()
    {
        CashFlowSeries gappy = CashFlowSeries.FromValues(
            [D(2024, 1, 31), D(2024, 2, 29), D(2024, 4, 30), D(2024, 5, 31)], [-1000, 400, 400, 400], "gappy.csv");

        gappy.Period.ShouldBeNull();
        gappy.SpacingProblem!.ShouldContain("2024-04-30 follows 2024-02-29");
        gappy.SpacingProblem!.ShouldContain("expects 2024-03-31");

        IrrResult irr = CashFlowMath.Irr(gappy);
        irr.Status.ShouldBe(IrrStatus.IrregularSpacing);
        irr.Reason!.ShouldContain("use XIRR");
        CashFlowDataException npv = Should.Throw<CashFlowDataException>(() => CashFlowMath.Npv(gappy, 0.01));
        npv.Message.ShouldStartWith("gappy.csv: field 'date': NPV per period needs regularly spaced dates");
        CashFlowMath.Xirr(gappy).Status.ShouldBe(IrrStatus.Unique);
        CashFlowMath.Xnpv(gappy, 0.1).ShouldBeLessThan(200);
    }

    [Fact]
    public void Series_RegularMonthly_IrrPerMonthAnnualises()
    {
        // Month ends stay month ends (Jan 31, Feb 29, Mar 31, …).
        DateOnly[] dates = [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)];
        CashFlowSeries series = CashFlowSeries.FromValues(dates, [-300, 101, 102, 103]);
        series.Period.ShouldBe(new CashFlowPeriod(1, 0));
        series.Period!.Value.ToString().ShouldBe("1 month");
        series.Period.Value.PeriodsPerYear.ShouldBe(12);

        IrrResult monthly = CashFlowMath.Irr(series);
        CashFlowMath.Npv(series, monthly.Rate!.Value).ShouldBe(0, 1e-9);
        double annual = series.Period.Value.Annualise(monthly.Rate.Value);
        series.Period.Value.PerPeriod(annual).ShouldBe(monthly.Rate.Value, 1e-14);
    }

    [Fact]
    public void Xirr_OnDatesExactly365DaysApart_EqualsThePeriodicIrr()
    {
        Gen<double[]> flows =
            from n in Gen.Choose(2, 12)
            from outlay in Gen.Choose(100, 100_000)
            from receipts in Gen.ArrayOf(Gen.Choose(0, 50_000), n)
            select (double[])[-outlay, .. receipts.Select(r => (double)r)];
        Prop.ForAll(flows.ToArbitrary(), f =>
        {
            DateOnly[] dates = [.. Enumerable.Range(0, f.Length).Select(i => D(2001, 3, 1).AddDays(365 * i))];
            IrrResult periodic = CashFlowMath.Irr(f);
            IrrResult dated = CashFlowMath.Xirr(dates, f);
            dated.Status.ShouldBe(periodic.Status);
            if (periodic.Rate is double r)
            {
                dated.Rate!.Value.ShouldBe(r, 1e-9 * Math.Max(1, Math.Abs(r)));
                CashFlowMath.Npv(r, f).ShouldBe(0, 1e-7 * f.Sum(Math.Abs));
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Payback_TextbookExample()
    {
        // −1000, 300, 400, 500: 700 recovered after 2 periods, the remaining 300 of the third period's 500 → 2.6.
        CashFlowMath.Payback([-1000, 300, 400, 500]).Value!.Value.ShouldBe(2.6, 1e-12);

        // Discounted at 10%: −1000, 272.73, 330.58, 375.66 → never reaches 0 within the amounts.
        CashFlowFigure discounted = CashFlowMath.Payback([-1000, 300, 400, 500], 0.10);
        discounted.IsDefined.ShouldBeFalse();
        discounted.Reason!.ShouldContain("not paid back");

        // −1000, 600, 600 at 10%: 545.45 then 495.87 of which 454.55 is needed → 1 + 454.545…/495.867… = 1.9166…
        CashFlowMath.Payback([-1000, 600, 600], 0.10).Value!.Value.ShouldBe(1 + ((1000 - (600 / 1.1)) / (600 / 1.21)), 1e-12);
        CashFlowMath.Payback([100, -50]).Reason!.ShouldContain("no outlay");
        CashFlowMath.Payback([0, 0]).Reason!.ShouldContain("zero");
    }

    [Fact]
    public void PaybackDays_CountsToTheDateOfRecovery()
    {
        CashFlowSeries series = CashFlowSeries.FromValues([D(2024, 1, 1), D(2024, 3, 1), D(2024, 6, 1)], [-500, 300, 300]);
        CashFlowMath.PaybackDays(series).Value.ShouldBe(152); // 2024-01-01 to 2024-06-01
    }

    [Fact]
    public void Gordon_AndTwoStageDividendDiscount()
    {
        // D1 = 2, r = 10%, g = 5%: 2 / 0.05 = 40.
        CashFlowMath.GordonValue(2, 0.10, 0.05).ShouldBe(40, 1e-12);

        // Flows 1, 1.1, 1.21 at r = 10%, then growth 5%: each explicit flow is worth 1/1.1, so 30/11; the terminal value at
        // period 3 is 1.21 × 1.05 / 0.05 = 25.41, worth 25.41 / 1.331 = 210/11 today; total 240/11.
        CashFlowMath.DividendDiscountValue([1, 1.1, 1.21], 0.10, 0.05).ShouldBe(240.0 / 11, 1e-12);

        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.GordonValue(2, 0.05, 0.05)).Message.ShouldContain("growth below the discount rate");
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.GordonValue(2, -1, -2));
    }

    [Fact]
    public void PriceToCashFlow_IsUndefinedWithoutPositiveCashFlow()
    {
        CashFlowMath.PriceToCashFlow(1200, 100).Value.ShouldBe(12);
        CashFlowFigure none = CashFlowMath.PriceToCashFlow(1200, 0);
        none.IsDefined.ShouldBeFalse();
        none.ToString().ShouldStartWith("undefined: ");
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.PriceToCashFlow(0, 100));

        // Paid 1200; received 50 + 50 in the 365 days to 2025-01-01 (the 2023 receipt is outside the window).
        CashFlowSeries series = CashFlowSeries.FromValues([D(2023, 1, 1), D(2023, 6, 1), D(2024, 6, 1), D(2025, 1, 1)], [-1200, 999, 50, 50]);
        CashFlowMath.PriceToTrailingCashFlow(series).Value.ShouldBe(12);
        CashFlowMath.PriceToTrailingCashFlow(CashFlowSeries.FromValues([D(2024, 1, 1)], [10])).Reason!.ShouldContain("nothing was paid out");
    }

    [Fact]
    public void Drip_ReinvestsDistributionsIntoUnits()
    {
        // 100 units, 1 per unit per period, price 10: full DRIP buys 10, then 11, then 12.1 units.
        double[] cash = new double[3];
        double[] units = new double[3];
        DripResult full = CashFlowMath.ProjectDrip(100, [1, 1, 1], [10, 10, 10], 1, cash, units);
        units.ShouldBe([110, 121, 133.1], tolerance: 1e-9);
        cash.ShouldBe([0, 0, 0]);
        full.TotalDistributed.ShouldBe(331, 1e-9);
        full.FinalUnits.ShouldBe(133.1, 1e-9);

        DripResult none = CashFlowMath.ProjectDrip(100, [1, 1, 1], [10, 10, 10], 0, cash, units);
        cash.ShouldBe([100, 100, 100]);
        none.FinalUnits.ShouldBe(100);
        none.TotalPaidOut.ShouldBe(300);

        Should.Throw<ArgumentException>(() => CashFlowMath.ProjectDrip(100, [1], [0], 1, cash, units));
        Should.Throw<ArgumentOutOfRangeException>(() => CashFlowMath.ProjectDrip(100, [1], [1], 1.5, cash, units));
    }
}
