using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Year;

/// <summary>Adds a page to a city's knowledge base, or changes or removes one (coordinators of that city).</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class KnowledgeEditModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public City City { get; private set; } = null!;

    public KnowledgeArticle? Article { get; private set; }

    [BindProperty]
    public string? Section { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Link { get; set; }

    [BindProperty]
    public Guid Stamp { get; set; }

    public IReadOnlyList<Choice> SectionChoices => [.. Enum.GetValues<PlanSection>().Select(s => new Choice(s.ToString(), t[$"PlanSection_{s}"]))];

    public async Task<IActionResult> OnGetAsync(Guid? id, string? stad, CancellationToken ct)
    {
        if (!await LoadAsync(id, stad, ct))
        {
            return NotFound();
        }

        if (Article is { } a)
        {
            (Section, Title, Body, Link, Stamp) = (a.Section.ToString(), a.Title, a.Body, a.Link, a.ConcurrencyStamp);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? stad, CancellationToken ct)
    {
        if (!await LoadAsync(id, stad, ct))
        {
            return NotFound();
        }

        if (!Enum.TryParse<PlanSection>(Section, out var section) || !Enum.IsDefined(section))
        {
            this.AddError(nameof(Section), t["Error_PlanTask_Section"]);
        }

        this.CheckText(t, nameof(Title), Title, Limits.Title, "Error_Knowledge_Title");
        this.CheckText(t, nameof(Body), Body, Limits.Message, "Error_Knowledge_Body", multiline: true);
        if (this.CheckText(t, nameof(Link), Link, Limits.Link, null) && !string.IsNullOrWhiteSpace(Link) && !IsWebAddress(Link.Trim()))
        {
            this.AddError(nameof(Link), t["Error_Knowledge_Link"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = (await staff.UserAsync(users))?.DisplayName ?? "?";
        var article = Article is null ? null : await db.KnowledgeArticles.SingleAsync(a => a.Id == Article.Id, ct);
        if (article is null)
        {
            article = new KnowledgeArticle { Id = Guid.NewGuid(), CityId = City.Id, Title = "", Body = "", UpdatedBy = me };
            db.KnowledgeArticles.Add(article);
        }
        else if (article.ConcurrencyStamp != Stamp)
        {
            this.AddError(nameof(Title), t["Error_Conflict"]);
            Stamp = article.ConcurrencyStamp;
            return Page();
        }

        article.Section = section;
        article.Title = TextRules.Clean(Title)!;
        article.Body = TextRules.Clean(Body)!;
        article.Link = TextRules.Clean(Link);
        article.UpdatedAt = time.GetUtcNow();
        article.UpdatedBy = me;
        article.ConcurrencyStamp = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            this.AddError(nameof(Title), t["Error_Conflict"]);
            return Page();
        }

        return Redirect($"/beheer/kennisbank?stad={City.Slug}&melding=opgeslagen");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct) || Article is null)
        {
            return NotFound();
        }

        // Tasks and templates that linked to it keep their text; only the link goes.
        await db.PlanTasks.Where(x => x.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ArticleId, (Guid?)null), ct);
        await db.TemplateTasks.Where(x => x.ArticleId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ArticleId, (Guid?)null), ct);
        await db.KnowledgeArticles.Where(a => a.Id == id).ExecuteDeleteAsync(ct);
        return Redirect($"/beheer/kennisbank?stad={City.Slug}&melding=verwijderd");
    }

    /// <summary>An absolute http or https address: nothing else becomes a link on a page.</summary>
    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !string.IsNullOrEmpty(uri.Host);

    private async Task<bool> LoadAsync(Guid? id, string? stad, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        if (id is { } articleId)
        {
            Article = await db.KnowledgeArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId && cities.Contains(a.CityId), ct);
            if (Article is null)
            {
                return false;
            }

            City = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == Article.CityId, ct);
            return true;
        }

        // Without a city named, the first of the person's cities.
        var city = await db.Cities.AsNoTracking().Where(c => cities.Contains(c.Id) && (stad == null || c.Slug == stad)).OrderBy(c => c.SortOrder).FirstOrDefaultAsync(ct);
        if (city is null)
        {
            return false;
        }

        City = city;
        return true;
    }
}
