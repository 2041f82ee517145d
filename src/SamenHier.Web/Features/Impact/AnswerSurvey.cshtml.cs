using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure.Forms;
using SamenHier.Web.Resources;

namespace SamenHier.Web.Features.Impact;

/// <summary>
/// Answering a questionnaire on a phone, one question at a time: first whether the answers may be
/// used for research, then each question, which may be skipped. Every answer is saved when it is
/// given, so leaving halfway loses nothing and coming back starts where the person stopped.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class AnswerSurveyModel(AppDbContext db, CurrentStaff me, SurveyService surveys, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public SurveyResponse Survey { get; private set; } = null!;

    public IReadOnlyList<QuestionnaireItem> Items => Survey.Questionnaire!.Items;

    /// <summary>0: the consent question; 1..n: the items; n + 1: done.</summary>
    public int Step { get; private set; }

    public QuestionnaireItem? Item => Step >= 1 && Step <= Items.Count ? Items[Step - 1] : null;

    public bool Done => Survey.CompletedAt is not null || Step > Items.Count;

    /// <summary>Not finished, but its wave's window has closed: nothing more can be answered (the figures are final).</summary>
    public bool Closed => Survey.CompletedAt is null && !surveys.IsOpen(Survey);

    /// <summary>The last day it could be answered, in the person's language.</summary>
    public string ClosedOn => Survey.Group?.YearStartedOn is { } started
        ? SurveyService.ClosesOn(started, Survey.Wave).ToString("d MMMM yyyy", CultureInfo.CurrentCulture)
        : "";

    [BindProperty]
    public string? Answer { get; set; }

    [BindProperty]
    public List<string> Choices { get; set; } = [];

    [BindProperty]
    public string? Consent { get; set; }

    /// <summary>With a free-text question: "yes" when what they write may be quoted without name.</summary>
    [BindProperty]
    public List<string> Quote { get; set; } = [];

    public IReadOnlyList<Choice> QuoteChoices => [new("yes", t["Survey_QuoteConsent"])];

    public IReadOnlyList<Choice> ConsentChoices => [new("yes", t["Survey_ConsentYes"]), new("no", t["Survey_ConsentNo"])];

    public IReadOnlyList<Choice> OptionChoices => Item switch
    {
        { Kind: ItemKind.Likert } => [.. Enumerable.Range(1, 5).Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), t[$"SurveyLikert_{n}"]))],
        { Kind: ItemKind.OneChoice or ItemKind.ManyChoices } item => [.. item.Options.Split(',').Select(o => new Choice(o, t[$"SurveyOption_{o}"]))],
        _ => [],
    };

    public string Question => Item is { } item ? t[$"Survey_{Survey.Questionnaire!.Key}_{item.Key}"] : "";

    public async Task<IActionResult> OnGetAsync(Guid id, int? step, CancellationToken ct)
    {
        if (await surveys.MineAsync(me.Id, id, ct) is not { } survey)
        {
            return NotFound();
        }

        Survey = survey;
        Step = survey.CompletedAt is not null ? Items.Count + 1 : Allowed(step);
        Consent = survey.ResearchConsent switch { true => "yes", false => "no", _ => null };
        if (Item is { } item && survey.Answers.FirstOrDefault(a => a.ItemKey == item.Key) is { Skipped: false, Value: { } value })
        {
            Answer = value;
            Choices = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
        }

        Quote = survey.QuoteConsent == true ? ["yes"] : [];

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int? step, string? skip, CancellationToken ct)
    {
        var survey = await surveys.MineAsync(me.Id, id, ct);
        if (survey is null)
        {
            return NotFound();
        }

        if (survey.CompletedAt is not null)
        {
            return Redirect($"/vragenlijst/{id}");
        }

        Survey = survey;
        if (Closed)
        {
            // The window closed while the page was open: say so, change nothing.
            Step = Allowed(step);
            return Page();
        }

        Step = Math.Min(Allowed(step), Items.Count);
        var now = time.GetUtcNow();
        if (Step == 0)
        {
            if (Consent is not ("yes" or "no"))
            {
                this.AddError(nameof(Consent), t["Error_Survey_Consent"]);
                return Page();
            }

            survey.ResearchConsent = Consent == "yes";
            survey.ConsentAt = now;
        }
        else
        {
            var item = Item!;
            var value = skip is null ? Read(item) : null;
            if (skip is null && value is null)
            {
                return Page();
            }

            var answer = survey.Answers.FirstOrDefault(a => a.ItemKey == item.Key);
            if (answer is null)
            {
                answer = new SurveyAnswer { ResponseId = survey.Id, ItemKey = item.Key };
                db.SurveyAnswers.Add(answer);
            }

            answer.Value = value;
            answer.Skipped = skip is not null;
            answer.SavedAt = now;
            if (item.Kind == ItemKind.Text)
            {
                // Quoting is agreed to with the text itself; skipping the question agrees to nothing.
                survey.QuoteConsent = skip is null && Quote.Contains("yes");
            }
            // Complete once every question has an answer or was skipped.
            if (Items.All(i => survey.Answers.Any(a => a.ItemKey == i.Key) || i.Key == item.Key))
            {
                survey.CompletedAt = now;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same answer sent twice at once (a double tap, two tabs): the other one is saved.
            return Redirect($"/vragenlijst/{id}/{Step}");
        }

        return Redirect($"/vragenlijst/{id}/{Step + 1}");
    }

    /// <summary>The step asked for, if the person got that far: consent comes first, and no question is reached before the ones ahead of it.</summary>
    private int Allowed(int? step)
    {
        var next = Next();
        return Survey.ResearchConsent is null ? 0 : Math.Clamp(step ?? next, 0, next);
    }

    /// <summary>The first step not yet answered.</summary>
    private int Next()
    {
        if (Survey.ResearchConsent is null)
        {
            return 0;
        }

        var answered = Survey.Answers.Select(a => a.ItemKey).ToHashSet(StringComparer.Ordinal);
        var open = Items.Select((item, n) => (item, n)).FirstOrDefault(x => !answered.Contains(x.item.Key));
        return open.item is null ? Items.Count + 1 : open.n + 1;
    }

    /// <summary>Digits as typed on an Arabic, Persian or other keyboard (٧, ۷) read as 0–9.</summary>
    private static string? WesternDigits(string? value) =>
        value is null ? null : new string([.. value.Select(c => char.IsDigit(c) ? (char)('0' + (int)char.GetNumericValue(c)) : c)]);

    /// <summary>The answer, checked for its kind; null (with a message) when it cannot be taken.</summary>
    private string? Read(QuestionnaireItem item)
    {
        switch (item.Kind)
        {
            case ItemKind.Likert or ItemKind.OneChoice:
                if (OptionChoices.Any(c => c.Value == Answer))
                {
                    return Answer;
                }

                this.AddError(nameof(Answer), t["Error_Survey_Choose"]);
                return null;
            case ItemKind.ManyChoices:
                if (Choices.Count > 0 && Choices.All(c => OptionChoices.Any(o => o.Value == c)))
                {
                    return string.Join(',', OptionChoices.Select(o => o.Value).Where(Choices.Contains));
                }

                this.AddError(nameof(Choices), t["Error_Survey_ChooseAny"]);
                return null;
            case ItemKind.Number:
                if (int.TryParse(WesternDigits(Answer?.Trim()), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= (item.Min ?? 0) && number <= (item.Max ?? int.MaxValue))
                {
                    return number.ToString(CultureInfo.InvariantCulture);
                }

                this.AddError(nameof(Answer), t["Error_Survey_Number", item.Min ?? 0, item.Max ?? int.MaxValue]);
                return null;
            default:
                return this.CheckText(t, nameof(Answer), Answer, Limits.Note, "Error_Survey_Text", multiline: true) ? TextRules.Clean(Answer) : null;
        }
    }
}
