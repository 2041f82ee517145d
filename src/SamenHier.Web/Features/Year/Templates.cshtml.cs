using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Cities;

namespace SamenHier.Web.Features.Year;

/// <summary>
/// A city's plan templates, one per group type: what every new plan starts from. A city without its
/// own uses the standard template; coordinators copy it and make it their own.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class TemplatesModel(AppDbContext db, CurrentStaff staff, Plans plans) : PageModel
{
    public IReadOnlyList<City> Cities { get; private set; } = [];

    public City? City { get; private set; }

    public GroupType Type { get; private set; }

    public IReadOnlyList<TemplateTask> Tasks { get; private set; } = [];

    /// <summary>The standard template for this group type, shown while the city has none of its own.</summary>
    public IReadOnlyList<(PlanSection Section, string Title, int Offset, bool Newcomer)> Standard { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Articles { get; private set; } = new Dictionary<Guid, string>();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? stad, string? soort, string? melding, CancellationToken ct)
    {
        Notice = melding is "opgeslagen" ? "Templates_Saved" : null;
        return await LoadAsync(stad, soort, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCopyAsync(string? stad, string? soort, CancellationToken ct)
    {
        if (!await LoadAsync(stad, soort, ct) || City is null)
        {
            return NotFound();
        }

        if (Tasks.Count == 0)
        {
            db.TemplateTasks.AddRange(Standard.Select((x, i) => new TemplateTask
            {
                Id = Guid.NewGuid(),
                CityId = City.Id,
                GroupType = Type,
                Section = x.Section,
                Title = x.Title,
                OffsetDays = x.Offset,
                InvolvesNewcomer = x.Newcomer,
                Position = i,
            }));
            await db.SaveChangesAsync(ct);
        }

        return Redirect($"/beheer/sjablonen?stad={City.Slug}&soort={Type}&melding=opgeslagen");
    }

    private async Task<bool> LoadAsync(string? stad, string? soort, CancellationToken ct)
    {
        var ids = await staff.CityIdsAsync(ct);
        Cities = await db.Cities.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.SortOrder).ToListAsync(ct);
        City = stad is null ? (Cities.Count > 0 ? Cities[0] : null) : Cities.FirstOrDefault(c => c.Slug == stad);
        if (soort is null)
        {
            Type = GroupType.Sponsor;
        }
        else if (!Enum.TryParse<GroupType>(soort, out var type) || !Enum.IsDefined(type))
        {
            return false;
        }
        else
        {
            Type = type;
        }

        if (City is null)
        {
            return stad is null;
        }

        var cityId = City.Id;
        Tasks = await db.TemplateTasks.AsNoTracking().Where(x => x.CityId == cityId && x.GroupType == Type)
            .OrderBy(x => x.Section).ThenBy(x => x.OffsetDays == null).ThenBy(x => x.OffsetDays).ThenBy(x => x.Position).ToListAsync(ct);
        Standard = [.. Plans.StandardTemplate.Where(x => x.Type == Type).Select(x => (x.Section, plans.StandardTitle(Type, x.Key), x.Offset, x.Newcomer))];
        Articles = await db.KnowledgeArticles.Where(a => a.CityId == cityId).ToDictionaryAsync(a => a.Id, a => a.Title, ct);
        return true;
    }
}
