using NftCollateral.Sdk.Lending.Screening;

namespace NftCollateral.Sdk.Tests.Lending;

public sealed class ScreeningLoanScreeningTests
{
    private delegate void Kernel(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> z, Span<double> destination);

    private static readonly (string Name, Kernel Kernel, Func<double, double, double, double> Reference)[] Kernels =
    [
        ("HealthFactor", LoanScreening.HealthFactor, LoanScreening.Reference.HealthFactor),
        ("SimpleInterestDebt", LoanScreening.SimpleInterestDebt, LoanScreening.Reference.SimpleInterestDebt),
        ("CompoundInterestDebt", LoanScreening.CompoundInterestDebt, LoanScreening.Reference.CompoundInterestDebt),
    ];

    [Fact]
    public void AllKernels_EveryLengthUpTo257_EqualScalarReference()
    {
        var random = new Random(42);
        foreach ((string name, Kernel kernel, Func<double, double, double, double> reference) in Kernels)
        {
            for (int n = 0; n <= 257; n++)
            {
                double[] x = Fill(random, n, 0, 100);
                double[] y = Fill(random, n, 0, 1);
                double[] z = Fill(random, n, 0, 3e7);
                if (n > 3)
                {
                    z[n / 2] = 0; // a zero debt / zero elapsed time inside the vectorized part
                }

                var destination = new double[n];
                kernel(x, y, z, destination);
                for (int i = 0; i < n; i++)
                {
                    destination[i].ShouldBe(reference(x[i], y[i], z[i]), $"{name} n={n} i={i}");
                }
            }
        }
    }

    [Fact]
    public void HealthFactor_KnownValues()
    {
        double[] collateral = [10, 10, 0, 10, 5];
        double[] threshold = [0.9, 0.8, 0.9, 0.9, 0.9];
        double[] debt = [9, 8, 1, 0, 0];
        var hf = new double[5];

        LoanScreening.HealthFactor(collateral, threshold, debt, hf);

        hf[0].ShouldBe(1.0, 1e-15);
        hf[1].ShouldBe(1.0, 1e-15);
        hf[2].ShouldBe(0.0);
        double.IsPositiveInfinity(hf[3]).ShouldBeTrue();
        double.IsPositiveInfinity(hf[4]).ShouldBeTrue();
    }

    [Fact]
    public void SimpleInterestDebt_OneYearAtTenPercent_IsPrincipalTimes1Point1()
    {
        var debt = new double[1];
        LoanScreening.SimpleInterestDebt([100.0], [0.10], [LoanScreening.SecondsPerYear], debt);
        debt[0].ShouldBe(110.0, 1e-12);
    }

    [Fact]
    public void CompoundInterestDebt_OneYearAtHundredPercent_IsPrincipalTimesE()
    {
        var debt = new double[1];
        LoanScreening.CompoundInterestDebt([1.0], [1.0], [LoanScreening.SecondsPerYear], debt);
        debt[0].ShouldBe(Math.E, 1e-15);
    }

    [Fact]
    public void Kernels_InPlace_Allowed()
    {
        double[] collateral = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
        double[] threshold = Enumerable.Repeat(0.5, 40).ToArray();
        double[] debt = Enumerable.Repeat(2.0, 40).ToArray();

        LoanScreening.HealthFactor(collateral, threshold, debt, collateral);

        collateral[39].ShouldBe(40 * 0.5 / 2.0);
    }

    [Fact]
    public void Kernels_BadShapes_Throw()
    {
        var three = new double[3];
        var two = new double[2];
        var ten = new double[10];
        Should.Throw<ArgumentException>(() => LoanScreening.HealthFactor(three, two, three, new double[3]));
        Should.Throw<ArgumentException>(() => LoanScreening.SimpleInterestDebt(three, three, three, new double[2]));
        Should.Throw<ArgumentException>(() => LoanScreening.CompoundInterestDebt(ten.AsSpan(0, 5), ten.AsSpan(0, 5), ten.AsSpan(0, 5), ten.AsSpan(1, 5)));
    }

    private static double[] Fill(Random random, int n, double min, double max)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = min + (random.NextDouble() * (max - min));
        }

        return values;
    }
}
