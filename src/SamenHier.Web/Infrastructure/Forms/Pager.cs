namespace SamenHier.Web.Infrastructure.Forms;

/// <summary>Paging for a server-side list: which page links to show (first, last, and around the current page).</summary>
public sealed record Pager(int Current, int Pages, Func<int, string> Link)
{
    /// <summary>The page numbers to link, with null where pages are left out.</summary>
    public IEnumerable<int?> Shown()
    {
        int? previous = null;
        for (var p = 1; p <= Pages; p++)
        {
            if (p == 1 || p == Pages || Math.Abs(p - Current) <= 2)
            {
                if (previous is { } last && p - last > 1)
                {
                    yield return null;
                }

                yield return p;
                previous = p;
            }
        }
    }
}
