using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public sealed class CityModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    [BindProperty]
    public string? City { get; set; }

    public IReadOnlyList<Choice> Options { get; private set; } = [];

    public IReadOnlyList<string> NotYetOpen { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        City = Form.City;
        await LoadOptionsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        NoteHoneypot();
        var cities = await LoadOptionsAsync(ct);
        var chosen = cities.SingleOrDefault(c => c.Slug == City);
        if (chosen is null || !chosen.OpenGroupTypes().Any())
        {
            this.AddError(nameof(City), T["Error_City_Required"]);
            return Page();
        }

        if (Form.City != chosen.Slug && ParseType(Form.GroupType) is { } type && !chosen.IsOpenFor(type))
        {
            Form.GroupType = null;
        }

        Form.City = chosen.Slug;
        await SaveAsync(ct);
        return ToStep("/aanmelden/soort");
    }

    private async Task<List<City>> LoadOptionsAsync(CancellationToken ct)
    {
        var cities = await Db.Cities.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
        Options = [.. cities.Where(c => c.OpenGroupTypes().Any()).Select(c => new Choice(
            c.Slug,
            c.Name,
            T["SignUp_City_OpenFor", string.Join(", ", c.OpenGroupTypes().Select(type => T[$"GroupType_{type}"].Value.ToLowerInvariant()))]))];
        NotYetOpen = [.. cities.Where(c => !c.OpenGroupTypes().Any()).Select(c => c.Name)];
        return cities;
    }
}
