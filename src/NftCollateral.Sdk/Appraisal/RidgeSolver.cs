namespace NftCollateral.Sdk.Appraisal;

/// <summary>Solves the normal equations of a (weighted, ridge-penalised) least-squares fit by Cholesky factorisation.</summary>
internal static class RidgeSolver
{
    /// <summary>
    /// Solves <c>A x = b</c> in place for a symmetric positive-definite <paramref name="a"/> (row-major,
    /// <paramref name="n"/> × <paramref name="n"/>; only the lower triangle is read, and it is overwritten by the factor).
    /// </summary>
    /// <returns><see langword="false"/> when <paramref name="a"/> is not positive definite (nothing useful in <paramref name="b"/>).</returns>
    public static bool TrySolve(Span<double> a, Span<double> b, int n)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, n);
            double s = rowJ[j];
            for (int k = 0; k < j; k++)
            {
                s -= rowJ[k] * rowJ[k];
            }

            if (!(s > 0) || !double.IsFinite(s))
            {
                return false;
            }

            double l = Math.Sqrt(s);
            rowJ[j] = l;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, n);
                double t = rowI[j];
                for (int k = 0; k < j; k++)
                {
                    t -= rowI[k] * rowJ[k];
                }

                rowI[j] = t / l;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double t = b[i];
            for (int k = 0; k < i; k++)
            {
                t -= a[(i * n) + k] * b[k];
            }

            b[i] = t / a[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double t = b[i];
            for (int k = i + 1; k < n; k++)
            {
                t -= a[(k * n) + i] * b[k];
            }

            b[i] = t / a[(i * n) + i];
        }

        return true;
    }
}
