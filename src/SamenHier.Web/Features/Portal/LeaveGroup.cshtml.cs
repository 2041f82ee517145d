using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Portal;

/// <summary>
/// A member withdraws their consent and leaves their group (art. 7(3) AVG). It takes effect at once:
/// their future training places are given up, their personal data is erased as the retention job would,
/// the group no longer waits for them, and the coordinators of the city and the group's community
/// builder are told that a member left (never who or why) so they can talk with the group.
/// </summary>
[Authorize(Policy = Policies.GroupMember)]
public sealed class LeaveGroupModel(
    AppDbContext db,
    CurrentStaff me,
    MemberLeaving leaving,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public List<string> Confirm { get; set; } = [];

    public IReadOnlyList<Choice> ConfirmChoices => [new("yes", t["LeaveGroup_Confirm"])];

    /// <summary>The group's name (or its label) while the member is in it.</summary>
    public string? GroupLabel { get; private set; }

    public bool Left { get; private set; }

    /// <summary>The only member still in the group: leaving is the coordinator's withdrawal of the group.</summary>
    public bool Last { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (GroupLabel is null || Last)
        {
            return Page();
        }

        if (!Confirm.Contains("yes"))
        {
            this.AddError(nameof(Confirm), t["Error_LeaveGroup_Confirm"]);
            return Page();
        }

        switch (await leaving.LeaveAsync(me.Id, ct))
        {
            case MemberLeaving.Outcome.Conflict:
                this.AddError(nameof(Confirm), t["Error_LeaveGroup_Conflict"]);
                return Page();
            case MemberLeaving.Outcome.LastMember:
                await LoadAsync(ct);
                return Page();
            case MemberLeaving.Outcome.NotAllowed:
                return NotFound();
        }

        // The account may be gone with the membership; the cookie goes in any case.
        await signIn.SignOutAsync();
        Left = true;
        GroupLabel = null;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var group = await PortalScope.MemberGroupAsync(db, me.Id, ct);
        GroupLabel = group is null || !MemberLeaving.CanLeave(group) ? null : SignUp.SignUpService.Label(group, t);
        Last = group is not null && MemberLeaving.IsLast(group, me.Id);
    }
}
