using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Infrastructure.Forms;

/// <summary>One choice in a group of radio buttons, checkboxes or a select.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>
/// Form fields in the NL Design System (Utrecht) markup, the GOV.UK way: label, hint, error message
/// linked with aria-describedby, and the typed value always shown back.
/// </summary>
public abstract class FieldTagHelperBase(IStringLocalizer<SharedResource> t) : TagHelper
{
    [HtmlAttributeName("for")]
    public Microsoft.AspNetCore.Mvc.ViewFeatures.ModelExpression? For { get; set; }

    /// <summary>
    /// Instead of <c>for</c>, for a field in a list (<c>name="@($"Languages[{i}].Code")" value="@row.Code"</c>):
    /// an expression that reads a loop variable is compiled anew on every render, which made the
    /// sign-up's member page several times slower (docs/benchmarks.md "Sign-up rush").
    /// </summary>
    [HtmlAttributeName("name")]
    public string? FieldName { get; set; }

    /// <summary>The value of a field given by <see cref="FieldName"/>.</summary>
    [HtmlAttributeName("value")]
    public object? FieldValue { get; set; }

    public string Label { get; set; } = "";

    public string? Hint { get; set; }

    public bool Optional { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected IStringLocalizer<SharedResource> T => t;

    /// <summary>The name the model binder reads: a [BindProperty(Name = "zoek")] query field is sent as "zoek".</summary>
    protected string Name => FieldName is { } name
        ? ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(name)
        : For!.Metadata.BinderModelName ?? ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);

    /// <summary>The field's current value: from <c>value</c> with <c>name</c>, else from <c>for</c>.</summary>
    protected object? Value => FieldName is not null ? FieldValue : For!.Model;

    protected string Id => FieldId(Name);

    public static string FieldId(string name) => TagBuilder.CreateSanitizedId(name, "_");

    protected IReadOnlyList<string> Errors =>
        ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry)
            ? [.. entry.Errors.Select(e => e.ErrorMessage)]
            : [];

    protected string LabelText => Optional ? $"{Label} {T["Form_Optional"].Value}" : Label;

    protected static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    protected string DescribedBy()
    {
        var ids = new List<string>();
        if (Hint is not null)
        {
            ids.Add(Id + "-hint");
        }

        if (Errors.Count > 0)
        {
            ids.Add(Id + "-error");
        }

        return ids.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', ids)}\"";
    }

    protected string HintAndErrors()
    {
        var html = "";
        if (Hint is not null)
        {
            html += $"<div class=\"utrecht-form-field__description utrecht-form-field-description\" id=\"{Id}-hint\">{E(Hint)}</div>";
        }

        if (Errors.Count > 0)
        {
            html += $"<div class=\"utrecht-form-field__error-message utrecht-form-field-error-message\" id=\"{Id}-error\">"
                + $"<span class=\"sh-visually-hidden\">{E(T["Form_ErrorPrefix"].Value)} </span>{E(string.Join(' ', Errors))}</div>";
        }

        return html;
    }
}

/// <summary><c>&lt;sh-text for="Input.Name" label="..." /&gt;</c>: a text box or, with <c>rows</c>, a text area.</summary>
[HtmlTargetElement("sh-text", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextFieldTagHelper(IStringLocalizer<SharedResource> t) : FieldTagHelperBase(t)
{
    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    /// <summary>
    /// The limit the server checks. Deliberately not rendered as maxlength: a browser would cut pasted
    /// text silently, and the person would lose what they typed without being told.
    /// </summary>
    public int MaxLength { get; set; }

    public int Rows { get; set; }

    public string? InputMode { get; set; }

    public string? Width { get; set; }

    /// <summary>For type="file": the kinds of file to offer.</summary>
    public string? Accept { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var invalid = Errors.Count > 0;
        output.Attributes.SetAttribute("class", "utrecht-form-field utrecht-form-field--text" + (invalid ? " utrecht-form-field--invalid" : ""));
        // A browser never shows a file field's value back: the person chooses the file again.
        var value = Type == "file" ? null : Value?.ToString();
        var common = $"id=\"{Id}\" name=\"{E(Name)}\" dir=\"auto\"{DescribedBy()}"
            + (invalid ? " aria-invalid=\"true\"" : "")
            + (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"")
            + (InputMode is null ? "" : $" inputmode=\"{E(InputMode)}\"")
            + (Accept is null ? "" : $" accept=\"{E(Accept)}\"");
        var width = Width is null ? "" : $" sh-width-{Width}";
        var control = Rows > 0
            ? $"<textarea class=\"utrecht-textarea utrecht-textarea--html-textarea{(invalid ? " utrecht-textarea--invalid" : "")}\" rows=\"{Rows}\" {common}>{E(value)}</textarea>"
            : $"<input class=\"utrecht-textbox utrecht-textbox--html-input{(invalid ? " utrecht-textbox--invalid" : "")}{width}\" type=\"{E(Type)}\" value=\"{E(value)}\" {common}>";
        output.Content.SetHtmlContent(
            $"<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"{Id}\">{E(LabelText)}</label></div>"
            + HintAndErrors()
            + $"<div class=\"utrecht-form-field__input\">{control}</div>");
    }
}

/// <summary><c>&lt;sh-select for="..." label="..." options="..." /&gt;</c></summary>
[HtmlTargetElement("sh-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SelectFieldTagHelper(IStringLocalizer<SharedResource> t) : FieldTagHelperBase(t)
{
    public IEnumerable<Choice> Options { get; set; } = [];

    /// <summary>Text of the empty first option.</summary>
    public string? Placeholder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var invalid = Errors.Count > 0;
        output.Attributes.SetAttribute("class", "utrecht-form-field utrecht-form-field--select" + (invalid ? " utrecht-form-field--invalid" : ""));
        var value = Value?.ToString();
        var options = $"<option value=\"\">{E(Placeholder ?? "")}</option>"
            + string.Concat(Options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == value ? " selected" : "")}>{E(o.Label)}</option>"));
        output.Content.SetHtmlContent(
            $"<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"{Id}\">{E(LabelText)}</label></div>"
            + HintAndErrors()
            + $"<div class=\"utrecht-form-field__input\"><select class=\"utrecht-select utrecht-select--html-select{(invalid ? " utrecht-select--invalid" : "")}\" id=\"{Id}\" name=\"{E(Name)}\"{DescribedBy()}{(invalid ? " aria-invalid=\"true\"" : "")}>{options}</select></div>");
    }
}

/// <summary><c>&lt;sh-choices for="..." label="legend" options="..." multiple /&gt;</c>: radio buttons or checkboxes in a fieldset.</summary>
[HtmlTargetElement("sh-choices", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ChoicesTagHelper(IStringLocalizer<SharedResource> t) : FieldTagHelperBase(t)
{
    public IEnumerable<Choice> Options { get; set; } = [];

    public bool Multiple { get; set; }

    /// <summary>Show the legend as the page's heading (one question per page).</summary>
    public bool LegendIsHeading { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        var invalid = Errors.Count > 0;
        output.Attributes.SetAttribute("class", "utrecht-form-fieldset" + (invalid ? " utrecht-form-fieldset--invalid" : ""));
        var selected = Value switch
        {
            string s => new HashSet<string> { s },
            IEnumerable<string> many => [.. many],
            _ => [],
        };
        var type = Multiple ? "checkbox" : "radio";
        var inputClass = Multiple ? "utrecht-checkbox utrecht-checkbox--html-input" : "utrecht-radio-button utrecht-radio-button--html-input";
        var legend = LegendIsHeading
            ? $"<legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\"><h1 class=\"utrecht-heading-1\">{E(LabelText)}</h1></legend>"
            : $"<legend class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">{E(LabelText)}</legend>";
        var items = Options.Select((o, i) =>
        {
            // The first option carries the field's id, so the error summary's link lands on it.
            var id = i == 0 ? Id : $"{Id}-{i}";
            var hintId = o.Hint is null ? "" : $" aria-describedby=\"{id}-hint\"";
            var hint = o.Hint is null ? "" : $"<div class=\"utrecht-form-field__description utrecht-form-field-description\" id=\"{id}-hint\">{E(o.Hint)}</div>";
            return $"<div class=\"utrecht-form-field utrecht-form-field--{(Multiple ? "checkbox" : "radio")}\">"
                + $"<div class=\"utrecht-form-field__input\"><input class=\"{inputClass}\" type=\"{type}\" id=\"{id}\" name=\"{E(Name)}\" value=\"{E(o.Value)}\"{(selected.Contains(o.Value) ? " checked" : "")}{hintId}></div>"
                + $"<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label utrecht-form-label--{(Multiple ? "checkbox" : "radio")}\" for=\"{id}\">{E(o.Label)}</label></div>"
                + hint + "</div>";
        });
        output.Content.SetHtmlContent(
            $"<fieldset class=\"utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset\"{DescribedBy()}>"
            + legend + HintAndErrors() + string.Concat(items) + "</fieldset>");
    }
}
