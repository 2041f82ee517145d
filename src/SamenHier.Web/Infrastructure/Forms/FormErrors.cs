using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

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
