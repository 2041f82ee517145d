using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Backoffice;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.CommunityBuilders;

/// <summary>One community builder: their current groups, and the languages and capacity a coordinator keeps up to date.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class BuilderModel(AppDbContext db, CurrentStaff staff, UserManager<AppUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxCapacity = 20;

    public sealed record GroupRow(Guid Id, string Name, string City, GroupStage Stage);

    public sealed class ProfileInput
    {
        public List<string> Languages { get; set; } = [];

        public string? Capacity { get; set; }

        public string? Stamp { get; set; }
    }

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public BuilderLoad.Row Builder { get; private set; } = null!;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public bool Saved { get; private set; }

    public IReadOnlyList<Choice> LanguageChoices => [.. SignUp.SignUpOptions.Languages.Select(l => new Choice(l, t[$"Language_{l}"]))];

    public async Task<IActionResult> OnGetAsync(Guid id, bool opgeslagen, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        Saved = opgeslagen;
        Input = new ProfileInput
        {
            Languages = [.. BuilderLoad.Split(user.Languages)],
            Capacity = user.GroupCapacity.ToString(CultureInfo.InvariantCulture),
            Stamp = user.ConcurrencyStamp,
        };
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }

        if (Input.Languages.Any(l => !SignUp.SignUpOptions.Languages.Contains(l)))
        {
            this.AddError("Input.Languages", t["Error_Choice_Unknown"]);
        }

        if (!int.TryParse(Input.Capacity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) || capacity > MaxCapacity)
        {
            this.AddError("Input.Capacity", t["Error_Capacity", MaxCapacity]);
        }

        if (ModelState.IsValid && user.ConcurrencyStamp != Input.Stamp)
        {
            this.AddError("Input.Languages", t["Error_ConflictBuilder"] + " " + await Audit.LatestChangeAsync(db, t, "staff", id.ToString("N"), ct));
            Input.Stamp = user.ConcurrencyStamp;
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct);
            return Page();
        }

        user.Languages = string.Join(',', SignUp.SignUpOptions.Languages.Where(Input.Languages.Contains));
        user.GroupCapacity = capacity;
        var me = await staff.UserAsync(users);
        Audit.Record(db, time, me?.Id, me?.DisplayName ?? "?", "staff", id.ToString("N"), "ProfileChanged", Audit.ChangedFields<AppUser>(db));
        // UpdateAsync checks and renews the concurrency stamp: a save in between makes it fail.
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            this.AddError("Input.Languages", t["Error_ConflictBuilder"] + " " + await Audit.LatestChangeAsync(db, t, "staff", id.ToString("N"), ct));
            Input.Stamp = (await FindAsync(id, ct))?.ConcurrencyStamp;
            await LoadAsync(id, ct);
            return Page();
        }

        return Redirect($"/beheer/community-bouwers/{id}?opgeslagen=true");
    }

    /// <summary>A community builder within the viewer's scope, or nothing.</summary>
    private async Task<AppUser?> FindAsync(Guid id, CancellationToken ct) =>
        await (await staff.CommunityBuildersAsync(ct)).SingleOrDefaultAsync(u => u.Id == id, ct);

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Builder = (await BuilderLoad.RowsAsync(db, (await staff.CommunityBuildersAsync(ct)).Where(u => u.Id == id), t, ct)).Single();
        // Only the groups the viewer may see anyway: a builder working in two cities shows a coordinator of one only that city's groups.
        var groups = await BuilderLoad.Active(await staff.GroupsAsync(ct))
            .Where(g => g.CommunityBuilderId == id)
            .Include(g => g.City)
            .Include(g => g.Members)
            .AsNoTracking()
            .OrderBy(g => g.CreatedAt)
            .ToListAsync(ct);
        Groups = [.. groups.Select(g => new GroupRow(g.Id, g.Name ?? t["Groups_Unnamed"].Value, g.City?.Name ?? "", GroupReadiness.Stage(g)))];
    }
}
