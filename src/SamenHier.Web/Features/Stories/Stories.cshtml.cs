using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Localization;

namespace SamenHier.Web.Features.Stories;

/// <summary>The public stories (/verhalen) and one story (/verhalen/{slug}), in the reader's language: only published ones within their consent.</summary>
[AllowAnonymous]
public sealed class StoriesModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record View(string Slug, string Title, string Body);

    public IReadOnlyList<View> All { get; private set; } = [];

    public View? One { get; private set; }

    /// <summary>The start of a story for the list: whole words, at most about 240 characters.</summary>
    public string Excerpt(string body)
    {
        if (body.Length <= 240)
        {
            return body;
        }

        var cut = body.LastIndexOf(' ', 240);
        return body[..(cut > 0 ? cut : 240)].TrimEnd() + " …";
    }

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        var today = time.TodayInNetherlands();
        var english = LocalizationSetup.Current == "en";
        var visible = db.Stories.AsNoTracking().Where(s => s.Published && s.ConsentGivenOn <= today && s.ConsentEndsOn >= today);
        if (slug is not null)
        {
            var story = await visible.SingleOrDefaultAsync(s => s.Slug == slug, ct);
            if (story is null)
            {
                return NotFound();
            }

            One = new View(story.Slug, english ? story.TitleEn : story.TitleNl, english ? story.BodyEn : story.BodyNl);
            return Page();
        }

        All = [.. (await visible.ToListAsync(ct))
            .OrderByDescending(s => s.ConsentGivenOn).ThenBy(s => s.Slug, StringComparer.Ordinal)
            .Select(s => new View(s.Slug, english ? s.TitleEn : s.TitleNl, english ? s.BodyEn : s.BodyNl))];
        return Page();
    }
}
