using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SamenHier.Web.Features.PublicSite;

/// <summary>The production error page and the page for 4xx status codes: no stack traces, no details.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error_Title";

    public string TextKey { get; private set; } = "Error_Text";

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        // Re-executed for a status code: keep that code. Reached directly: a plain page.
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? 200 : 500);
        (TitleKey, TextKey) = status switch
        {
            404 => ("Error_NotFound_Title", "Error_NotFound_Text"),
            400 => ("Error_BadRequest_Title", "Error_BadRequest_Text"),
            429 => ("Error_TooMany_Title", "Error_TooMany_Text"),
            405 => ("Error_BadRequest_Title", "Error_BadRequest_Text"),
            _ => ("Error_Title", "Error_Text"),
        };
        if (code is not null && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = 200;
        }
    }
}
