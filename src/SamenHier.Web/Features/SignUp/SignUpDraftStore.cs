using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.SignUp;

/// <summary>Loads and saves the visitor's sign-up draft; the cookie holds only a random id.</summary>
public sealed class SignUpDraftStore(AppDbContext db, TimeProvider time, IOptions<SignUpOptions> options)
{
    private const string CookieName = "samenhier-aanmelding";

    private SignUpDraft? _draft;

    public async Task<SignUpForm> LoadAsync(HttpContext http, CancellationToken ct)
    {
        _draft = null;
        if (http.Request.Cookies.TryGetValue(Infrastructure.Security.AppCookies.Name(http, CookieName), out var raw) && Guid.TryParse(raw, out var id))
        {
            var oldest = time.GetUtcNow().AddHours(-options.Value.DraftLifetimeHours);
            _draft = await db.SignUpDrafts.SingleOrDefaultAsync(d => d.Id == id && d.UpdatedAt > oldest, ct);
        }

        if (_draft is null)
        {
            return new SignUpForm();
        }

        return JsonSerializer.Deserialize<SignUpForm>(_draft.Data) ?? new SignUpForm();
    }

    /// <summary>When the draft was started; the bot check compares it with the moment of submitting.</summary>
    public DateTimeOffset? StartedAt => _draft?.CreatedAt;

    public async Task SaveAsync(HttpContext http, SignUpForm form, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var json = JsonSerializer.Serialize(form);
        if (_draft is null)
        {
            _draft = new SignUpDraft { Id = Guid.NewGuid(), Data = json, CreatedAt = now, UpdatedAt = now };
            db.SignUpDrafts.Add(_draft);
        }
        else
        {
            _draft.Data = json;
            _draft.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        // Renewed on every step: the draft lives a day from the last change, not from the first.
        http.Response.Cookies.Append(Infrastructure.Security.AppCookies.Name(http, CookieName), _draft.Id.ToString(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Infrastructure.Security.AppCookies.Secure(http),
            MaxAge = TimeSpan.FromHours(options.Value.DraftLifetimeHours),
        });
    }

    /// <summary>Marks the draft for removal; the caller's SaveChanges commits it with the new group.</summary>
    public void Discard()
    {
        if (_draft is not null)
        {
            db.SignUpDrafts.Remove(_draft);
        }
    }

    /// <summary>After the draft's removal is committed: the browser forgets it too.</summary>
    public static void ForgetCookie(HttpContext http) =>
        http.Response.Cookies.Delete(Infrastructure.Security.AppCookies.Name(http, CookieName), new CookieOptions { Secure = Infrastructure.Security.AppCookies.Secure(http) });
}
