using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Stories;

/// <summary>
/// National staff write and publish participants' stories: both languages, who consented, when, and
/// until when. A story shows on the public site only while published and within its consent.
/// </summary>
[Authorize(Policy = Policies.NationalStaff)]
public sealed class EditStoriesModel(AppDbContext db, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class StoryInput
    {
        public string? TitleNl { get; set; }

        public string? BodyNl { get; set; }

        public string? TitleEn { get; set; }

        public string? BodyEn { get; set; }

        public string? ConsentFrom { get; set; }

        public string? ConsentGivenOn { get; set; }

        public string? ConsentEndsOn { get; set; }

        public List<string> Published { get; set; } = [];

        public Guid Version { get; set; }
    }

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public IReadOnlyList<Story> All { get; private set; } = [];

    public Story? Editing { get; private set; }

    public DateOnly Today { get; private set; }

    public bool Saved { get; private set; }

    public IReadOnlyList<Choice> PublishChoices => [new("yes", t["EditStories_PublishYes"])];

    public async Task<IActionResult> OnGetAsync(Guid? id, bool opgeslagen, CancellationToken ct)
    {
        await LoadAsync(ct);
        Saved = opgeslagen;
        if (id is { } storyId)
        {
            Editing = All.SingleOrDefault(s => s.Id == storyId);
            if (Editing is null)
            {
                return NotFound();
            }

            Input = new StoryInput
            {
                TitleNl = Editing.TitleNl,
                BodyNl = Editing.BodyNl,
                TitleEn = Editing.TitleEn,
                BodyEn = Editing.BodyEn,
                ConsentFrom = Editing.ConsentFrom,
                ConsentGivenOn = Editing.ConsentGivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ConsentEndsOn = Editing.ConsentEndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Published = Editing.Published ? ["yes"] : [],
                Version = Editing.Version,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (id is { } storyId)
        {
            Editing = await db.Stories.SingleOrDefaultAsync(s => s.Id == storyId, ct);
            if (Editing is null)
            {
                return NotFound();
            }
        }

        this.CheckText(t, "Input.TitleNl", Input.TitleNl, Limits.Title, "Error_Story_Title");
        this.CheckText(t, "Input.BodyNl", Input.BodyNl, Limits.Message, "Error_Story_Body", multiline: true);
        this.CheckText(t, "Input.TitleEn", Input.TitleEn, Limits.Title, "Error_Story_Title");
        this.CheckText(t, "Input.BodyEn", Input.BodyEn, Limits.Message, "Error_Story_Body", multiline: true);
        this.CheckText(t, "Input.ConsentFrom", Input.ConsentFrom, Limits.Name, "Error_Story_ConsentFrom");
        var given = Date("Input.ConsentGivenOn", Input.ConsentGivenOn);
        var ends = Date("Input.ConsentEndsOn", Input.ConsentEndsOn);
        if (given is { } g && g > Today)
        {
            this.AddError("Input.ConsentGivenOn", t["Error_Story_ConsentFuture"]);
        }

        if (given is { } from && ends is { } until && until < from)
        {
            this.AddError("Input.ConsentEndsOn", t["Error_Story_ConsentEnds"]);
        }

        if (Editing is not null && Editing.Version != Input.Version)
        {
            this.AddError("Input.TitleNl", t["Error_Story_Conflict", Editing.UpdatedBy]);
            Input.Version = Editing.Version;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var story = Editing ?? new Story
        {
            Id = Guid.NewGuid(),
            Slug = await UniqueSlugAsync(TextRules.Clean(Input.TitleNl)!, ct),
            TitleNl = "",
            TitleEn = "",
            BodyNl = "",
            BodyEn = "",
            ConsentFrom = "",
            UpdatedBy = "",
        };
        if (Editing is not null && !Editing.Published && Editing.TitleNl != TextRules.Clean(Input.TitleNl))
        {
            // Unpublished, its address follows its title (a name taken out of the title leaves the address too).
            story.Slug = await UniqueSlugAsync(TextRules.Clean(Input.TitleNl)!, ct, except: story.Id);
        }

        story.TitleNl = TextRules.Clean(Input.TitleNl)!;
        story.BodyNl = TextRules.Clean(Input.BodyNl)!;
        story.TitleEn = TextRules.Clean(Input.TitleEn)!;
        story.BodyEn = TextRules.Clean(Input.BodyEn)!;
        story.ConsentFrom = TextRules.Clean(Input.ConsentFrom)!;
        story.ConsentGivenOn = given!.Value;
        story.ConsentEndsOn = ends!.Value;
        story.Published = Input.Published.Contains("yes");
        story.UpdatedAt = time.GetUtcNow();
        story.UpdatedBy = (await users.GetUserAsync(User))?.DisplayName ?? "";
        story.Version = Guid.NewGuid();
        if (Editing is null)
        {
            db.Stories.Add(story);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(story).ReloadAsync(ct);
            Input.Version = story.Version;
            this.AddError("Input.TitleNl", t["Error_Story_Conflict", story.UpdatedBy]);
            return Page();
        }
        catch (DbUpdateException)
        {
            // Another story took the same address in the same instant: nothing was saved.
            this.AddError("Input.TitleNl", t["Error_Story_TryAgain"]);
            return Page();
        }

        return RedirectToPage(new { id = story.Id, opgeslagen = true });
    }

    private DateOnly? Date(string key, string? value)
    {
        if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        this.AddError(key, t["Error_Date_Format"]);
        return null;
    }

    /// <summary>The Dutch title as an address word: lower case, accents dropped, other characters a dash; a number added when taken.</summary>
    private async Task<string> UniqueSlugAsync(string title, CancellationToken ct, Guid? except = null)
    {
        var kept = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            kept.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var slug = string.Join('-', kept.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length == 0 ? "verhaal" : slug[..Math.Min(slug.Length, 80)].Trim('-');
        var taken = await db.Stories.Where(s => s.Id != except && (s.Slug == slug || s.Slug.StartsWith(slug + "-"))).Select(s => s.Slug).ToListAsync(ct);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.TodayInNetherlands();
        All = [.. (await db.Stories.AsNoTracking().ToListAsync(ct)).OrderByDescending(s => s.ConsentGivenOn).ThenBy(s => s.Slug, StringComparer.Ordinal)];
    }
}
