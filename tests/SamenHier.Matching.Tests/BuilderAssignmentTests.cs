using SamenHier.Matching.Engine;

namespace SamenHier.Matching.Tests;

/// <summary>Community builders for matched groups: as many as possible, within capacity, by language and place.</summary>
public sealed class BuilderAssignmentTests
{
    private static HashSet<string> Set(params string[] values) => [.. values];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AgreesWithBruteForce_AndKeepsEveryRule(int seed)
    {
        var random = new Random(seed);
        string[] towns = ["Almere", "Haarlem"];
        string[] languages = ["ar", "ti", "fa", "en"];
        var needs = Enumerable.Range(0, 6).Select(n => new BuilderAssignment.Need(
            $"g{n}", towns[random.Next(2)], Set(languages[random.Next(4)], languages[random.Next(4)]))).ToList();
        var builders = Enumerable.Range(0, 3).Select(k => new Builder(
            $"b{k}", Set(towns[random.Next(2)]), Set(languages[random.Next(4)], languages[random.Next(4)]), 1 + random.Next(2))).ToList();

        var result = BuilderAssignment.Solve(needs, builders);

        // Brute force: every way to give each need a builder or none, within capacity; most assigned, then most shared languages.
        var best = (Assigned: 0, Shared: 0L);
        var left = builders.Select(b => b.FreeCapacity).ToArray();
        void Visit(int n, int assigned, long shared)
        {
            if (n == needs.Count)
            {
                if (assigned > best.Assigned || (assigned == best.Assigned && shared > best.Shared))
                {
                    best = (assigned, shared);
                }

                return;
            }

            Visit(n + 1, assigned, shared);
            for (var k = 0; k < builders.Count; k++)
            {
                var common = builders[k].Languages.Count(needs[n].Languages.Contains);
                if (left[k] > 0 && builders[k].Municipalities.Contains(needs[n].Municipality) && common > 0)
                {
                    left[k]--;
                    Visit(n + 1, assigned + 1, shared + common);
                    left[k]++;
                }
            }
        }

        Visit(0, 0, 0);
        Assert.Equal(best, (result.BuilderOfGroup.Count, result.SharedLanguages));
        var byId = builders.ToDictionary(b => b.Id);
        foreach (var (group, builder) in result.BuilderOfGroup)
        {
            var need = needs.Single(n => n.GroupId == group);
            Assert.Contains(need.Municipality, byId[builder].Municipalities);
            Assert.True(byId[builder].Languages.Overlaps(need.Languages));
        }

        Assert.All(result.BuilderOfGroup.GroupBy(x => x.Value), load => Assert.True(load.Count() <= byId[load.Key].FreeCapacity));
        Assert.Equal(needs.Count, result.BuilderOfGroup.Count + result.Unassigned.Count);
    }
}
