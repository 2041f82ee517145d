using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Features.SignUp;

namespace SamenHier.Web.Features.Privacy;

/// <summary>
/// The public privacy statement (<c>Privacy_S1…</c>), with the periods it names taken from the settings
/// the retention job applies, so the statement cannot promise other periods than the product keeps.
/// The same text is shown at /privacy and recorded with every member's consent.
/// </summary>
public sealed class PrivacyStatement(IOptions<SignUpOptions> signUp, IOptions<RetentionOptions> retention)
{
    /// <summary>How many sections the statement has.</summary>
    public const int Sections = 9;

    public string Version => signUp.Value.PrivacyStatementVersion;

    /// <summary>The sections in the current language: {0} sign-up days, {1} group months, {2} enquiry months, {3} donation years, {4} days for unconfirmed gifts, {5} story months, {6} months after a household left.</summary>
    public IReadOnlyList<(string Title, string Text)> Read(IStringLocalizer t)
    {
        var r = retention.Value;
        object[] periods = [signUp.Value.ExpiryDays, r.GroupMonths, r.EnquiryMonths, r.DonationYears, r.PendingDonationDays, r.StoryMonths, r.LeftHouseholdMonths];
        return [.. Enumerable.Range(1, Sections).Select(i => (t[$"Privacy_S{i}_Title"].Value, t[$"Privacy_S{i}_Text", periods].Value))];
    }

    /// <summary>The statement as the public page shows it, in the current language, after the words of the box ticked.</summary>
    public string WithStatement(string agreed, IStringLocalizer t)
    {
        var text = new System.Text.StringBuilder(agreed.Trim());
        text.Append("\n\n").Append(t["Privacy_Title"].Value);
        foreach (var (title, body) in Read(t))
        {
            text.Append("\n\n").Append(title).Append('\n').Append(body);
        }

        return text.ToString();
    }
}
