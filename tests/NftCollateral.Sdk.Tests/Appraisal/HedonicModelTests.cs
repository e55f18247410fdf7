using FsCheck;
using FsCheck.Fluent;
using NftCollateral.Sdk.Appraisal;
using NftCollateral.Sdk.Market;
using NftCollateral.Sdk.Rarity;

namespace NftCollateral.Sdk.Tests.Appraisal;

public sealed class HedonicModelTests
{
    [Fact]
    public void RidgeSolver_SolvesAKnownSystem()
    {
        // [[4, 2], [2, 3]] x = [2, 5] → x = [-0.5, 2].
        double[] a = [4, 2, 2, 3];
        double[] b = [2, 5];
        RidgeSolver.TrySolve(a, b, 2).ShouldBeTrue();
        b[0].ShouldBe(-0.5, 1e-12);
        b[1].ShouldBe(2, 1e-12);
        RidgeSolver.TrySolve(new double[] { 1, 2, 2, 1 }, new double[2], 2).ShouldBeFalse(); // indefinite
    }

    [Fact]
    public void RidgeSolver_RandomSpdSystems_ResidualIsTiny()
    {
        Prop.ForAll(
            Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Choose(-100, 100), n * (n + 1)).Select(v => (n, v))).ToArbitrary(),
            t =>
            {
                (int n, int[] v) = t;
                var m = new double[n * n];
                var a = new double[n * n];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        m[(i * n) + j] = v[(i * n) + j] / 10.0;
                    }
                }

                // A = MᵀM + I is symmetric positive definite.
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double s = i == j ? 1 : 0;
                        for (int k = 0; k < n; k++)
                        {
                            s += m[(k * n) + i] * m[(k * n) + j];
                        }

                        a[(i * n) + j] = s;
                    }
                }

                double[] rhs = [.. v.Skip(n * n).Select(x => x / 7.0)];
                double[] x = (double[])rhs.Clone();
                double[] work = (double[])a.Clone();
                if (!RidgeSolver.TrySolve(work, x, n))
                {
                    return false;
                }

                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++)
                    {
                        s += a[(i * n) + j] * x[j];
                    }

                    if (Math.Abs(s - rhs[i]) > 1e-8 * (1 + Math.Abs(rhs[i])))
                    {
                        return false;
                    }
                }

                return true;
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fit_SyntheticPremia_RecoversTraitEffectsAndDayEffects()
    {
        // 40 tokens: Hat red/blue/none × Eyes laser/none. True log premia: red +0.4, blue +0.1, laser +1.0; the day's
        // market level moves 0, 0.3, −0.2 by day; prices are exact (no noise). The fit (tiny ridge, least squares)
        // must recover the differences between trait values and the day-to-day moves.
        var tokens = new List<TokenTraits>();
        for (int i = 0; i < 40; i++)
        {
            var t = new List<TraitValue>();
            if (i % 3 == 1)
            {
                t.Add(TraitValue.FromText("Hat", "red"));
            }
            else if (i % 3 == 2)
            {
                t.Add(TraitValue.FromText("Hat", "blue"));
            }

            if (i % 4 == 0)
            {
                t.Add(TraitValue.FromText("Eyes", "laser"));
            }

            t.Add(TraitValue.FromText("Base", "x"));
            tokens.Add(new TokenTraits(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t));
        }

        var table = TraitTable.Build(tokens);
        double[] level = [0, 0.3, -0.2];
        var sales = new List<Sale>();
        for (int d = 0; d < 3; d++)
        {
            for (int i = 0; i < 40; i++)
            {
                double premium = (i % 3 == 1 ? 0.4 : i % 3 == 2 ? 0.1 : 0) + (i % 4 == 0 ? 1.0 : 0);
                decimal price = (decimal)(2 * Math.Exp(level[d] + premium));
                sales.Add(TraitPremiumAppraiserTests.Tiny.Sale(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 5 + d, decimal.Round(price, 12)));
            }
        }

        var floors = Enumerable.Range(0, 12).Select(k => new DailyFloor("tiny", TraitPremiumAppraiserTests.Tiny.Day(k), 2m)).ToList();
        AppraisalDataset data = AppraisalDataset.Create(table, sales.Select(s => s with { Collection = "tiny" }), floors, "tiny");
        var options = new TraitPremiumOptions { RidgePenalty = 1e-6, RobustIterations = 0, TrainingDecayDays = 1e6 };
        HedonicModel model = HedonicModel.Fit(data, TraitPremiumAppraiserTests.Tiny.Day(8).DayNumber, options);

        double P(int token) => model.Premium(data.Features, token);
        (P(1) - P(0)).ShouldBe(0.4 - 1.0, 1e-5);   // red vs laser+none → red − laser
        (P(2) - P(3)).ShouldBe(0.1 - 0.0, 1e-5);   // blue vs none
        (P(4) - P(7)).ShouldBe(1.4 - 0.4, 1e-5);   // red+laser vs red
        (model.DayEffect(TraitPremiumAppraiserTests.Tiny.Day(6).DayNumber) - model.DayEffect(TraitPremiumAppraiserTests.Tiny.Day(5).DayNumber)).ShouldBe(0.3, 1e-5);
        (model.DayEffect(TraitPremiumAppraiserTests.Tiny.Day(7).DayNumber) - model.DayEffect(TraitPremiumAppraiserTests.Tiny.Day(5).DayNumber)).ShouldBe(-0.2, 1e-5);
        model.TrainingSales.ShouldBe(120);
        double.IsNaN(model.DayEffect(TraitPremiumAppraiserTests.Tiny.Day(8).DayNumber)).ShouldBeTrue(); // the refit day itself is not trained on
    }
}
