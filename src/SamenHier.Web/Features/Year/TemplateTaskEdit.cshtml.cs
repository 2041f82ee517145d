using Microsoft.AspNetCore.Authorization;
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

/// <summary>Adds a task to a city's template, or changes or removes one.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class TemplateTaskEditModel(AppDbContext db, CurrentStaff staff, IStringLocalizer<SharedResource> t) : PageModel
{
    public City City { get; private set; } = null!;

    public GroupType Type { get; private set; }

    public TemplateTask? Task { get; private set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Section { get; set; }

    [BindProperty]
    public string? Days { get; set; }

    [BindProperty]
    public string? When { get; set; }

    [BindProperty]
    public List<string> Newcomer { get; set; } = [];

    [BindProperty]
    public string? Article { get; set; }

    public IReadOnlyList<Choice> SectionChoices => [.. Plans.SectionsFor(Type).Select(s => new Choice(s.ToString(), t[$"PlanSection_{s}"]))];

    public IReadOnlyList<Choice> WhenChoices => PlanTiming.WhenChoices(t);

    public IReadOnlyList<Choice> NewcomerChoices => [new("yes", t["PlanTask_InvolvesNewcomer"])];

    public IReadOnlyList<Choice> ArticleChoices { get; private set; } = [];

    public string BackLink => $"/beheer/sjablonen?stad={City.Slug}&soort={Type}";

    public async Task<IActionResult> OnGetAsync(Guid? id, string? stad, string? soort, CancellationToken ct)
    {
        if (!await LoadAsync(id, stad, soort, ct))
        {
            return NotFound();
        }

        When = PlanTiming.After;
        if (Task is { } x)
        {
            Title = x.Title;
            Section = x.Section.ToString();
            (Days, When) = PlanTiming.ToFields(x.OffsetDays);
            Newcomer = x.InvolvesNewcomer ? ["yes"] : [];
            Article = x.ArticleId?.ToString();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? stad, string? soort, CancellationToken ct)
    {
        if (!await LoadAsync(id, stad, soort, ct))
        {
            return NotFound();
        }

        this.CheckText(t, nameof(Title), Title, Limits.Title, "Error_PlanTask_Title");
        if (!Enum.TryParse<PlanSection>(Section, out var section) || !Plans.SectionsFor(Type).Contains(section))
        {
            this.AddError(nameof(Section), t["Error_PlanTask_Section"]);
        }

        var offset = PlanTiming.Parse(this, t, nameof(Days), Days, When);
        Guid? article = null;
        if (!string.IsNullOrEmpty(Article))
        {
            if (Guid.TryParse(Article, out var a) && ArticleChoices.Any(c => c.Value == a.ToString()))
            {
                article = a;
            }
            else
            {
                this.AddError(nameof(Article), t["Error_Choice_Unknown"]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var task = Task is null ? null : await db.TemplateTasks.SingleAsync(x => x.Id == Task.Id, ct);
        if (task is null)
        {
            var cityId = City.Id;
            var last = await db.TemplateTasks.Where(x => x.CityId == cityId && x.GroupType == Type).MaxAsync(x => (int?)x.Position, ct) ?? -1;
            task = new TemplateTask { Id = Guid.NewGuid(), CityId = City.Id, GroupType = Type, Title = "", Position = last + 1 };
            db.TemplateTasks.Add(task);
        }

        task.Title = TextRules.Clean(Title)!;
        task.Section = section;
        task.OffsetDays = offset;
        task.InvolvesNewcomer = Newcomer.Contains("yes");
        task.ArticleId = article;
        await db.SaveChangesAsync(ct);
        return Redirect(BackLink + "&melding=opgeslagen");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, null, ct) || Task is null)
        {
            return NotFound();
        }

        await db.TemplateTasks.Where(x => x.Id == id).ExecuteDeleteAsync(ct);
        return Redirect(BackLink + "&melding=opgeslagen");
    }

    private async Task<bool> LoadAsync(Guid? id, string? stad, string? soort, CancellationToken ct)
    {
        var cities = await staff.CityIdsAsync(ct);
        int cityId;
        if (id is { } taskId)
        {
            Task = await db.TemplateTasks.AsNoTracking().SingleOrDefaultAsync(x => x.Id == taskId && cities.Contains(x.CityId), ct);
            if (Task is null)
            {
                return false;
            }

            (cityId, Type) = (Task.CityId, Task.GroupType);
        }
        else
        {
            // Without a city or kind named, the first of the person's cities and sponsor groups.
            var found = await db.Cities.AsNoTracking().Where(c => cities.Contains(c.Id) && (stad == null || c.Slug == stad)).OrderBy(c => c.SortOrder).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (found is null || !Enum.TryParse<GroupType>(soort ?? nameof(GroupType.Sponsor), out var type) || !Enum.IsDefined(type))
            {
                return false;
            }

            (cityId, Type) = (found.Value, type);
        }

        City = await db.Cities.AsNoTracking().SingleAsync(c => c.Id == cityId, ct);
        ArticleChoices = [.. (await db.KnowledgeArticles.AsNoTracking().Where(a => a.CityId == cityId).OrderBy(a => a.Section).ThenBy(a => a.Title).ToListAsync(ct))
            .Select(a => new Choice(a.Id.ToString(), $"{t[$"PlanSection_{a.Section}"]}: {a.Title}"))];
        return true;
    }
}
