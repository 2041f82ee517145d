using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.SignUp;

public sealed class StartModel(SignUpDraftStore drafts, SignUpService signUp, AppDbContext db, IStringLocalizer<SharedResource> t, TimeProvider time)
    : SignUpPageModel(drafts, signUp, db, t, time)
{
    public bool HasDraft { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        HasDraft = Form.City is not null;
    }
}
