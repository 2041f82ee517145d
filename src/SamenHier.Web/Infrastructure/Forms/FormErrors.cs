using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace SamenHier.Web.Infrastructure.Forms;

/// <summary>
/// Errors in the order the handler found them, which is the order of the fields on the page. The
/// ModelStateDictionary enumerates its keys alphabetically, which would scramble the error summary.
/// </summary>
public static class FormErrors
{
    private const string ItemKey = "samenhier-error-order";

    public static void AddError(this PageModel page, string key, string message)
    {
        page.ModelState.AddModelError(key, message);
        if (page.HttpContext.Items[ItemKey] is not List<string> order)
        {
            order = [];
            page.HttpContext.Items[ItemKey] = order;
        }

        if (!order.Contains(key))
        {
            order.Add(key);
        }
    }

    /// <summary>
    /// Checks a typed text by <see cref="TextRules"/> and adds the matching error. A null
    /// <paramref name="requiredKey"/> means the field is optional. Returns true when the text is fine.
    /// </summary>
    public static bool CheckText(this PageModel page, IStringLocalizer t, string key, string? value, int max, string? requiredKey, bool multiline = false)
    {
        var message = TextRules.Check(value, max, required: requiredKey is not null, multiline) switch
        {
            TextRules.Problem.Missing => t[requiredKey!].Value,
            TextRules.Problem.TooLong => t["Error_TooLong", max].Value,
            TextRules.Problem.ControlCharacters => t["Error_ControlCharacters"].Value,
            _ => null,
        };
        if (message is not null)
        {
            page.AddError(key, message);
        }

        return message is null;
    }

    /// <summary>Forget every error so far (values stay in the bound model).</summary>
    public static void ClearErrors(this PageModel page)
    {
        page.ModelState.Clear();
        page.HttpContext.Items.Remove(ItemKey);
    }

    /// <summary>Each error with its field's key: first in the order added, then any others.</summary>
    public static IEnumerable<(string Key, string Message)> Ordered(ViewContext context)
    {
        var state = context.ViewData.ModelState;
        var order = context.HttpContext.Items[ItemKey] as List<string> ?? [];
        var keys = order.Concat(state.Keys.Where(k => !order.Contains(k)));
        foreach (var key in keys)
        {
            if (state.TryGetValue(key, out var entry))
            {
                foreach (var error in entry.Errors)
                {
                    yield return (key, error.ErrorMessage);
                }
            }
        }
    }
}
