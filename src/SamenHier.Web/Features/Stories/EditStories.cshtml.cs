using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
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
public sealed class EditStoriesModel(AppDbContext db, UserManager<AppUser> users, TimeProvider time, IOptions<Privacy.RetentionOptions> retention, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Months after its consent ended before a story is deleted by the retention job.</summary>
    public int StoryMonths => retention.Value.StoryMonths;

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

    public async Task<IActionResult> OnGetAsync(Guid? id, bool opgeslagen, bool verwijderd, CancellationToken ct)
    {
        await LoadAsync(ct);
        Saved = opgeslagen;
        Deleted = verwijderd;
        if (id is { } storyId)
        {
            Editing = All.SingleOrDefault(s => s.Id == storyId);
            if (Editing is null)
            {
                return NotFound();
            }

            Input = InputFrom(Editing);
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

        var before = Editing is null ? null : Fields(Editing);
        story.TitleNl = TextRules.Clean(Input.TitleNl)!;
        story.BodyNl = TextRules.Clean(Input.BodyNl)!;
        story.TitleEn = TextRules.Clean(Input.TitleEn)!;
        story.BodyEn = TextRules.Clean(Input.BodyEn)!;
        story.ConsentFrom = TextRules.Clean(Input.ConsentFrom)!;
        story.ConsentGivenOn = given!.Value;
        story.ConsentEndsOn = ends!.Value;
        story.Published = Input.Published.Contains("yes");
        var me = await users.GetUserAsync(User);
        var changed = Fields(story).Where(f => before is null || before[f.Key] != f.Value).Select(f => f.Key).ToList();
        Backoffice.Audit.Record(db, time, me?.Id, me?.DisplayName ?? "", "story", story.Id.ToString("N"),
            before is null ? "Created" : before[nameof(Story.Published)] != Fields(story)[nameof(Story.Published)] ? (story.Published ? "Published" : "Unpublished") : "Changed", changed);
        story.UpdatedAt = time.GetUtcNow();
        story.UpdatedBy = me?.DisplayName ?? "";
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

    /// <summary>
    /// Deletes a story, text and all — when its consent is withdrawn, or it will not be used. The
    /// audit trail keeps that it existed and who deleted it, never its text.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(ct);
        Editing = await db.Stories.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (Editing is null)
        {
            return NotFound();
        }

        if (!DeleteConfirm.Contains("yes"))
        {
            this.AddError(nameof(DeleteConfirm), t["Error_Story_DeleteConfirm"]);
            Input = InputFrom(Editing);
            return Page();
        }

        var me = await users.GetUserAsync(User);
        db.Stories.Remove(Editing);
        Backoffice.Audit.Record(db, time, me?.Id, me?.DisplayName ?? "", "story", id.ToString("N"), "Deleted");
        await db.SaveChangesAsync(ct);
        return LocalRedirect("/beheer/verhalen?verwijderd=true");
    }

    /// <summary>The confirmation that a story is to be deleted.</summary>
    [BindProperty]
    public List<string> DeleteConfirm { get; set; } = [];

    public IReadOnlyList<Choice> DeleteChoices => [new("yes", t["EditStories_DeleteConfirm"])];

    public bool Deleted { get; private set; }

    private static StoryInput InputFrom(Story story) => new()
    {
        TitleNl = story.TitleNl,
        BodyNl = story.BodyNl,
        TitleEn = story.TitleEn,
        BodyEn = story.BodyEn,
        ConsentFrom = story.ConsentFrom,
        ConsentGivenOn = story.ConsentGivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ConsentEndsOn = story.ConsentEndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Published = story.Published ? ["yes"] : [],
        Version = story.Version,
    };

    /// <summary>What the audit trail compares: the fields' values (never written to it, only which changed).</summary>
    private static Dictionary<string, string> Fields(Story s) => new()
    {
        [nameof(Story.TitleNl)] = s.TitleNl,
        [nameof(Story.BodyNl)] = s.BodyNl,
        [nameof(Story.TitleEn)] = s.TitleEn,
        [nameof(Story.BodyEn)] = s.BodyEn,
        [nameof(Story.ConsentFrom)] = s.ConsentFrom,
        [nameof(Story.ConsentGivenOn)] = s.ConsentGivenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [nameof(Story.ConsentEndsOn)] = s.ConsentEndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [nameof(Story.Published)] = s.Published ? "yes" : "no",
    };

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
