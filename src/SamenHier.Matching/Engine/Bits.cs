using System.Numerics;

namespace SamenHier.Matching.Engine;

/// <summary>
/// A set of small integers as bits, for counting what two sides share without allocating: the
/// engine scores millions of pairs.
/// </summary>
internal readonly struct Bits
{
    // The first 64 values in a field (almost always all of them), the rest in an array.
    private readonly ulong _first;
    private readonly ulong[]? _rest;

    private Bits(ulong first, ulong[]? rest)
    {
        _first = first;
        _rest = rest;
    }

    /// <summary>The first 64 values: the whole set when the run's vocabulary fits one word (see <see cref="Vocabulary.Words"/>).</summary>
    public ulong First => _first;

    public static Bits Of(IEnumerable<string> values, Vocabulary vocabulary)
    {
        var words = new ulong[vocabulary.Words];
        foreach (var value in values)
        {
            var index = vocabulary.IndexOf(value);
            words[index >> 6] |= 1UL << (index & 63);
        }

        return new Bits(words[0], words.Length > 1 ? words[1..] : null);
    }

    public int CountShared(Bits other)
    {
        var count = BitOperations.PopCount(_first & other._first);
        if (_rest is not null && other._rest is not null)
        {
            for (var i = 0; i < _rest.Length; i++)
            {
                count += BitOperations.PopCount(_rest[i] & other._rest[i]);
            }
        }

        return count;
    }

    public bool Overlaps(Bits other)
    {
        if ((_first & other._first) != 0)
        {
            return true;
        }

        if (_rest is not null && other._rest is not null)
        {
            for (var i = 0; i < _rest.Length; i++)
            {
                if ((_rest[i] & other._rest[i]) != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public bool IsSubsetOf(Bits other)
    {
        if ((_first & ~other._first) != 0)
        {
            return false;
        }

        if (_rest is not null && other._rest is not null)
        {
            for (var i = 0; i < _rest.Length; i++)
            {
                if ((_rest[i] & ~other._rest[i]) != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>Every distinct value of one run, numbered, so sets become <see cref="Bits"/>.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public Vocabulary(IEnumerable<string> values)
    {
        foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            _index[value] = _index.Count;
        }
    }

    public int Words => Math.Max(1, (_index.Count + 63) / 64);

    public int IndexOf(string value) => _index[value];
}
