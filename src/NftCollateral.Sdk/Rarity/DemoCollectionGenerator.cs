namespace NftCollateral.Sdk.Rarity;

/// <summary>
/// A synthetic collection generated in code, deterministically, with realistic trait distributions: eight trait types,
/// Zipf-like value frequencies, traits that many tokens lack, and a few one-of-one values.
/// </summary>
/// <remarks>The same seed and size always give the same collection, on every platform and runtime. Thread-safe.</remarks>
public static class DemoCollectionGenerator
{
    /// <summary>The collection name.</summary>
    public const string Name = "Demo Apes (synthetic)";

    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20261121;

    /// <summary>The default number of tokens.</summary>
    public const int DefaultTokenCount = 5000;

    private static readonly TraitSpec[] Specs =
    [
        new("Background", 1.0, 0.9, ["Blue", "Orange", "Aquamarine", "Gray", "Yellow", "Army Green", "New Punk Blue", "Purple"]),
        new("Fur", 1.0, 1.0, ["Brown", "Gray", "Dark Brown", "Black", "Golden Brown", "Cream", "Tan", "Pink", "Red", "Blue", "White", "Zombie", "Robot", "Cheetah", "Solid Gold", "Trippy"]),
        new("Eyes", 1.0, 1.1, ["Bored", "Closed", "Sleepy", "Robot", "Eyepatch", "Sad", "Zombie", "Coins", "Angry", "Crazy", "Heart", "Wide Eyed", "Sunglasses", "Hypnotized", "3d", "Bloodshot", "Cyborg", "Laser Eyes"]),
        new("Mouth", 1.0, 1.1, ["Bored", "Bored Unshaven", "Grin", "Discomfort", "Bored Cigarette", "Rage", "Small Grin", "Tongue Out", "Jovial", "Phoneme Oh", "Bored Pipe", "Dumbfounded", "Bored Kazoo", "Grin Gold Grill", "Bored Bubblegum", "Phoneme Wah"]),
        new("Clothes", 0.82, 1.15, ["Striped Tee", "Sailor Shirt", "Vietnam Jacket", "Tweed Suit", "Bone Necklace", "Navy Striped Tee", "Lumberjack Shirt", "Hawaiian", "Leather Jacket", "Sleeveless T", "Tanktop", "Work Vest", "Toga", "Wool Turtleneck", "Guayabera", "Prison Jumpsuit", "Hip Hop", "Rainbow Suspenders", "Service", "Lab Coat", "Biker Vest", "Smoking Jacket", "Puffy Vest", "Space Suit", "Bayc T Black", "Stunt Jacket", "Tuxedo Tee", "Admirals Coat", "Black Suit", "Kings Robe"]),
        new("Headwear", 0.74, 1.2, ["Bayc Hat Black", "Fisherman's Hat", "Sea Captain's Hat", "Beanie", "Short Mohawk", "Bandana Blue", "Cowboy Hat", "Army Hat", "Stuntman Helmet", "Party Hat 1", "Horns", "Fez", "Commie Hat", "Seaman's Hat", "Bunny Ears", "Safari", "Vietnam Era Helmet", "Halo", "Girl's Hair Pink", "Irish Boho", "Spinner Hat", "Police Motorcycle Helmet", "Ww2 Pilot Helm", "Laurel Wreath", "Sushi Chef Headband", "Trippy Captain's Hat", "Bowler", "King's Crown"]),
        new("Earring", 0.28, 1.0, ["Silver Stud", "Silver Hoop", "Gold Stud", "Gold Hoop", "Cross", "Diamond Stud"]),
        new("Accessory", 0.12, 1.3, ["Gold Chain", "Bow Tie", "Monocle", "Pearl Necklace", "Wristwatch", "Scarf", "Medal", "Cigar", "Rose", "Golden Compass"]),
    ];

    private static readonly string[] OneOfOnes = ["Genesis Crown", "Void Portal", "Glitch"];

    /// <summary>Generates the demo collection.</summary>
    /// <param name="tokenCount">The number of tokens (at least 1).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The tokens, ids <c>0</c> to <c>tokenCount - 1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenCount"/> is less than 1.</exception>
    public static IReadOnlyList<TokenTraits> Generate(int tokenCount = DefaultTokenCount, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenCount, 1);
        var random = new SplitMix64(seed);
        double[][] cumulative = Specs.Select(s => ZipfCumulative(s.Values.Length, s.Exponent)).ToArray();
        var tokens = new TokenTraits[tokenCount];
        for (int i = 0; i < tokenCount; i++)
        {
            var traits = new List<TraitValue>(Specs.Length);
            for (int t = 0; t < Specs.Length; t++)
            {
                TraitSpec spec = Specs[t];
                if (random.NextDouble() >= spec.Presence)
                {
                    continue;
                }

                int k = Array.BinarySearch(cumulative[t], random.NextDouble());
                k = k < 0 ? ~k : k;
                traits.Add(TraitValue.FromText(spec.Name, spec.Values[Math.Min(k, spec.Values.Length - 1)]));
            }

            tokens[i] = new TokenTraits(i.ToString(System.Globalization.CultureInfo.InvariantCulture), traits);
        }

        // A few one-of-one headwear pieces, placed deterministically.
        for (int j = 0; j < OneOfOnes.Length && j < tokenCount; j++)
        {
            int index = (int)(random.Next() % (ulong)tokenCount);
            var traits = tokens[index].Traits.Where(v => v.TraitType != "Headwear").ToList();
            traits.Add(TraitValue.FromText("Headwear", OneOfOnes[j]));
            tokens[index] = tokens[index] with { Traits = traits };
        }

        return tokens;
    }

    private static double[] ZipfCumulative(int count, double exponent)
    {
        var cumulative = new double[count];
        double total = 0;
        for (int k = 0; k < count; k++)
        {
            total += 1.0 / Math.Pow(k + 1, exponent);
            cumulative[k] = total;
        }

        for (int k = 0; k < count; k++)
        {
            cumulative[k] /= total;
        }

        return cumulative;
    }

    private sealed record TraitSpec(string Name, double Presence, double Exponent, string[] Values);

    /// <summary>SplitMix64: a tiny generator whose output is fixed by its definition, unlike <see cref="Random"/>.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
