using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SamenHier.Web.Features.PublicSite;

/// <summary>
/// The production error page and the page for 4xx status codes: no stack traces, no details. A client
/// that asks for JSON gets the same as ProblemDetails.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error_Title";

    public string TextKey { get; private set; } = "Error_Text";

    public IActionResult OnGet(int? code) => Respond(code);

    public IActionResult OnPost(int? code) => Respond(code);

    private IActionResult Respond(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        // Reached directly (not for a real error): a plain page.
        var status = failed ? 500 : reExecuted && code is { } c ? c : 200;
        (TitleKey, TextKey) = status switch
        {
            404 => ("Error_NotFound_Title", "Error_NotFound_Text"),
            400 or 405 or 415 => ("Error_BadRequest_Title", "Error_BadRequest_Text"),
            429 => ("Error_TooMany_Title", "Error_TooMany_Text"),
            200 => ("Error_NotFound_Title", "Error_NotFound_Text"),
            _ => ("Error_Title", "Error_Text"),
        };

        if (WantsJson())
        {
            var problem = new ProblemDetails
            {
                Status = status == 200 ? 404 : status,
                Title = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource>>()[TitleKey],
            };
            return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
        }

        return Page();
    }

    private bool WantsJson()
    {
        var accept = Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            || accept.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase);
    }
}
