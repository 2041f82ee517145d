using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.NewcomerPortal;

/// <summary>
/// "I need help": the confidential channel. What the newcomer writes reaches only their community
/// builder and the coordinator, with a date to follow it up by; the group never sees it.
/// </summary>
[Authorize(Policy = Policies.Newcomer)]
public sealed class NeedHelpModel(CurrentStaff me, YearService year, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Message { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!this.CheckText(t, nameof(Message), Message, Limits.Note, "Error_Newcomer_Help", multiline: true))
        {
            return Page();
        }

        return await year.RaiseNewcomerConcernAsync(me.Id, TextRules.Clean(Message)!, ct)
            ? Redirect("/nieuwkomer?melding=hulp")
            : NotFound();
    }
}
